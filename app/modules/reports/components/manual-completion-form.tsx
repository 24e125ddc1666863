import { Alert, Button, Card, NativeSelect, Text, Textarea } from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ActionResult } from "~/lib/actions";
import { FormError, useSchemaForm } from "~/lib/ui/forms";
import { manualCompletionSchema } from "../schemas";

/** HR records a completion made outside the portal, with the reason. */
export function ManualCompletionForm({
  enrolments,
  actionData,
}: {
  enrolments: { id: string; courseTitle: string }[];
  actionData: ActionResult<"complete"> | undefined;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { field, onSubmit, formError } = useSchemaForm(manualCompletionSchema, {
    defaultValues: { intent: "complete", enrolmentId: enrolments[0]?.id ?? "", note: "" },
    actionData,
    json: true,
  });
  const done = actionData?.ok === true;
  return (
    <Card withBorder mt="lg" data-testid="manual-completion">
      <Text fw={600} mb="xs">
        {t("reports.manual.title")}
      </Text>
      <Text size="sm" c="dimmed" mb="sm">
        {t("reports.manual.help")}
      </Text>
      {done && (
        <Alert color="teal" mb="sm" role="status">
          {t("reports.manual.done")}
        </Alert>
      )}
      <Form method="post" onSubmit={onSubmit}>
        <FormError message={formError} />
        <NativeSelect
          label={t("reports.filters.course")}
          data={enrolments.map((e) => ({ value: e.id, label: e.courseTitle }))}
          {...field("enrolmentId")}
          mb="sm"
        />
        <Textarea
          label={t("reports.manual.note")}
          autosize
          minRows={2}
          {...field("note")}
          mb="sm"
        />
        <Button type="submit" loading={navigation.state === "submitting"}>
          {t("reports.manual.submit")}
        </Button>
      </Form>
    </Card>
  );
}
