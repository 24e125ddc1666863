import { Alert, Button, Card, Group, Stack, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { withIntent } from "~/lib/actions";
import { intentAction } from "~/lib/actions.server";
import { getCurrentSession, requireOwn } from "~/lib/session.server";
import { actionDataFor } from "~/lib/ui/forms";
import { PageHeader } from "~/lib/ui/page";
import {
  listOwnSessions,
  revokeOtherSessions,
  updateProfile,
} from "~/modules/account/index.server";
import { ProfileCard, profileSchema, SessionsCard } from "~/modules/account";
import { EmailPreferencesForm, emailPreferencesFormSchema } from "~/modules/notifications";
import { getEmailPreferences, setEmailPreferences } from "~/modules/notifications/index.server";
import { LeaderboardPrivacyCard, leaderboardPrivacySchema } from "~/modules/incentives";
import { isLeaderboardHidden, setLeaderboardHidden } from "~/modules/incentives/index.server";

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
    leaderboardHidden: await isLeaderboardHidden(user.id),
  };
}

const settingsForms = z.discriminatedUnion("intent", [
  withIntent("profile", profileSchema),
  z.object({ intent: z.literal("revokeOthers") }),
  emailPreferencesFormSchema,
  leaderboardPrivacySchema,
]);

export async function action({ request }: ActionFunctionArgs) {
  const { user, sessionId } = await requireOwnSettings(request, "update");
  return intentAction(
    request,
    settingsForms,
    {
      profile: async (input) => {
        await updateProfile(user.id, input);
      },
      revokeOthers: async () => ({ revoked: await revokeOtherSessions(user.id, sessionId) }),
      emailPreferences: async (input) => {
        await setEmailPreferences(user.id, input);
      },
      leaderboardPrivacy: async ({ hidden }) => {
        await setLeaderboardHidden(user.id, hidden);
      },
    },
    // The e-mail preferences form posts JSON (booleans); the others post form fields.
    { json: true },
  );
}

export default function SettingsPage() {
  const { t } = useTranslation();
  const { profile, sessions, emailPreferences, leaderboardHidden } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const revokedOthers = actionDataFor(actionData, "revokeOthers");
  const [params] = useSearchParams();
  return (
    <Stack maw={760}>
      <PageHeader title={t("settings.title")} />
      {params.get("passwordChanged") && !actionData && (
        <Alert color="teal" role="status">
          {t("settings.passwordChanged")}
        </Alert>
      )}
      <ProfileCard profile={profile} actionData={actionDataFor(actionData, "profile")} />
      <EmailPreferencesForm
        preferences={emailPreferences}
        actionData={actionDataFor(actionData, "emailPreferences")}
      />
      <LeaderboardPrivacyCard
        hidden={leaderboardHidden}
        actionData={actionDataFor(actionData, "leaderboardPrivacy")}
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
      <SessionsCard
        sessions={sessions}
        revoked={revokedOthers?.ok ? revokedOthers.revoked : undefined}
      />
    </Stack>
  );
}
