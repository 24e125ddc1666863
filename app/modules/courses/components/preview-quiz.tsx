import { Alert, Button, Card, Stack, Text, Title } from "@mantine/core";
import { useFetcher } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { asPercent } from "~/lib/numbers";
import type { QuestionType } from "../schemas";
import { AnswerInput, optionLabel } from "./answer-input";

export interface PreviewQuestion {
  id: string;
  type: QuestionType;
  prompt: string;
  options: { id: string; text: string }[];
}

interface GradeResult {
  results: {
    id: string;
    score: number;
    correctOptionIds: string[];
    acceptedAnswers: string[];
    explanation: string;
  }[];
  percent: number;
  passed: boolean;
  passMark: number;
}

type Answers = Record<string, { optionIds?: string[]; text?: string }>;

/** Takes the quiz as a learner would; the server grades it and records nothing. */
export function PreviewQuiz({
  questions,
  passMark,
  nonce,
  canGrade,
}: {
  questions: PreviewQuestion[];
  passMark: number;
  /** Sent back with the answers: the opaque ids of this preview load derive from it. */
  nonce: string;
  /** Grading shows the answers, so only editors of the course may. */
  canGrade: boolean;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<GradeResult>();
  const [answers, setAnswers] = useState<Answers>({});
  const graded = fetcher.data && "results" in fetcher.data ? fetcher.data : undefined;
  const resultFor = (id: string) => graded?.results.find((result) => result.id === id);
  const grade = () =>
    fetcher.submit(
      { nonce, answers: Object.fromEntries(questions.map((q) => [q.id, answers[q.id] ?? {}])) },
      { method: "post", encType: "application/json" },
    );

  return (
    <Stack data-testid="preview-quiz">
      <Text size="sm" c="dimmed">
        {t("courses.preview.quizNote", { passMark })}
      </Text>
      {questions.map((question, index) => (
        <PreviewQuestionCard
          key={question.id}
          question={question}
          number={index + 1}
          value={answers[question.id]}
          onChange={(value) => setAnswers((prev) => ({ ...prev, [question.id]: value }))}
          result={resultFor(question.id)}
        />
      ))}
      {fetcher.data && !graded && (
        <Alert color="red" role="alert">
          {t("errors.unexpected")}
        </Alert>
      )}
      {graded && (
        <Alert color={graded.passed ? "teal" : "red"} role="status" data-testid="preview-score">
          {graded.passed
            ? t("courses.preview.passed", { percent: graded.percent, passMark: graded.passMark })
            : t("courses.preview.failed", { percent: graded.percent, passMark: graded.passMark })}
        </Alert>
      )}
      {canGrade ? (
        <Button onClick={grade} loading={fetcher.state !== "idle"}>
          {t("courses.preview.submitQuiz")}
        </Button>
      ) : (
        <Text size="sm" c="dimmed" data-testid="preview-no-grading">
          {t("courses.preview.gradingEditorsOnly")}
        </Text>
      )}
    </Stack>
  );
}

type QuestionResult = GradeResult["results"][number];

function PreviewQuestionCard({
  question,
  number,
  value,
  onChange,
  result,
}: {
  question: PreviewQuestion;
  number: number;
  value: Answers[string] | undefined;
  onChange: (value: Answers[string]) => void;
  result: QuestionResult | undefined;
}) {
  return (
    <Card withBorder data-testid="preview-question">
      <Title order={3} size="h5" mb="xs">
        {number}. {question.prompt}
      </Title>
      <AnswerInput question={question} value={value} onChange={onChange} />
      {result && <QuestionResultNote question={question} result={result} />}
    </Card>
  );
}

/** One question's score and key after grading: accepted answers, the right options, why. */
function QuestionResultNote({
  question,
  result,
}: {
  question: PreviewQuestion;
  result: QuestionResult;
}) {
  const { t } = useTranslation();
  return (
    <Alert
      mt="sm"
      color={result.score === 1 ? "teal" : result.score > 0 ? "yellow" : "red"}
      data-testid="question-result"
    >
      <Text fw={600}>
        {t("courses.preview.questionScore", { percent: asPercent(result.score) })}
      </Text>
      {result.acceptedAnswers.length > 0 && (
        <Text size="sm">
          {t("courses.preview.accepted", { answers: result.acceptedAnswers.join(" / ") })}
        </Text>
      )}
      {result.correctOptionIds.length > 0 && (
        <Text size="sm">
          {t("courses.preview.correctWas", {
            answers: question.options
              .filter((option) => result.correctOptionIds.includes(option.id))
              .map((option) => optionLabel(t, question.type, option))
              .join(" / "),
          })}
        </Text>
      )}
      {result.explanation && <Text size="sm">{result.explanation}</Text>}
    </Alert>
  );
}
