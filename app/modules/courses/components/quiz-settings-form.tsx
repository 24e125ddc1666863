import { Button, Checkbox, Group, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { ActionResult } from "~/lib/actions";
import { FormError, useSchemaForm } from "~/lib/ui/forms";
import { quizSettingsSchema } from "../schemas";

export interface QuizSettingsValues {
  passMark: string;
  attemptsAllowed: string;
  timeLimitMinutes: string;
  drawCount: string;
  shuffleOptions: boolean;
  revision: string;
}

export function QuizSettingsForm({
  defaultValues,
  bankSize,
  actionData,
  disabled,
  saved,
}: {
  defaultValues: QuizSettingsValues;
  bankSize: number;
  actionData: ActionResult | undefined;
  disabled: boolean;
  /** The last post saved these settings: say so until they are changed again. */
  saved: boolean;
}) {
  const { t } = useTranslation();
  // The same rule the server applies, with the bank size this page knows.
  const schema = useMemo(
    () =>
      quizSettingsSchema.refine((settings) => settings.drawCount <= bankSize, {
        path: ["drawCount"],
        message: "courses.quiz.drawMoreThanBank",
      }),
    [bankSize],
  );
  const editor = useSchemaForm(schema, { defaultValues, actionData });
  const { onSubmit, formError, form } = editor;
  return (
    <Form method="post" onSubmit={onSubmit} noValidate data-testid="quiz-settings">
      <input type="hidden" name="intent" value="quiz" />
      <input type="hidden" {...form.register("revision")} />
      <FormError message={formError} />
      <Stack>
        <QuizNumberFields editor={editor} bankSize={bankSize} disabled={disabled} />
        <Checkbox
          label={t("courses.quiz.shuffleOptions")}
          disabled={disabled}
          {...form.register("shuffleOptions")}
        />
        {!disabled && (
          <Group>
            <Button type="submit" variant="light">
              {t("courses.quiz.save")}
            </Button>
            <div role="status">
              {saved && !form.formState.isDirty && (
                <Text size="sm" c="teal.9" data-testid="quiz-settings-saved">
                  ✓ {t("courses.quiz.saved")}
                </Text>
              )}
            </div>
          </Group>
        )}
      </Stack>
    </Form>
  );
}

/** Pass mark, attempts, time limit and how many questions each attempt draws. */
function QuizNumberFields({
  editor: { field },
  bankSize,
  disabled,
}: {
  editor: ReturnType<typeof useSchemaForm<typeof quizSettingsSchema>>;
  bankSize: number;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const numberField = (name: keyof typeof NUMBER_FIELDS, description: string) => (
    <TextInput
      label={t(NUMBER_FIELDS[name])}
      description={description}
      inputMode="numeric"
      disabled={disabled}
      {...field(name)}
    />
  );
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
      {numberField("passMark", t("courses.quiz.passMarkHelp"))}
      {numberField("attemptsAllowed", t("courses.quiz.attemptsHelp"))}
      {numberField("timeLimitMinutes", t("courses.quiz.timeLimitHelp"))}
      {numberField("drawCount", t("courses.quiz.drawCountHelp", { count: bankSize }))}
    </SimpleGrid>
  );
}

/** The quiz's number fields and their labels. */
const NUMBER_FIELDS = {
  passMark: "courses.quiz.passMark",
  attemptsAllowed: "courses.quiz.attemptsAllowed",
  timeLimitMinutes: "courses.quiz.timeLimit",
  drawCount: "courses.quiz.drawCount",
} as const;
