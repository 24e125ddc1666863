import { Alert, Button, Card, Stack, Title } from "@mantine/core";
import { useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { AnswerInput, type QuestionType } from "~/modules/courses";

export interface AttemptQuestion {
  id: string;
  type: QuestionType;
  prompt: string;
  options: { id: string; text: string }[];
}

type Answers = Record<string, { optionIds?: string[]; text?: string }>;

/** Seconds left until the deadline, ticking; the server enforces it regardless. */
function useSecondsLeft(deadlineAt: string | null) {
  const [left, setLeft] = useState<number | null>(null);
  useEffect(() => {
    if (!deadlineAt) return;
    const tick = () =>
      setLeft(Math.max(0, Math.round((new Date(deadlineAt).getTime() - Date.now()) / 1000)));
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [deadlineAt]);
  return left;
}

export function QuizForm({
  questions,
  deadlineAt,
}: {
  questions: AttemptQuestion[];
  deadlineAt: string | null;
}) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const navigation = useNavigation();
  const [answers, setAnswers] = useState<Answers>({});
  const secondsLeft = useSecondsLeft(deadlineAt);
  const send = () => submit({ answers }, { method: "post", encType: "application/json" });
  // When time runs out the answers so far are sent at once, inside the server's grace period.
  const latestAnswers = useRef(answers);
  latestAnswers.current = answers;
  const autoSent = useRef(false);
  useEffect(() => {
    if (secondsLeft === 0 && !autoSent.current) {
      autoSent.current = true;
      submit(
        { answers: latestAnswers.current },
        {
          method: "post",
          encType: "application/json",
        },
      );
    }
  }, [secondsLeft, submit]);
  return (
    <Stack data-testid="quiz-form">
      {secondsLeft !== null && (
        <Alert color={secondsLeft < 60 ? "red" : "blue"} role="timer">
          {t("learning.timeLeft", {
            minutes: Math.floor(secondsLeft / 60),
            seconds: String(secondsLeft % 60).padStart(2, "0"),
          })}
        </Alert>
      )}
      {questions.map((question, index) => {
        return (
          <Card withBorder key={question.id}>
            <Title order={2} size="h5" mb="xs" id={`q-${question.id}`}>
              {index + 1}. {question.prompt}
            </Title>
            <AnswerInput
              question={question}
              value={answers[question.id]}
              labelledBy={`q-${question.id}`}
              onChange={(value) => setAnswers((prev) => ({ ...prev, [question.id]: value }))}
            />
          </Card>
        );
      })}
      <Button
        onClick={send}
        loading={navigation.state !== "idle"}
        disabled={navigation.state !== "idle"}
      >
        {t("courses.preview.submitQuiz")}
      </Button>
    </Stack>
  );
}
