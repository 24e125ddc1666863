import { Alert, Badge, Card, Group, Stack, Text } from "@mantine/core";
import { TextLink } from "~/lib/ui/plain";
import { useTranslation } from "react-i18next";
import { optionLabel, type QuestionType } from "~/modules/courses";
import type { AttemptQuestion } from "./quiz-form";
import { asPercent, formatPercent } from "~/lib/numbers";

/** One question's result after submission, as getAttempt gives it. */
export interface QuestionReview {
  id: string;
  score: number;
  answer: { optionIds?: string[]; text?: string };
  correctOptionIds: string[];
  acceptedAnswers: string[];
  explanation: string;
}

/** Boxes for multiple-answer questions, circles for pick-one, as in the form. */
function marker(type: QuestionType, chosen: boolean) {
  if (type === "MULTIPLE") return chosen ? "☑" : "☐";
  return chosen ? "●" : "○";
}

function ReviewedQuestion({
  question,
  index,
  review,
}: {
  question: AttemptQuestion;
  index: number;
  review: QuestionReview;
}) {
  const { t } = useTranslation();
  const chosen = review.answer.optionIds ?? [];
  return (
    <Card withBorder>
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
              {review.correctOptionIds.includes(option.id) ? ` ✓ ${t("learning.correct")}` : ""}
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
}

/** A submitted attempt: the result, each question with the right answers, the way back. */
export function QuizReview({
  courseId,
  attempt,
  late,
}: {
  courseId: string;
  attempt: {
    score: number;
    passed: boolean;
    passMark: number;
    questions: AttemptQuestion[];
    review: QuestionReview[];
  };
  /** The submission came after the time limit. */
  late: boolean;
}) {
  const { t } = useTranslation();
  const result = { percent: attempt.score, passMark: attempt.passMark };
  return (
    <Stack data-testid="quiz-result">
      {late && <Alert color="orange">{t("learning.quiz.timeUp")}</Alert>}
      <Alert color={attempt.passed ? "teal" : "red"} role="status">
        {attempt.passed ? t("courses.preview.passed", result) : t("courses.preview.failed", result)}
      </Alert>
      {attempt.questions.map((question, index) => (
        <ReviewedQuestion
          key={question.id}
          question={question}
          index={index}
          review={attempt.review.find((r) => r.id === question.id)!}
        />
      ))}
      <TextLink to={`/learn/${courseId}?lesson=999`}>{t("learning.backToCourse")}</TextLink>
    </Stack>
  );
}
