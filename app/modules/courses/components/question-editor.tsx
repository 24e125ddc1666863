import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { Form } from "@remix-run/react";
import { useFieldArray, type UseFieldArrayReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { ActionResult } from "~/lib/actions";
import { FormError, useSchemaForm } from "~/lib/ui/forms";
import { QUESTION_TYPES, questionSchema, type QuestionType } from "../schemas";

export interface QuestionValues {
  type: QuestionType;
  prompt: string;
  explanation: string;
  partialCredit: boolean;
  options: { id: string; text: string; correct: boolean }[];
  acceptedAnswers: { value: string }[];
  revision?: number;
}

const newOptionId = () => Math.random().toString(36).slice(2, 10);
const TRUE_FALSE_OPTIONS = [
  { id: "true", text: "True", correct: true },
  { id: "false", text: "False", correct: false },
];

function useQuestionForm(defaultValues: QuestionValues, actionData: ActionResult | undefined) {
  return useSchemaForm(questionSchema, { defaultValues, actionData, json: true });
}
type QuestionForm = ReturnType<typeof useQuestionForm>;
type QuestionFields = z.input<typeof questionSchema>;

export function QuestionEditor({
  defaultValues,
  actionData,
}: {
  defaultValues: QuestionValues;
  actionData: ActionResult | undefined;
}) {
  const { t } = useTranslation();
  const editor = useQuestionForm(defaultValues, actionData);
  const { form, field, onSubmit, formError } = editor;
  const options = useFieldArray({ control: form.control, name: "options" });
  const answers = useFieldArray({ control: form.control, name: "acceptedAnswers" });
  const type = form.watch("type");
  const changeType = typeChanger(editor, answers);

  return (
    <Form method="post" onSubmit={onSubmit} noValidate>
      <FormError message={formError} />
      <Stack maw={760}>
        <NativeSelect
          label={t("courses.question.type")}
          data={QUESTION_TYPES.map((value) => ({
            value,
            label: t(`courses.questionType.${value}`),
          }))}
          value={type}
          onChange={(event) => changeType(event.currentTarget.value as QuestionType)}
        />
        <Textarea label={t("courses.question.prompt")} autosize minRows={2} {...field("prompt")} />

        {type === "SHORT" ? (
          <AcceptedAnswers editor={editor} answers={answers} />
        ) : (
          <ChoiceOptions editor={editor} options={options} type={type} />
        )}

        <Textarea
          label={t("courses.question.explanation")}
          description={t("courses.question.explanationHelp")}
          autosize
          minRows={2}
          {...field("explanation")}
        />
        <Group>
          <Button type="submit">{t("actions.save")}</Button>
        </Group>
      </Stack>
    </Form>
  );
}

/** Switching the type: each type keeps only the fields it uses, so hidden fields cannot block saving. */
function typeChanger(
  { form }: QuestionForm,
  answers: UseFieldArrayReturn<QuestionFields, "acceptedAnswers">,
) {
  return (next: QuestionType) => {
    const previous = form.getValues("type");
    form.setValue("type", next);
    if (next === "TRUE_FALSE") form.setValue("options", TRUE_FALSE_OPTIONS);
    else if (next === "SHORT") form.setValue("options", []);
    else if (previous === "TRUE_FALSE" || previous === "SHORT") {
      form.setValue("options", [
        { id: newOptionId(), text: "", correct: true },
        { id: newOptionId(), text: "", correct: false },
      ]);
    }
    if (next !== "SHORT") form.setValue("acceptedAnswers", []);
    else if ((form.getValues("acceptedAnswers") ?? []).length === 0) answers.append({ value: "" });
  };
}

/** Short answer: the answers that count as right. */
function AcceptedAnswers({
  editor: { form, errorFor },
  answers,
}: {
  editor: QuestionForm;
  answers: UseFieldArrayReturn<QuestionFields, "acceptedAnswers">;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="accepted-answers">
      <Text size="sm" fw={500}>
        {t("courses.question.acceptedAnswers")}
      </Text>
      <Text size="xs" c="dimmed">
        {t("courses.question.acceptedAnswersHelp")}
      </Text>
      {answers.fields.map((answer, index) => (
        <Group key={answer.id} wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            aria-label={t("courses.question.acceptedAnswerN", { n: index + 1 })}
            error={errorFor(`acceptedAnswers.${index}.value`)}
            {...form.register(`acceptedAnswers.${index}.value`)}
          />
          <ActionIcon
            variant="default"
            onClick={() => answers.remove(index)}
            aria-label={t("courses.question.removeAnswer")}
          >
            ✕
          </ActionIcon>
        </Group>
      ))}
      <Text c="red" size="xs" role="alert">
        {errorFor("acceptedAnswers")}
      </Text>
      <Group>
        <Button variant="subtle" size="xs" onClick={() => answers.append({ value: "" })}>
          {t("courses.question.addAnswer")}
        </Button>
      </Group>
    </Stack>
  );
}

/** Single, multiple choice and true/false: the options and which are correct. */
function ChoiceOptions({
  editor,
  options,
  type,
}: {
  editor: QuestionForm;
  options: UseFieldArrayReturn<QuestionFields, "options">;
  type: QuestionType;
}) {
  const { t } = useTranslation();
  const { form, errorFor } = editor;
  const current = form.watch("options") ?? [];
  const markOnlyCorrect = (index: number) =>
    form.setValue(
      "options",
      current.map((option, i) => ({ ...option, correct: i === index })),
      { shouldValidate: form.formState.isSubmitted },
    );
  return (
    <Stack gap="xs" data-testid="options">
      <Text size="sm" fw={500}>
        {t("courses.question.options")}
      </Text>
      {type === "MULTIPLE" ? (
        <Checkbox label={t("courses.question.partialCredit")} {...form.register("partialCredit")} />
      ) : null}
      {options.fields.map((option, index) => (
        <Group key={option.id} wrap="nowrap" align="center">
          {type === "MULTIPLE" ? (
            <Checkbox
              aria-label={t("courses.question.correctN", { n: index + 1 })}
              {...form.register(`options.${index}.correct`)}
            />
          ) : (
            <Radio
              name="correct-option"
              aria-label={t("courses.question.correctN", { n: index + 1 })}
              checked={current[index]?.correct ?? false}
              onChange={() => markOnlyCorrect(index)}
            />
          )}
          {type === "TRUE_FALSE" ? (
            <Text>{t(`courses.question.${current[index]?.id === "true" ? "true" : "false"}`)}</Text>
          ) : (
            <OptionText editor={editor} index={index} remove={() => options.remove(index)} />
          )}
        </Group>
      ))}
      <Text c="red" size="xs" role="alert" data-testid="options-error">
        {errorFor("options")}
      </Text>
      {type !== "TRUE_FALSE" && (
        <Group>
          <Button
            variant="subtle"
            size="xs"
            onClick={() => options.append({ id: newOptionId(), text: "", correct: false })}
          >
            {t("courses.question.addOption")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** An option's text and its remove button (choice questions). */
function OptionText({
  editor: { form, errorFor },
  index,
  remove,
}: {
  editor: QuestionForm;
  index: number;
  remove: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        style={{ flex: 1 }}
        aria-label={t("courses.question.optionN", { n: index + 1 })}
        error={errorFor(`options.${index}.text`)}
        {...form.register(`options.${index}.text`)}
      />
      <ActionIcon
        variant="default"
        onClick={remove}
        aria-label={t("courses.question.removeOption", { n: index + 1 })}
      >
        ✕
      </ActionIcon>
    </>
  );
}
