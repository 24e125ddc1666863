import { kpiText } from "../texts";
import {
  Button,
  Card,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import { TextLink } from "~/lib/ui/plain";
import { useTranslation } from "react-i18next";
import type { ActionResult } from "~/lib/actions";
import { FormError, useSchemaForm } from "~/lib/ui/forms";
import { PageHeader } from "~/lib/ui/page";
import { FEEDBACK_CHANNELS, FEEDBACK_SENTIMENTS, logFeedbackSchema } from "../feedback";

export interface FeedbackChoices {
  departments: { id: string; name: string; depth: number }[];
  kpis: { id: string; name: string; departmentIds: string[] }[];
}

/** A department's option, indented by its depth in the tree. */
export const departmentOption = (d: { id: string; name: string; depth: number }) => ({
  value: d.id,
  label: `${"\u00a0\u00a0".repeat(d.depth)}${d.name}`,
});

/**
 * The log form: department, date received, channel, sentiment, the text and, optionally, a
 * KPI of that department (the choices follow the department chosen).
 */
export function LogFeedbackForm({
  choices,
  today,
  submissionKey,
  actionData,
}: {
  choices: FeedbackChoices;
  /** "YYYY-MM-DD", the form's default date. */
  today: string;
  submissionKey: string;
  actionData: ActionResult | undefined;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { form, field, onSubmit, formError } = useSchemaForm(logFeedbackSchema, {
    defaultValues: {
      departmentId: choices.departments.length === 1 ? choices.departments[0]!.id : "",
      receivedOn: today,
      text: "",
      kpiId: "",
      submissionKey: "",
    },
    actionData,
  });
  const departmentId = form.watch("departmentId");
  const kpis = choices.kpis.filter((kpi) => kpi.departmentIds.includes(departmentId));
  return (
    <Card withBorder>
      <FormError message={formError} />
      <Form method="post" onSubmit={onSubmit} noValidate data-testid="feedback-form">
        {/* Not a form value: a fresh key comes with every page load. */}
        <input type="hidden" name="submissionKey" value={submissionKey} />
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t("fields.department")}
              data={[
                { value: "", label: t("kpis.feedback.fields.chooseDepartment") },
                ...choices.departments.map(departmentOption),
              ]}
              {...field("departmentId")}
            />
            <TextInput
              type="date"
              label={t("kpis.feedback.fields.receivedOn")}
              {...field("receivedOn")}
            />
            <NativeSelect
              label={t("kpis.feedback.fields.channel")}
              data={[
                { value: "", label: t("kpis.feedback.fields.choose") },
                ...FEEDBACK_CHANNELS.map((c) => ({
                  value: c,
                  label: t(`kpis.feedback.channel.${c}`),
                })),
              ]}
              {...field("channel")}
            />
            <NativeSelect
              label={t("kpis.feedback.fields.sentiment")}
              data={[
                { value: "", label: t("kpis.feedback.fields.choose") },
                ...FEEDBACK_SENTIMENTS.map((s) => ({
                  value: s,
                  label: t(`kpis.feedback.sentiment.${s}`),
                })),
              ]}
              {...field("sentiment")}
            />
          </SimpleGrid>
          <Textarea
            label={t("kpis.feedback.fields.text")}
            description={t("kpis.feedback.fields.textHint")}
            autosize
            minRows={4}
            {...field("text")}
          />
          <NativeSelect
            label={t("kpis.feedback.fields.kpi")}
            description={t("kpis.feedback.fields.kpiHint")}
            data={[
              { value: "", label: t("kpis.feedback.fields.noKpi") },
              ...kpis.map((kpi) => ({ value: kpi.id, label: kpiText(t, kpi.name) })),
            ]}
            {...field("kpiId")}
          />
          <Group>
            <Button type="submit" loading={navigation.state === "submitting"}>
              {t("kpis.feedback.log")}
            </Button>
          </Group>
        </Stack>
      </Form>
    </Card>
  );
}

/** /initiatives/feedback/new: the way back to the list, and the log form. */
export function LogFeedbackPage(props: Parameters<typeof LogFeedbackForm>[0]) {
  const { t } = useTranslation();
  return (
    <>
      <TextLink to="/initiatives/feedback" size="sm">
        ← {t("kpis.feedback.title")}
      </TextLink>
      <PageHeader title={t("kpis.feedback.new.title")} />
      <LogFeedbackForm {...props} />
    </>
  );
}
