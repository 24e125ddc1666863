import { Alert, Card, Stack, Text } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { withIntent } from "~/lib/actions";
import { intentAction } from "~/lib/actions.server";
import { formatDateTime } from "~/lib/dates";
import { clientInfo } from "~/lib/request.server";
import { requireOwn, requireRecentAuth } from "~/lib/session.server";
import { actionDataFor } from "~/lib/ui/forms";
import { PageHeader } from "~/lib/ui/page";
import {
  CodeForm,
  DisableForm,
  EnrolmentSteps,
  ReauthGuard,
  RecoveryCodes,
  secondFactorSchema,
  StartEnrolmentForm,
  totpConfirmSchema,
  twoFactorDisableSchema,
} from "~/modules/account";
import {
  confirmEnrolment,
  disableTwoFactor,
  getTwoFactorStatus,
  regenerateRecoveryCodes,
  startEnrolment,
} from "~/modules/account/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireOwn(request, "read", "Settings");
  return { status: await getTwoFactorStatus(user) };
}

const securityForms = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start") }),
  withIntent("confirm", totpConfirmSchema),
  withIntent("regenerate", secondFactorSchema),
  withIntent("disable", twoFactorDisableSchema),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireOwn(request, "update", "Settings");
  const ctx = { client: clientInfo(request, context) };
  return intentAction(request, securityForms, {
    start: async () => {
      // A new authenticator is as strong as a new password: not from an unattended session.
      await requireRecentAuth(request);
      await startEnrolment(user.id);
    },
    confirm: async ({ code }) => ({
      recoveryCodes: await confirmEnrolment(user.id, code, ctx),
    }),
    regenerate: async ({ code }) => ({
      recoveryCodes: await regenerateRecoveryCodes(user.id, code, ctx),
    }),
    disable: async (input) => {
      await disableTwoFactor(user.id, input, ctx);
    },
  });
}

export default function SecuritySettingsPage() {
  const { t, i18n } = useTranslation();
  const { status } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const newCodes = actionDataFor(actionData, "confirm", "regenerate");
  return (
    <ReauthGuard actionData={actionData} twoFactor={status.enabled}>
      <Stack maw={760}>
        <PageHeader title={t("twoFactor.title")} />
        {params.get("required") && !status.enabled && (
          <Alert color="yellow" data-testid="two-factor-required">
            {t("twoFactor.requiredNotice")}
          </Alert>
        )}
        {!status.available && <Alert color="gray">{t("twoFactor.unavailable")}</Alert>}
        {actionData?.ok && actionData.intent === "disable" && (
          <Alert color="teal" role="status">
            {t("twoFactor.disabled")}
          </Alert>
        )}
        {newCodes?.ok && newCodes.recoveryCodes.length > 0 && (
          <RecoveryCodes codes={newCodes.recoveryCodes} />
        )}
        <Card withBorder>
          <Text mb="sm">{t("twoFactor.intro")}</Text>
          {status.enabled ? (
            <Stack>
              <Alert color="teal" data-testid="two-factor-on">
                {t("twoFactor.enabledSince", {
                  date: formatDateTime(status.enabledAt!, i18n.language),
                })}{" "}
                {t("twoFactor.codesLeft", { count: status.recoveryCodesLeft })}
              </Alert>
              <CodeForm
                intent="regenerate"
                actionData={actionData}
                title={t("twoFactor.regenerateTitle")}
                label={t("twoFactor.codeLabel")}
                button={t("twoFactor.regenerate")}
              />
              <DisableForm actionData={actionData} />
            </Stack>
          ) : status.enrolment ? (
            <EnrolmentSteps enrolment={status.enrolment} actionData={actionData} />
          ) : (
            status.available && <StartEnrolmentForm actionData={actionData} />
          )}
        </Card>
      </Stack>
    </ReauthGuard>
  );
}
