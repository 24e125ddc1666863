import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formAction } from "~/lib/actions.server";
import { parseWith, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { QuestionEditorPage, questionSchema } from "~/modules/courses";
import { addQuestion, getEditableCourse } from "~/modules/courses/index.server";

// /courses/:courseId/questions/new: a static segment, so it wins over questions/:questionId.

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
  return formAction(
    request,
    questionSchema,
    async (input) => {
      const { courseId } = parseWith(paramsSchema, params);
      await addQuestion(user, courseId, input);
      return redirect(`/courses/${courseId}/edit`);
    },
    { json: true },
  );
}

export default function NewQuestionPage() {
  const { course } = useLoaderData<typeof loader>();
  return (
    <QuestionEditorPage
      course={course}
      question={null}
      actionData={useActionData<typeof action>()}
    />
  );
}
