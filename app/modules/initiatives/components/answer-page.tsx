import { Alert, Button, Card, Group, Radio, Stack, Text, Textarea, Title } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/dates";
import { FormError, useSchemaForm } from "~/lib/ui/forms";
import type { ActionResult } from "~/lib/actions";
import { ADKAR_ELEMENTS, ANSWER_MAX, ANSWER_MIN } from "../adkar";
import {
  answerSchema,
  statementText,
  type PulseStatusName,
  type Statements,
} from "../pulse-schemas";

export interface AnswerPageData {
  pulse: {
    id: string;
    title: string;
    initiativeName: string;
    status: PulseStatusName;
    closesOn: Date | string;
    statements: Statements;
  };
  open: boolean;
  answer: (Record<(typeof ADKAR_ELEMENTS)[number], number> & { comment: string }) | null;
}

const SCALE = Array.from({ length: ANSWER_MAX - ANSWER_MIN + 1 }, (_, i) => ANSWER_MIN + i);

/** The pulse survey: five statements, each a 1–5 radio group in a fieldset, and a comment. */
export function AnswerPage({
  data,
  actionData,
}: {
  data: AnswerPageData;
  actionData: ActionResult | undefined;
}) {
  const { t, i18n } = useTranslation();
  const { pulse, answer } = data;
  const { form, field, errorFor, onSubmit, formError } = useSchemaForm(answerSchema, {
    defaultValues: {
      ...Object.fromEntries(
        ADKAR_ELEMENTS.map((element) => [element, answer ? String(answer[element]) : ""]),
      ),
      comment: answer?.comment ?? "",
    },
    actionData,
  });
  const closes = formatDate(pulse.closesOn, i18n.language);
  return (
    <Stack maw={760}>
      <Title order={1} size="h2">
        {pulse.title}
      </Title>
      <Text c="dimmed">{pulse.initiativeName}</Text>
      <Alert color="gray" variant="light">
        {t("initiatives.answer.confidential")}
      </Alert>
      {!data.open ? (
        <Alert color="yellow" role="status" data-testid="answer-closed">
          {t("initiatives.answer.closed")}
        </Alert>
      ) : (
        <>
          {actionData?.ok && (
            <Alert color="teal" role="status">
              {t("initiatives.answer.saved", { date: closes })}
            </Alert>
          )}
          {!actionData?.ok && answer && (
            <Text size="sm">{t("initiatives.answer.canChange", { date: closes })}</Text>
          )}
          <FormError message={formError} />
          <Form method="post" onSubmit={onSubmit} noValidate>
            <Stack>
              {ADKAR_ELEMENTS.map((element) => {
                const error = errorFor(element);
                const errorId = `answer-${element}-error`;
                return (
                  <Card
                    key={element}
                    withBorder
                    component="fieldset"
                    aria-describedby={error ? errorId : undefined}
                    aria-invalid={error ? true : undefined}
                    style={{ margin: 0 }}
                  >
                    <Text component="legend" fw={600} px={4}>
                      {statementText(t, element, pulse.statements[element])}
                    </Text>
                    <Group gap="md" mt="xs">
                      {SCALE.map((value) => {
                        // A radio is checked or not: its value is its own, never the field's.
                        const { defaultValue, ...registered } = form.register(element);
                        return (
                          <Radio
                            key={value}
                            {...registered}
                            value={String(value)}
                            defaultChecked={defaultValue === String(value)}
                            label={t(`initiatives.answer.scale.${value}`)}
                          />
                        );
                      })}
                    </Group>
                    {error && (
                      <Text id={errorId} c="red" size="sm" mt={4}>
                        {error}
                      </Text>
                    )}
                  </Card>
                );
              })}
              <Textarea
                label={t("initiatives.answer.comment")}
                description={t("initiatives.answer.commentHelp")}
                autosize
                minRows={3}
                {...field("comment")}
              />
              <Group>
                <Button type="submit">
                  {answer ? t("initiatives.answer.change") : t("initiatives.answer.submit")}
                </Button>
              </Group>
            </Stack>
          </Form>
        </>
      )}
    </Stack>
  );
}
