import { Stack, Title } from "@mantine/core";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { TextLink } from "~/lib/ui/plain";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { formAction } from "~/lib/actions.server";
import { parseWith, runLoader } from "~/lib/http.server";
import { requireOwn } from "~/lib/session.server";
import { FormError, isFailure } from "~/lib/ui/forms";
import { QuizForm, QuizReview, attemptAnswersSchema } from "~/modules/learning";
import { getAttempt, submitBrowserAnswers } from "~/modules/learning/index.server";

const paramsSchema = z.object({
  courseId: z.string().min(1).max(40),
  attemptId: z.string().min(1).max(40),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireOwn(request, "read", "Learning");
  return runLoader(async () => {
    const { courseId, attemptId } = parseWith(paramsSchema, params);
    return { courseId, attempt: await getAttempt(user.id, courseId, attemptId) };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireOwn(request, "read", "Learning");
  return formAction(
    request,
    attemptAnswersSchema,
    async ({ answers }) => {
      const { courseId, attemptId } = parseWith(paramsSchema, params);
      const result = await submitBrowserAnswers(user.id, courseId, attemptId, answers);
      return redirect(`/learn/${courseId}/quiz/${attemptId}${result.timeUp ? "?late=1" : ""}`);
    },
    { json: true },
  );
}

export default function QuizAttemptPage() {
  const { t } = useTranslation();
  const { courseId, attempt } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <Stack maw={820}>
      <TextLink to={`/learn/${courseId}`} size="sm">
        ← {attempt.courseTitle}
      </TextLink>
      <Title order={1} size="h2">
        {t("learning.attemptTitle", { number: attempt.number })}
      </Title>
      {isFailure(actionData) && <FormError message={t(actionData.formError)} />}
      {!attempt.submitted ? (
        <QuizForm questions={attempt.questions} deadlineAt={attempt.deadlineAt} />
      ) : (
        <QuizReview courseId={courseId} attempt={attempt} late={!!params.get("late")} />
      )}
    </Stack>
  );
}
