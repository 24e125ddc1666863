import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formAction } from "~/lib/actions.server";
import { parseWith, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import {
  keepEditorOnMarkdownPreview,
  LessonEditorPage,
  lessonUpdateSchema,
} from "~/modules/courses";
import { getEditableCourse, getLessonForEdit, updateLesson } from "~/modules/courses/index.server";

// A lesson's edit page; the new-lesson page is lesson-new.tsx.

const paramsSchema = z.object({
  courseId: z.string().min(1).max(40),
  lessonId: z.string().min(1).max(40),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Course");
  return runLoader(async () => {
    const { courseId, lessonId } = parseWith(paramsSchema, params);
    const course = await getEditableCourse(user, courseId);
    return { course, lesson: await getLessonForEdit(courseId, lessonId) };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "read", "Course");
  return formAction(request, lessonUpdateSchema, async (input) => {
    const { courseId, lessonId } = parseWith(paramsSchema, params);
    await updateLesson(user, courseId, lessonId, input);
    return redirect(`/courses/${courseId}/edit`);
  });
}

export const shouldRevalidate = keepEditorOnMarkdownPreview;

export default function LessonPage() {
  const { course, lesson } = useLoaderData<typeof loader>();
  return (
    <LessonEditorPage course={course} lesson={lesson} actionData={useActionData<typeof action>()} />
  );
}
