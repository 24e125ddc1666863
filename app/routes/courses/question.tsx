import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formAction } from "~/lib/actions.server";
import { parseWith, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { QuestionEditorPage, questionUpdateSchema } from "~/modules/courses";
import {
  getEditableCourse,
  getQuestionForEdit,
  updateQuestion,
} from "~/modules/courses/index.server";

// A question's edit page; the new-question page is question-new.tsx.

const paramsSchema = z.object({
  courseId: z.string().min(1).max(40),
  questionId: z.string().min(1).max(40),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Course");
  return runLoader(async () => {
    const { courseId, questionId } = parseWith(paramsSchema, params);
    const course = await getEditableCourse(user, courseId);
    return { course, question: await getQuestionForEdit(courseId, questionId) };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "read", "Course");
  return formAction(
    request,
    questionUpdateSchema,
    async (input) => {
      const { courseId, questionId } = parseWith(paramsSchema, params);
      await updateQuestion(user, courseId, questionId, input);
      return redirect(`/courses/${courseId}/edit`);
    },
    { json: true },
  );
}

export default function QuestionPage() {
  const { course, question } = useLoaderData<typeof loader>();
  return (
    <QuestionEditorPage
      course={course}
      question={question}
      actionData={useActionData<typeof action>()}
    />
  );
}
