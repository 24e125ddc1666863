import { Button, Card, Group, Text } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Deactivate (sign-in refused, sessions ended) or reactivate a user: the `setActive` form. */
export function UserActiveCard({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return (
    <Card withBorder maw={720}>
      <Text fw={600} mb="xs">
        {active ? t("org.user.deactivateTitle") : t("org.user.reactivateTitle")}
      </Text>
      <Text size="sm" c="dimmed" mb="sm">
        {active ? t("org.user.deactivateHelp") : t("org.user.reactivateHelp")}
      </Text>
      <Form method="post">
        <input type="hidden" name="intent" value="setActive" />
        <input type="hidden" name="active" value={active ? "false" : "true"} />
        <Group>
          <Button type="submit" color={active ? "red" : "teal"} variant="light">
            {active ? t("org.user.deactivate") : t("org.user.reactivate")}
          </Button>
        </Group>
      </Form>
    </Card>
  );
}

/** Switch off a user's second factor (a lost phone): the `resetTwoFactor` form. */
export function TwoFactorResetCard() {
  const { t } = useTranslation();
  return (
    <Card withBorder maw={720} data-testid="two-factor-reset">
      <Text fw={600} mb="xs">
        {t("twoFactor.admin.title")}
      </Text>
      <Text size="sm" c="dimmed" mb="sm">
        {t("twoFactor.admin.help")}
      </Text>
      <Form method="post">
        <input type="hidden" name="intent" value="resetTwoFactor" />
        <Button type="submit" color="red" variant="light">
          {t("twoFactor.admin.reset")}
        </Button>
      </Form>
    </Card>
  );
}
