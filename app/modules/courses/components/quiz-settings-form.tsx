import { Button, Checkbox, Group, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
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
  actionData: unknown;
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
  const { field, onSubmit, formError, form } = useSchemaForm(schema, { defaultValues, actionData });
  return (
    <Form method="post" onSubmit={onSubmit} noValidate data-testid="quiz-settings">
      <input type="hidden" name="intent" value="quiz" />
      <input type="hidden" {...form.register("revision")} />
      <FormError message={formError} />
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <TextInput
            label={t("courses.quiz.passMark")}
            description={t("courses.quiz.passMarkHelp")}
            inputMode="numeric"
            disabled={disabled}
            {...field("passMark")}
          />
          <TextInput
            label={t("courses.quiz.attemptsAllowed")}
            description={t("courses.quiz.attemptsHelp")}
            inputMode="numeric"
            disabled={disabled}
            {...field("attemptsAllowed")}
          />
          <TextInput
            label={t("courses.quiz.timeLimit")}
            description={t("courses.quiz.timeLimitHelp")}
            inputMode="numeric"
            disabled={disabled}
            {...field("timeLimitMinutes")}
          />
          <TextInput
            label={t("courses.quiz.drawCount")}
            description={t("courses.quiz.drawCountHelp", { count: bankSize })}
            inputMode="numeric"
            disabled={disabled}
            {...field("drawCount")}
          />
        </SimpleGrid>
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
