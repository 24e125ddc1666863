import { Checkbox, Radio, Stack, Text, TextInput } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { QuestionType } from "../schemas";

export interface AnswerQuestion {
  id: string;
  type: QuestionType;
  prompt: string;
  options: { id: string; text: string }[];
}

export interface AnswerValue {
  optionIds?: string[];
  text?: string;
}

/**
 * True/false options are shown in the reader's language; others as written. Told apart by
 * their stored text ("True"/"False"): their ids are opaque in quizzes.
 */
export function optionLabel(
  t: TFunction,
  type: QuestionType,
  option: { id: string; text: string },
) {
  return type === "TRUE_FALSE"
    ? t(`courses.question.${option.text.toLowerCase() === "true" ? "true" : "false"}`)
    : option.text;
}

/** The input for one question: a text box, checkboxes or radio buttons, by type. */
export function AnswerInput({
  question,
  value,
  onChange,
  labelledBy,
}: {
  question: AnswerQuestion;
  value: AnswerValue | undefined;
  onChange: (value: AnswerValue) => void;
  labelledBy?: string;
}) {
  const { t } = useTranslation();
  const chosen = value?.optionIds ?? [];
  if (question.type === "SHORT") {
    return (
      <TextInput
        aria-label={t("courses.preview.yourAnswer")}
        maxLength={200}
        value={value?.text ?? ""}
        onChange={(event) => onChange({ text: event.currentTarget.value })}
      />
    );
  }
  if (question.type === "MULTIPLE") {
    // Square boxes and a hint, so a multiple-answer question does not read as pick-one.
    const hintId = `${question.id}-hint`;
    return (
      <Stack gap={6} role="group" aria-labelledby={labelledBy} aria-describedby={hintId}>
        <Text size="sm" c="dimmed" id={hintId} data-testid="select-all-hint">
          {t("courses.preview.selectAllThatApply")}
        </Text>
        {question.options.map((option) => (
          <Checkbox
            key={option.id}
            radius="xs"
            label={option.text}
            checked={chosen.includes(option.id)}
            onChange={(event) =>
              onChange({
                optionIds: event.currentTarget.checked
                  ? [...chosen, option.id]
                  : chosen.filter((id) => id !== option.id),
              })
            }
          />
        ))}
      </Stack>
    );
  }
  return (
    <Radio.Group
      value={chosen[0] ?? ""}
      onChange={(id) => onChange({ optionIds: [id] })}
      aria-labelledby={labelledBy}
    >
      <Stack gap={6}>
        {question.options.map((option) => (
          <Radio key={option.id} value={option.id} label={optionLabel(t, question.type, option)} />
        ))}
      </Stack>
    </Radio.Group>
  );
}
