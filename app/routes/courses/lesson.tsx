import { Anchor } from "@mantine/core";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import {
  Link,
  useActionData,
  useLoaderData,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { parseForm, parseWith, runAction, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { PageHeader } from "~/lib/ui/page";
import { LessonEditor, lessonSchema, lessonUpdateSchema } from "~/modules/courses";
import {
  addLesson,
  getLessonForEdit,
  updateLesson,
  getCourseAccess,
} from "~/modules/courses/index.server";
import { forbidden } from "~/lib/http.server";

const paramsSchema = z.object({
  courseId: z.string().min(1).max(40),
  lessonId: z.string().min(1).max(40),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Course");
  return runLoader(async () => {
    const { courseId, lessonId } = parseWith(paramsSchema, params);
    const { course, canEdit } = await getCourseAccess(user, courseId);
    if (!canEdit) throw forbidden();
    const lesson = lessonId === "new" ? null : await getLessonForEdit(courseId, lessonId);
    return { course, lesson };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "read", "Course");
  return runAction(async () => {
    const { courseId, lessonId } = parseWith(paramsSchema, params);
    if (lessonId === "new") {
      await addLesson(user, courseId, await parseForm(request, lessonSchema));
    } else {
      await updateLesson(user, courseId, lessonId, await parseForm(request, lessonUpdateSchema));
    }
    return redirect(`/courses/${courseId}/edit`);
  });
}

// The live Markdown preview posts elsewhere; it must not reload the editor's data.
export const shouldRevalidate: ShouldRevalidateFunction = ({
  formAction,
  defaultShouldRevalidate,
}) => (formAction === "/courses/markdown-preview" ? false : defaultShouldRevalidate);

export default function LessonPage() {
  const { t } = useTranslation();
  const { course, lesson } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <Anchor component={Link} to={`/courses/${course.id}/edit`} size="sm">
        ← {course.title}
      </Anchor>
      <PageHeader title={lesson ? lesson.title : t("courses.lesson.add")} />
      <LessonEditor
        mode={lesson ? "edit" : "create"}
        actionData={actionData}
        defaultValues={
          lesson
            ? {
                title: lesson.title,
                body: lesson.body,
                videoUrl: lesson.videoUrl,
                attachmentUrl: lesson.attachmentUrl,
                revision: String(lesson.revision),
              }
            : { title: "", body: "", videoUrl: "", attachmentUrl: "" }
        }
      />
    </>
  );
}
