import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formAction } from "~/lib/actions.server";
import { parseWith, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { keepEditorOnMarkdownPreview, LessonEditorPage, lessonSchema } from "~/modules/courses";
import { addLesson, getEditableCourse } from "~/modules/courses/index.server";

// /courses/:courseId/lessons/new: a static segment, so it wins over lessons/:lessonId.

const paramsSchema = z.object({ courseId: z.string().min(1).max(40) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Course");
  return runLoader(async () => {
    const { courseId } = parseWith(paramsSchema, params);
    const course = await getEditableCourse(user, courseId);
    return { course };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "read", "Course");
  return formAction(request, lessonSchema, async (input) => {
    const { courseId } = parseWith(paramsSchema, params);
    await addLesson(user, courseId, input);
    return redirect(`/courses/${courseId}/edit`);
  });
}

export const shouldRevalidate = keepEditorOnMarkdownPreview;

export default function NewLessonPage() {
  const { course } = useLoaderData<typeof loader>();
  return (
    <LessonEditorPage course={course} lesson={null} actionData={useActionData<typeof action>()} />
  );
}
