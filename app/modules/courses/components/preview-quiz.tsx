import { Alert, Button, Card, Checkbox, Radio, Stack, Text, TextInput, Title } from "@mantine/core";
import { useFetcher } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { QuestionType } from "../schemas";

interface PreviewQuestion {
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
}: {
  questions: PreviewQuestion[];
  passMark: number;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<GradeResult>();
  const [answers, setAnswers] = useState<Answers>({});
  const graded = fetcher.data && "results" in fetcher.data ? fetcher.data : undefined;
  const resultFor = (id: string) => graded?.results.find((result) => result.id === id);
  const choose = (id: string, optionIds: string[]) =>
    setAnswers((prev) => ({ ...prev, [id]: { optionIds } }));

  return (
    <Stack data-testid="preview-quiz">
      <Text size="sm" c="dimmed">
        {t("courses.preview.quizNote", { passMark })}
      </Text>
      {questions.map((question, index) => {
        const result = resultFor(question.id);
        const chosen = answers[question.id]?.optionIds ?? [];
        return (
          <Card withBorder key={question.id} data-testid="preview-question">
            <Title order={3} size="h5" mb="xs">
              {index + 1}. {question.prompt}
            </Title>
            {question.type === "SHORT" ? (
              <TextInput
                aria-label={t("courses.preview.yourAnswer")}
                value={answers[question.id]?.text ?? ""}
                onChange={(event) => {
                  const text = event.currentTarget.value;
                  setAnswers((prev) => ({ ...prev, [question.id]: { text } }));
                }}
              />
            ) : question.type === "MULTIPLE" ? (
              <Stack gap={6}>
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
              >
                <Stack gap={6}>
                  {question.options.map((option) => (
                    <Radio
                      key={option.id}
                      value={option.id}
                      label={
                        question.type === "TRUE_FALSE"
                          ? t(`courses.question.${option.id === "true" ? "true" : "false"}`)
                          : option.text
                      }
                    />
                  ))}
                </Stack>
              </Radio.Group>
            )}
            {result && (
              <Alert
                mt="sm"
                color={result.score === 1 ? "teal" : result.score > 0 ? "yellow" : "red"}
                data-testid="question-result"
              >
                <Text fw={600}>
                  {t("courses.preview.questionScore", { percent: Math.round(result.score * 100) })}
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
                        .map((option) =>
                          question.type === "TRUE_FALSE"
                            ? t(`courses.question.${option.id === "true" ? "true" : "false"}`)
                            : option.text,
                        )
                        .join(" / "),
                    })}
                  </Text>
                )}
                {result.explanation && <Text size="sm">{result.explanation}</Text>}
              </Alert>
            )}
          </Card>
        );
      })}
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
      <Button
        onClick={() =>
          fetcher.submit(
            { answers: Object.fromEntries(questions.map((q) => [q.id, answers[q.id] ?? {}])) },
            { method: "post", encType: "application/json" },
          )
        }
        loading={fetcher.state !== "idle"}
      >
        {t("courses.preview.submitQuiz")}
      </Button>
    </Stack>
  );
}
