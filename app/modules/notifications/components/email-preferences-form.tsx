import { Alert, Button, Card, Checkbox, Stack, Text, Title } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { withIntent, type ActionResult } from "~/lib/actions";
import { FormError, useSchemaForm } from "~/lib/ui/forms";
import { emailPreferencesSchema, NOTIFICATION_EVENTS, type EmailPreferencesInput } from "../events";

/** The preferences as the form posts them (JSON, booleans), with the page's intent. */
export const emailPreferencesFormSchema = withIntent("emailPreferences", emailPreferencesSchema);

/** E-mail on/off per event type; in-app notifications always stay on. */
export function EmailPreferencesForm({
  preferences,
  actionData,
}: {
  preferences: EmailPreferencesInput;
  actionData: ActionResult<"emailPreferences"> | undefined;
}) {
  const { t } = useTranslation();
  const { form, onSubmit, formError } = useSchemaForm(emailPreferencesFormSchema, {
    defaultValues: { intent: "emailPreferences", ...preferences },
    actionData,
    json: true,
  });
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t("notifications.preferences.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("notifications.preferences.help")}
      </Text>
      <FormError message={formError} />
      {actionData?.ok && (
        <Alert color="teal" mb="sm" role="status">
          {t("notifications.preferences.saved")}
        </Alert>
      )}
      <Form method="post" onSubmit={onSubmit} data-testid="email-preferences">
        <Stack gap="xs">
          {NOTIFICATION_EVENTS.map((event) => (
            <Checkbox
              key={event}
              label={t(`notifications.events.${event}.label`)}
              {...form.register(event)}
            />
          ))}
          <div>
            <Button type="submit" mt="xs">
              {t("actions.save")}
            </Button>
          </div>
        </Stack>
      </Form>
    </Card>
  );
}
