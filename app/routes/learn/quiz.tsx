import { Alert, Anchor, Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { parseJson, parseWith, runAction, runLoader } from "~/lib/http.server";
import { asPercent, formatPercent } from "~/lib/numbers";
import { requirePermission, requireUser } from "~/lib/session.server";
import { FormError, isFailure } from "~/lib/ui/forms";
import { optionLabel } from "~/modules/courses";
import { QuizForm, attemptAnswersSchema } from "~/modules/learning";
import { getAttempt, submitBrowserAnswers } from "~/modules/learning/index.server";

const paramsSchema = z.object({
  courseId: z.string().min(1).max(40),
  attemptId: z.string().min(1).max(40),
});

async function requireLearner(request: Request) {
  const user = await requireUser(request);
  requirePermission(user, "read", { type: "Learning", ownerId: user.id });
  return user;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireLearner(request);
  return runLoader(async () => {
    const { courseId, attemptId } = parseWith(paramsSchema, params);
    return { courseId, attempt: await getAttempt(user.id, courseId, attemptId) };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireLearner(request);
  return runAction(async () => {
    const { courseId, attemptId } = parseWith(paramsSchema, params);
    const { answers } = await parseJson(request, attemptAnswersSchema);
    const result = await submitBrowserAnswers(user.id, courseId, attemptId, answers);
    return redirect(`/learn/${courseId}/quiz/${attemptId}${result.timeUp ? "?late=1" : ""}`);
  });
}

/** Boxes for multiple-answer questions, circles for pick-one, as in the form. */
function marker(type: string, chosen: boolean) {
  if (type === "MULTIPLE") return chosen ? "☑" : "☐";
  return chosen ? "●" : "○";
}

export default function QuizAttemptPage() {
  const { t } = useTranslation();
  const { courseId, attempt } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <Stack maw={820}>
      <Anchor component={Link} to={`/learn/${courseId}`} size="sm">
        ← {attempt.courseTitle}
      </Anchor>
      <Title order={1} size="h2">
        {t("learning.attemptTitle", { number: attempt.number })}
      </Title>
      {isFailure(actionData) && <FormError message={t(actionData.formError)} />}
      {!attempt.submitted ? (
        <QuizForm questions={attempt.questions} deadlineAt={attempt.deadlineAt} />
      ) : (
        <Stack data-testid="quiz-result">
          {params.get("late") && <Alert color="orange">{t("learning.quiz.timeUp")}</Alert>}
          <Alert color={attempt.passed ? "teal" : "red"} role="status">
            {attempt.passed
              ? t("courses.preview.passed", { percent: attempt.score, passMark: attempt.passMark })
              : t("courses.preview.failed", { percent: attempt.score, passMark: attempt.passMark })}
          </Alert>
          {attempt.questions.map((question, index) => {
            const review = attempt.review.find((r) => r.id === question.id)!;
            const chosen = review.answer.optionIds ?? [];
            return (
              <Card withBorder key={question.id}>
                <Group justify="space-between" wrap="nowrap" mb="xs">
                  <Text fw={600}>
                    {index + 1}. {question.prompt}
                  </Text>
                  <Badge color={review.score === 1 ? "teal" : review.score > 0 ? "yellow" : "red"}>
                    {formatPercent(asPercent(review.score))}
                  </Badge>
                </Group>
                {question.type === "SHORT" ? (
                  <Text size="sm">
                    {t("learning.yourAnswerWas", { answer: review.answer.text ?? "—" })} ·{" "}
                    {t("courses.preview.accepted", { answers: review.acceptedAnswers.join(" / ") })}
                  </Text>
                ) : (
                  <Stack gap={2}>
                    {question.options.map((option) => (
                      <Text
                        key={option.id}
                        size="sm"
                        c={review.correctOptionIds.includes(option.id) ? "teal" : undefined}
                      >
                        {marker(question.type, chosen.includes(option.id))}{" "}
                        {optionLabel(t, question.type, option)}
                        {review.correctOptionIds.includes(option.id)
                          ? ` ✓ ${t("learning.correct")}`
                          : ""}
                      </Text>
                    ))}
                  </Stack>
                )}
                {review.explanation && (
                  <Text size="sm" c="dimmed" mt="xs">
                    {review.explanation}
                  </Text>
                )}
              </Card>
            );
          })}
          <Anchor component={Link} to={`/learn/${courseId}?lesson=999`}>
            {t("learning.backToCourse")}
          </Anchor>
        </Stack>
      )}
    </Stack>
  );
}
