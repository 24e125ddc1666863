import { Alert, Button, Card, Group, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/lib/dates";
import { z } from "zod";
import { parseJson, parseWith, readFormFields, runAction } from "~/lib/http.server";
import { getCurrentSession, requireOwn } from "~/lib/session.server";
import { FormError, useSchemaForm } from "~/lib/ui/forms";
import { LanguagePreferenceSelect } from "~/lib/ui/language-select";
import { PageHeader } from "~/lib/ui/page";
import {
  listOwnSessions,
  revokeOtherSessions,
  updateProfile,
} from "~/modules/account/index.server";
import { profileSchema } from "~/modules/account";
import { EmailPreferencesForm, emailPreferencesSchema } from "~/modules/notifications";
import { getEmailPreferences, setEmailPreferences } from "~/modules/notifications/index.server";
import { ScrollTable } from "~/lib/ui/scroll-table";
import { deviceLabel } from "~/lib/user-agent";

async function requireOwnSettings(request: Request, action: "read" | "update") {
  const user = await requireOwn(request, action, "Settings");
  const current = await getCurrentSession(request);
  return { user, sessionId: current!.session.id };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, sessionId } = await requireOwnSettings(request, "read");
  return {
    profile: {
      name: user.name,
      email: user.email,
      preferredLanguage: user.preferredLanguage ?? "",
    },
    sessions: await listOwnSessions(user.id, sessionId),
    emailPreferences: await getEmailPreferences(user.id),
  };
}

const intentSchema = z.object({ intent: z.enum(["profile", "revokeOthers"]) });

export async function action({ request }: ActionFunctionArgs) {
  const { user, sessionId } = await requireOwnSettings(request, "update");
  // The e-mail preferences form posts JSON (booleans); the others post form fields.
  if (request.headers.get("Content-Type")?.includes("application/json")) {
    return runAction(async () => {
      await setEmailPreferences(user.id, await parseJson(request, emailPreferencesSchema));
      return data({ ok: true as const, intent: "emailPreferences" as const, revoked: 0 });
    }, "emailPreferences");
  }
  const fields = await readFormFields(request);
  return runAction(async () => {
    const { intent } = parseWith(intentSchema, fields);
    if (intent === "revokeOthers") {
      const revoked = await revokeOtherSessions(user.id, sessionId);
      return data({ ok: true as const, intent, revoked });
    }
    await updateProfile(user.id, parseWith(profileSchema, fields));
    return data({ ok: true as const, intent, revoked: 0 });
  });
}

export default function SettingsPage() {
  const { t } = useTranslation();
  const { profile, sessions, emailPreferences } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { field, onSubmit, formError } = useSchemaForm(profileSchema, {
    defaultValues: { name: profile.name, preferredLanguage: profile.preferredLanguage as "" },
    actionData,
  });
  const saved = actionData && actionData.ok ? actionData : undefined;
  const [params] = useSearchParams();
  return (
    <Stack maw={760}>
      <PageHeader title={t("settings.title")} />
      {params.get("passwordChanged") && !actionData && (
        <Alert color="teal" role="status">
          {t("settings.passwordChanged")}
        </Alert>
      )}
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t("settings.profile")}
        </Title>
        <FormError message={formError} />
        {saved?.intent === "profile" && (
          <Alert color="teal" mb="sm" role="status">
            {t("settings.profileSaved")}
          </Alert>
        )}
        <Form method="post" onSubmit={onSubmit} noValidate>
          <input type="hidden" name="intent" value="profile" />
          <Stack>
            <TextInput label={t("fields.email")} value={profile.email} readOnly disabled />
            <TextInput label={t("fields.name")} required {...field("name")} />
            <LanguagePreferenceSelect {...field("preferredLanguage")} />
            <Group>
              <Button type="submit">{t("actions.save")}</Button>
            </Group>
          </Stack>
        </Form>
      </Card>
      <EmailPreferencesForm
        preferences={emailPreferences}
        actionData={actionData?.intent === "emailPreferences" ? actionData : undefined}
        saved={saved?.intent === "emailPreferences"}
      />
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t("settings.password")}
        </Title>
        <Group>
          <Button component={Link} to="/settings/password" variant="light">
            {t("settings.changePassword")}
          </Button>
          <Button component={Link} to="/settings/security" variant="light">
            {t("twoFactor.title")}
          </Button>
        </Group>
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t("settings.sessions")}
        </Title>
        {saved?.intent === "revokeOthers" && (
          <Alert color="teal" mb="sm" role="status">
            {t("settings.sessionsRevoked", { count: saved.revoked })}
          </Alert>
        )}
        <ScrollTable minWidth={500}>
          <Table data-testid="sessions-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("settings.sessionStarted")}</Table.Th>
                <Table.Th>{t("settings.sessionDevice")}</Table.Th>
                <Table.Th>{t("settings.sessionAddress")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.map((session) => (
                <Table.Tr key={session.id}>
                  <Table.Td>
                    {formatDateTime(session.createdAt)}
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
            </Table.Tbody>
          </Table>
        </ScrollTable>
        <Form method="post">
          <input type="hidden" name="intent" value="revokeOthers" />
          <Button type="submit" color="red" variant="light" mt="md">
            {t("settings.signOutOthers")}
          </Button>
        </Form>
      </Card>
    </Stack>
  );
}
