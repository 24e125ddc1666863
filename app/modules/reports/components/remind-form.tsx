import { Alert, Button, Group } from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { FormError, useSchemaForm } from "~/lib/ui/forms";
import { reminderSchema, type ReminderAnswer } from "../schemas";

/** Sends reminders for the given enrolments (the selection, or one row). */
export function RemindForm({
  enrolmentIds,
  actionData,
  label,
}: {
  enrolmentIds: string[];
  actionData: ReminderAnswer | undefined;
  label?: string;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { form, onSubmit, errorFor, formError } = useSchemaForm(reminderSchema, {
    defaultValues: { intent: "remind", enrolmentIds },
    actionData,
    json: true,
  });
  const key = enrolmentIds.join(",");
  useEffect(() => {
    form.setValue("enrolmentIds", key ? key.split(",") : []);
  }, [key, form]);
  const error = errorFor("enrolmentIds");
  return (
    <Form method="post" onSubmit={onSubmit} data-testid="remind-form">
      <FormError message={formError} />
      {actionData?.ok && (
        <Alert color="teal" mb="sm" role="status">
          {t("reports.remind.sent", { count: actionData.sent })}
          {actionData.skipped > 0
            ? ` ${t("reports.remind.skipped", { count: actionData.skipped })}`
            : ""}
        </Alert>
      )}
      {error && (
        <Alert color="red" mb="sm" role="alert">
          {error}
        </Alert>
      )}
      <Group>
        <Button type="submit" color="orange" loading={navigation.state === "submitting"}>
          {label ?? t("reports.remind.selected", { count: enrolmentIds.length })}
        </Button>
      </Group>
    </Form>
  );
}
