import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseForm, runAction } from "~/lib/http.server";
import { canOnAll } from "~/lib/permissions";
import { requireUserWith } from "~/lib/session.server";
import { PageHeader } from "~/lib/ui/page";
import { CourseForm } from "~/modules/courses/components/course-form";
import { createCourse, listPossibleOwners } from "~/modules/courses/courses.server";
import { courseSchema } from "~/modules/courses/schemas";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "create", "Course");
  return {
    owners: await listPossibleOwners(),
    userId: user.id,
    canChooseOwner: canOnAll(user, "update", "Course"),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "create", "Course");
  return runAction(async () => {
    const course = await createCourse(user, await parseForm(request, courseSchema));
    return redirect(`/courses/${course.id}/edit`);
  });
}

export default function NewCoursePage() {
  const { t } = useTranslation();
  const { owners, userId, canChooseOwner } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader title={t("courses.create")} />
      <CourseForm
        mode="create"
        owners={owners}
        canChooseOwner={canChooseOwner}
        actionData={actionData}
        defaultValues={{
          title: "",
          summary: "",
          category: "PROCESS",
          estimatedMinutes: "30",
          tags: "",
          coverColor: "teal",
          coverIcon: "📘",
          ownerId: userId,
        }}
      />
    </>
  );
}
