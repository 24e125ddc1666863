import { Alert, Button, Card, PasswordInput, Stack } from "@mantine/core";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { formAction } from "~/lib/actions.server";
import { clientInfo } from "~/lib/request.server";
import { getCurrentSession, requireOwn } from "~/lib/session.server";
import { FormError, useSchemaForm } from "~/lib/ui/forms";
import { PageHeader } from "~/lib/ui/page";
import { changeOwnPassword } from "~/modules/account/index.server";
import { changePasswordSchema } from "~/modules/account";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireOwn(request, "update", "Settings");
  return { mustChange: user.mustChangePassword, person: { name: user.name, email: user.email } };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireOwn(request, "update", "Settings");
  const current = await getCurrentSession(request);
  return formAction(request, changePasswordSchema, async (input) => {
    await changeOwnPassword(user.id, current!.session.id, input, clientInfo(request, context));
    return redirect("/settings?passwordChanged=1");
  });
}

/**
 * The server's strength check while typing: its dictionaries (~1.6 MB) load on demand, on
 * this page only, once a password is long enough to be checked at all.
 */
function useStrengthHint(password: string, person: { name: string; email: string }) {
  const [hint, setHint] = useState<string | null>(null);
  useEffect(() => {
    if (password.length < 10) {
      setHint(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      void import("~/lib/password-strength").then(({ passwordStrength, personalInputs }) => {
        if (current) setHint(passwordStrength(password, personalInputs(person)).reason);
      });
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [password, person]);
  return hint;
}

export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const { mustChange, person } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { form, field, onSubmit, formError } = useSchemaForm(changePasswordSchema, {
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
    actionData,
  });
  const newPassword = field("newPassword");
  const hint = useStrengthHint(form.watch("newPassword") ?? "", person);
  return (
    <Stack maw={480} mx={mustChange ? "auto" : undefined} py={mustChange ? "xl" : undefined}>
      <PageHeader title={t("settings.changePassword")} />
      {mustChange && (
        <Alert color="yellow" data-testid="must-change-password">
          {t("settings.mustChangePassword")}
        </Alert>
      )}
      <Card withBorder>
        <FormError message={formError} />
        <Form method="post" onSubmit={onSubmit} noValidate>
          <Stack>
            <PasswordInput
              label={t("fields.currentPassword")}
              autoComplete="current-password"
              {...field("currentPassword")}
            />
            <PasswordInput
              label={t("fields.newPassword")}
              description={t("settings.passwordRules")}
              autoComplete="new-password"
              {...newPassword}
              error={newPassword.error ?? (hint ? t(hint) : undefined)}
              aria-invalid={newPassword["aria-invalid"] ?? (hint ? true : undefined)}
            />
            <PasswordInput
              label={t("fields.confirmPassword")}
              autoComplete="new-password"
              {...field("confirmPassword")}
            />
            <Button type="submit">{t("settings.changePassword")}</Button>
          </Stack>
        </Form>
      </Card>
      {mustChange && (
        <Form method="post" action="/logout">
          <Button type="submit" variant="subtle">
            {t("shell.signOut")}
          </Button>
        </Form>
      )}
    </Stack>
  );
}
