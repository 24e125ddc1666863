import {
  Alert,
  Button,
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
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ActionResult } from "~/lib/actions";
import { actionDataFor, FormError, useSchemaForm } from "~/lib/ui/forms";
import {
  secondFactorSchema,
  totpConfirmSchema,
  twoFactorDisableSchema,
} from "../two-factor-schemas";

/** The forms of the two-factor settings page, one intent each. */
export type TwoFactorIntent = "start" | "confirm" | "regenerate" | "disable";
type TwoFactorActionData = ActionResult<TwoFactorIntent> | undefined;

/** New recovery codes, shown once (after confirming an enrolment or replacing them). */
export function RecoveryCodes({ codes }: { codes: string[] }) {
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
export function CodeForm({
  intent,
  actionData,
  title,
  label,
  button,
}: {
  intent: "confirm" | "regenerate";
  actionData: TwoFactorActionData;
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
        <TextInput label={label} autoComplete="one-time-code" {...field("code")} />
        <Button type="submit" variant={intent === "confirm" ? "filled" : "light"}>
          {button}
        </Button>
      </Group>
    </Form>
  );
}

/** Switching the second factor off: the password and a code (or a recovery code). */
export function DisableForm({ actionData }: { actionData: TwoFactorActionData }) {
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
          {...field("password")}
        />
        <TextInput
          label={t("twoFactor.codeLabel")}
          description={t("twoFactor.codeOrRecovery")}
          autoComplete="one-time-code"
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

/** An enrolment in progress: the QR code (and the secret to type), then the first code. */
export function EnrolmentSteps({
  enrolment,
  actionData,
}: {
  enrolment: { qrCode: string; secret: string };
  actionData: TwoFactorActionData;
}) {
  const { t } = useTranslation();
  return (
    <Stack>
      <List type="ordered" size="sm" spacing={4}>
        <List.Item>{t("twoFactor.stepScan")}</List.Item>
        <List.Item>{t("twoFactor.stepConfirm")}</List.Item>
      </List>
      <Group align="flex-start" gap="lg">
        <Image src={enrolment.qrCode} alt={t("twoFactor.qrAlt")} w={220} h={220} radius="sm" />
        <Stack gap={4}>
          <Text size="sm">{t("twoFactor.manualEntry")}</Text>
          <Code fz="md" data-testid="totp-secret">
            {enrolment.secret}
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
  );
}

/** The button that starts an enrolment (after a recent password confirmation). */
export function StartEnrolmentForm({ actionData }: { actionData: TwoFactorActionData }) {
  const { t } = useTranslation();
  const failure = actionDataFor(actionData, "start");
  return (
    <Form method="post">
      <FormError message={failure && !failure.ok ? t(failure.formError) : undefined} />
      <input type="hidden" name="intent" value="start" />
      <Button type="submit">{t("twoFactor.setUp")}</Button>
    </Form>
  );
}
