import { Alert, Button, Card, Stack, Text } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formAction } from "~/lib/actions.server";
import { requireRecentAuth, requireUserWith } from "~/lib/session.server";
import { FormError, isFailure } from "~/lib/ui/forms";
import { PageHeader } from "~/lib/ui/page";
import { ReauthGuard, twoFactorPolicySchema } from "~/modules/account";
import { getTwoFactorPolicy, setTwoFactorPolicy } from "~/modules/account/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "SecurityPolicy");
  return { policy: await getTwoFactorPolicy(), actorTwoFactor: user.twoFactorEnabled };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "update", "SecurityPolicy");
  return formAction(request, twoFactorPolicySchema, async ({ required }) => {
    // A sign-in policy is as sensitive as a role: confirm the password first.
    await requireRecentAuth(request);
    await setTwoFactorPolicy(user.id, required);
    return { required };
  });
}

export default function SecurityPolicyPage() {
  const { t } = useTranslation();
  const { policy, actorTwoFactor } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  return (
    <ReauthGuard actionData={actionData} twoFactor={actorTwoFactor}>
      <Stack maw={760}>
        <PageHeader title={t("twoFactor.policy.title")} />
        {actionData?.ok && (
          <Alert color="teal" role="status">
            {t("twoFactor.policy.saved")}
          </Alert>
        )}
        <Card withBorder>
          <Text mb="sm">{t("twoFactor.policy.help")}</Text>
          <Text fw={600} mb="sm" data-testid="two-factor-policy">
            {policy.required ? t("twoFactor.policy.on") : t("twoFactor.policy.off")}
          </Text>
          {policy.notEnrolled > 0 && (
            <Text size="sm" c="dimmed" mb="sm">
              {t("twoFactor.policy.notEnrolled", { count: policy.notEnrolled })}
            </Text>
          )}
          {!policy.available && (
            <Alert color="gray" mb="sm">
              {t("twoFactor.unavailable")}
            </Alert>
          )}
          <FormError message={failure ? t(failure.formError) : undefined} />
          <Form method="post">
            <input type="hidden" name="required" value={policy.required ? "false" : "true"} />
            <Button
              type="submit"
              color={policy.required ? "red" : undefined}
              variant={policy.required ? "light" : "filled"}
              disabled={!policy.required && !policy.available}
            >
              {policy.required ? t("twoFactor.policy.switchOff") : t("twoFactor.policy.switchOn")}
            </Button>
          </Form>
        </Card>
      </Stack>
    </ReauthGuard>
  );
}
