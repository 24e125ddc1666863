import { Alert, Button, Card, Checkbox, Radio, Stack, TextInput, Title } from "@mantine/core";
import { useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { QuestionType } from "~/modules/courses/schemas";

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

export function optionLabel(
  t: (key: string) => string,
  type: QuestionType,
  option: { id: string; text: string },
) {
  return type === "TRUE_FALSE"
    ? t(`courses.question.${option.id === "true" ? "true" : "false"}`)
    : option.text;
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
  const choose = (id: string, optionIds: string[]) =>
    setAnswers((prev) => ({ ...prev, [id]: { optionIds } }));
  const send = () => submit({ answers } as never, { method: "post", encType: "application/json" });
  // When time runs out the answers so far are sent at once, inside the server's grace period.
  const latestAnswers = useRef(answers);
  latestAnswers.current = answers;
  const autoSent = useRef(false);
  useEffect(() => {
    if (secondsLeft === 0 && !autoSent.current) {
      autoSent.current = true;
      submit({ answers: latestAnswers.current } as never, {
        method: "post",
        encType: "application/json",
      });
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
        const chosen = answers[question.id]?.optionIds ?? [];
        return (
          <Card withBorder key={question.id}>
            <Title order={2} size="h5" mb="xs" id={`q-${question.id}`}>
              {index + 1}. {question.prompt}
            </Title>
            {question.type === "SHORT" ? (
              <TextInput
                aria-labelledby={`q-${question.id}`}
                maxLength={200}
                value={answers[question.id]?.text ?? ""}
                onChange={(event) => {
                  const text = event.currentTarget.value;
                  setAnswers((prev) => ({ ...prev, [question.id]: { text } }));
                }}
              />
            ) : question.type === "MULTIPLE" ? (
              <Stack gap={6} role="group" aria-labelledby={`q-${question.id}`}>
                {question.options.map((option) => (
                  <Checkbox
                    key={option.id}
                    label={option.text}
                    checked={chosen.includes(option.id)}
                    onChange={(event) =>
                      choose(
                        question.id,
                        event.currentTarget.checked
                          ? [...chosen, option.id]
                          : chosen.filter((id) => id !== option.id),
                      )
                    }
                  />
                ))}
              </Stack>
            ) : (
              <Radio.Group
                value={chosen[0] ?? ""}
                onChange={(value) => choose(question.id, [value])}
                aria-labelledby={`q-${question.id}`}
              >
                <Stack gap={6}>
                  {question.options.map((option) => (
                    <Radio
                      key={option.id}
                      value={option.id}
                      label={optionLabel(t, question.type, option)}
                    />
                  ))}
                </Stack>
              </Radio.Group>
            )}
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
