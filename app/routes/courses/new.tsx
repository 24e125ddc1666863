import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { formAction } from "~/lib/actions.server";
import { canOnAll } from "~/lib/permissions";
import { requireUserWith } from "~/lib/session.server";
import { PageHeader } from "~/lib/ui/page";
import { CourseForm, courseSchema } from "~/modules/courses";
import { createCourse, listPossibleOwners } from "~/modules/courses/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "create", "Course");
  return {
    owners: await listPossibleOwners(),
    userId: user.id,
    canChooseOwner: canOnAll(user, "update", "Course"),
    submissionKey: crypto.randomUUID(),
  };
}

const createSchema = courseSchema.extend({ submissionKey: z.string().max(64).optional() });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "create", "Course");
  return formAction(request, createSchema, async ({ submissionKey, ...input }) => {
    const course = await createCourse(user, input, { submissionKey });
    return redirect(`/courses/${course.id}/edit`);
  });
}

export default function NewCoursePage() {
  const { t } = useTranslation();
  const { owners, userId, canChooseOwner, submissionKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader title={t("courses.create")} />
      <CourseForm
        mode="create"
        owners={owners}
        canChooseOwner={canChooseOwner}
        actionData={actionData}
        submissionKey={submissionKey}
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
