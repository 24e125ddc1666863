import { Alert, Button, Card, Group, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ActionResult } from "~/lib/actions";
import { formatDateTime } from "~/lib/dates";
import { FormError, useSchemaForm } from "~/lib/ui/forms";
import { LanguagePreferenceSelect } from "~/lib/ui/language-select";
import { ListTable } from "~/lib/ui/list-page";
import { deviceLabel, type DeviceSummary } from "~/lib/user-agent";
import { profileSchema } from "../schemas";

/** The profile form (`intent` "profile"): name and language; the e-mail is shown, not edited. */
export function ProfileCard({
  profile,
  actionData,
}: {
  profile: { name: string; email: string; preferredLanguage: string };
  actionData: ActionResult<"profile"> | undefined;
}) {
  const { t } = useTranslation();
  const { field, onSubmit, formError } = useSchemaForm(profileSchema, {
    defaultValues: { name: profile.name, preferredLanguage: profile.preferredLanguage as "" },
    actionData,
  });
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t("settings.profile")}
      </Title>
      <FormError message={formError} />
      {actionData?.ok && (
        <Alert color="teal" mb="sm" role="status">
          {t("settings.profileSaved")}
        </Alert>
      )}
      <Form method="post" onSubmit={onSubmit} noValidate>
        <input type="hidden" name="intent" value="profile" />
        <Stack>
          <TextInput label={t("fields.email")} value={profile.email} readOnly disabled />
          <TextInput label={t("fields.name")} {...field("name")} />
          <LanguagePreferenceSelect {...field("preferredLanguage")} />
          <Group>
            <Button type="submit">{t("actions.save")}</Button>
          </Group>
        </Stack>
      </Form>
    </Card>
  );
}

/** One of the user's live sessions, as the settings page lists them. */
export interface OwnSession {
  id: string;
  createdAt: string;
  device: DeviceSummary;
  ipAddress: string | null;
  current: boolean;
}

/** The user's sessions and "sign out everywhere else" (`intent` "revokeOthers"). */
export function SessionsCard({
  sessions,
  revoked,
}: {
  sessions: OwnSession[];
  /** How many other sessions the last "sign out" ended, once it has run. */
  revoked?: number;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t("settings.sessions")}
      </Title>
      {revoked !== undefined && (
        <Alert color="teal" mb="sm" role="status">
          {t("settings.sessionsRevoked", { count: revoked })}
        </Alert>
      )}
      <ListTable
        minWidth={500}
        data-testid="sessions-table"
        columns={[
          t("settings.sessionStarted"),
          t("settings.sessionDevice"),
          t("settings.sessionAddress"),
        ]}
      >
        {sessions.map((session) => (
          <Table.Tr key={session.id}>
            <Table.Td>
              {formatDateTime(session.createdAt, i18n.language)}
              {session.current && (
                <Text span c="teal" ml="xs" size="sm">
                  ({t("settings.thisSession")})
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Text size="sm" lineClamp={1}>
                {deviceLabel(t, session.device)}
              </Text>
            </Table.Td>
            <Table.Td>{session.ipAddress || "—"}</Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      <Form method="post">
        <input type="hidden" name="intent" value="revokeOthers" />
        <Button type="submit" color="red" variant="light" mt="md">
          {t("settings.signOutOthers")}
        </Button>
      </Form>
    </Card>
  );
}
