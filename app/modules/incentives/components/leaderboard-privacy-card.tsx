import { Alert, Button, Card, Checkbox, Stack, Text, Title } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ActionResult } from "~/lib/actions";
import { FormError, useSchemaForm } from "~/lib/ui/forms";
import { leaderboardPrivacySchema } from "../ledger-admin";

/** The settings card (`intent` "leaderboardPrivacy"): hide me from public leaderboards. */
export function LeaderboardPrivacyCard({
  hidden,
  actionData,
}: {
  hidden: boolean;
  actionData: ActionResult<"leaderboardPrivacy"> | undefined;
}) {
  const { t } = useTranslation();
  const { form, onSubmit, formError } = useSchemaForm(leaderboardPrivacySchema, {
    defaultValues: { intent: "leaderboardPrivacy", hidden },
    actionData,
  });
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t("rewards.privacy.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("rewards.privacy.help")}
      </Text>
      <FormError message={formError} />
      {actionData?.ok && (
        <Alert color="teal" mb="sm" role="status">
          {t("rewards.privacy.saved")}
        </Alert>
      )}
      <Form method="post" onSubmit={onSubmit} data-testid="leaderboard-privacy">
        <input type="hidden" name="intent" value="leaderboardPrivacy" />
        <Stack gap="xs">
          <Checkbox label={t("rewards.privacy.hide")} {...form.register("hidden")} />
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
