import {
  Alert,
  Button,
  Card,
  Code,
  Group,
  Image,
  List,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/lib/dates";
import { parseWith, readFormFields, runAction } from "~/lib/http.server";
import { clientInfo } from "~/lib/request.server";
import { requireOwn, requireRecentAuth } from "~/lib/session.server";
import { actionDataFor, FormError, useSchemaForm } from "~/lib/ui/forms";
import { PageHeader } from "~/lib/ui/page";
import {
  ReauthGuard,
  securityIntentSchema,
  totpConfirmSchema,
  twoFactorDisableSchema,
  secondFactorSchema,
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

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireOwn(request, "update", "Settings");
  const fields = await readFormFields(request);
  const intent = fields.intent;
  const ctx = { client: clientInfo(request, context) };
  return runAction(async () => {
    parseWith(securityIntentSchema, fields);
    if (intent === "start") {
      // A new authenticator is as strong as a new password: not from an unattended session.
      await requireRecentAuth(request);
      await startEnrolment(user.id);
      return data({ ok: true as const, intent, recoveryCodes: [] as string[] });
    }
    if (intent === "confirm") {
      const { code } = parseWith(totpConfirmSchema, fields);
      const recoveryCodes = await confirmEnrolment(user.id, code, ctx);
      return data({ ok: true as const, intent, recoveryCodes });
    }
    if (intent === "regenerate") {
      const { code } = parseWith(secondFactorSchema, fields);
      const recoveryCodes = await regenerateRecoveryCodes(user.id, code, ctx);
      return data({ ok: true as const, intent, recoveryCodes });
    }
    await disableTwoFactor(user.id, parseWith(twoFactorDisableSchema, fields), ctx);
    return data({ ok: true as const, intent: "disable", recoveryCodes: [] as string[] });
  }, intent);
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" title={t("twoFactor.recoveryTitle")} role="status">
      <Text size="sm" mb="sm">
        {t("twoFactor.recoveryHelp")}
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing={4} data-testid="recovery-codes">
        {codes.map((code) => (
          <Code key={code} fz="md">
            {code}
          </Code>
        ))}
      </SimpleGrid>
    </Alert>
  );
}

/** One code field and a button: confirming an enrolment, or replacing recovery codes. */
function CodeForm({
  intent,
  actionData,
  title,
  label,
  button,
}: {
  intent: "confirm" | "regenerate";
  actionData: unknown;
  title?: string;
  label: string;
  button: string;
}) {
  const { field, onSubmit, formError } = useSchemaForm(
    intent === "confirm" ? totpConfirmSchema : secondFactorSchema,
    { defaultValues: { code: "" }, actionData: actionDataFor(actionData, intent) },
  );
  return (
    <Form method="post" onSubmit={onSubmit} noValidate>
      {title && (
        <Title order={3} size="h5" mb="xs">
          {title}
        </Title>
      )}
      <FormError message={formError} />
      <input type="hidden" name="intent" value={intent} />
      <Group align="flex-end">
        <TextInput label={label} autoComplete="one-time-code" required {...field("code")} />
        <Button type="submit" variant={intent === "confirm" ? "filled" : "light"}>
          {button}
        </Button>
      </Group>
    </Form>
  );
}

function DisableForm({ actionData }: { actionData: unknown }) {
  const { t } = useTranslation();
  const { field, onSubmit, formError } = useSchemaForm(twoFactorDisableSchema, {
    defaultValues: { password: "", code: "" },
    actionData: actionDataFor(actionData, "disable"),
  });
  return (
    <Form method="post" onSubmit={onSubmit} noValidate>
      <Title order={3} size="h5" mb="xs">
        {t("twoFactor.disableTitle")}
      </Title>
      <FormError message={formError} />
      <input type="hidden" name="intent" value="disable" />
      <Stack maw={360}>
        <PasswordInput
          label={t("fields.password")}
          autoComplete="current-password"
          required
          {...field("password")}
        />
        <TextInput
          label={t("twoFactor.codeLabel")}
          description={t("twoFactor.codeOrRecovery")}
          autoComplete="one-time-code"
          required
          {...field("code")}
        />
        <Group>
          <Button type="submit" color="red" variant="light">
            {t("twoFactor.disable")}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}

export default function SecuritySettingsPage() {
  const { t } = useTranslation();
  const { status } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = actionData && actionData.ok ? actionData : undefined;
  const startFailure = actionDataFor(actionData, "start") as { formError?: string } | undefined;
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
        {done?.intent === "disable" && (
          <Alert color="teal" role="status">
            {t("twoFactor.disabled")}
          </Alert>
        )}
        {done && done.recoveryCodes.length > 0 && <RecoveryCodes codes={done.recoveryCodes} />}
        <Card withBorder>
          <Text mb="sm">{t("twoFactor.intro")}</Text>
          {status.enabled ? (
            <Stack>
              <Alert color="teal" data-testid="two-factor-on">
                {t("twoFactor.enabledSince", { date: formatDateTime(status.enabledAt!) })}{" "}
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
            <Stack>
              <List type="ordered" size="sm" spacing={4}>
                <List.Item>{t("twoFactor.stepScan")}</List.Item>
                <List.Item>{t("twoFactor.stepConfirm")}</List.Item>
              </List>
              <Group align="flex-start" gap="lg">
                <Image
                  src={status.enrolment.qrCode}
                  alt={t("twoFactor.qrAlt")}
                  w={220}
                  h={220}
                  radius="sm"
                />
                <Stack gap={4}>
                  <Text size="sm">{t("twoFactor.manualEntry")}</Text>
                  <Code fz="md" data-testid="totp-secret">
                    {status.enrolment.secret}
                  </Code>
                </Stack>
              </Group>
              <CodeForm
                intent="confirm"
                actionData={actionData}
                label={t("twoFactor.confirmLabel")}
                button={t("twoFactor.confirm")}
              />
            </Stack>
          ) : (
            status.available && (
              <Form method="post">
                <FormError
                  message={startFailure?.formError ? t(startFailure.formError) : undefined}
                />
                <input type="hidden" name="intent" value="start" />
                <Button type="submit">{t("twoFactor.setUp")}</Button>
              </Form>
            )
          )}
        </Card>
      </Stack>
    </ReauthGuard>
  );
}
