import { Anchor } from "@mantine/core";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { forbidden, parseJson, parseWith, runAction, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { PageHeader } from "~/lib/ui/page";
import { QuestionEditor, questionSchema, questionUpdateSchema } from "~/modules/courses";
import {
  addQuestion,
  getQuestionForEdit,
  updateQuestion,
  getCourseAccess,
} from "~/modules/courses/index.server";

const paramsSchema = z.object({
  courseId: z.string().min(1).max(40),
  questionId: z.string().min(1).max(40),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Course");
  return runLoader(async () => {
    const { courseId, questionId } = parseWith(paramsSchema, params);
    const { course, canEdit } = await getCourseAccess(user, courseId);
    if (!canEdit) throw forbidden();
    const question = questionId === "new" ? null : await getQuestionForEdit(courseId, questionId);
    return { course, question };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "read", "Course");
  return runAction(async () => {
    const { courseId, questionId } = parseWith(paramsSchema, params);
    if (questionId === "new")
      await addQuestion(user, courseId, await parseJson(request, questionSchema));
    else
      await updateQuestion(
        user,
        courseId,
        questionId,
        await parseJson(request, questionUpdateSchema),
      );
    return redirect(`/courses/${courseId}/edit`);
  });
}

export default function QuestionPage() {
  const { t } = useTranslation();
  const { course, question } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <Anchor component={Link} to={`/courses/${course.id}/edit`} size="sm">
        ← {course.title}
      </Anchor>
      <PageHeader title={question ? t("courses.question.edit") : t("courses.question.add")} />
      <QuestionEditor
        actionData={actionData}
        defaultValues={
          question
            ? {
                type: question.type as "SINGLE",
                prompt: question.prompt,
                explanation: question.explanation,
                partialCredit: question.partialCredit,
                options: question.options,
                acceptedAnswers: question.acceptedAnswers.map((value) => ({ value })),
                revision: question.revision,
              }
            : {
                type: "SINGLE",
                prompt: "",
                explanation: "",
                partialCredit: false,
                options: [
                  { id: "a", text: "", correct: true },
                  { id: "b", text: "", correct: false },
                ],
                acceptedAnswers: [],
              }
        }
      />
    </>
  );
}
