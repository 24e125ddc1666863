import { Alert, Button, Card, PasswordInput, Stack } from "@mantine/core";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseForm, runAction } from "~/lib/http.server";
import { getCurrentSession, requirePermission, requireUser } from "~/lib/session.server";
import { FormError, useSchemaForm } from "~/lib/ui/forms";
import { PageHeader } from "~/lib/ui/page";
import { changeOwnPassword } from "~/modules/account/account.server";
import { changePasswordSchema } from "~/modules/account/schemas";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "update", { type: "Settings", ownerId: user.id });
  return { mustChange: user.mustChangePassword };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "update", { type: "Settings", ownerId: user.id });
  const current = await getCurrentSession(request);
  return runAction(async () => {
    const input = await parseForm(request, changePasswordSchema);
    await changeOwnPassword(user.id, current!.session.id, input);
    return redirect("/settings?passwordChanged=1");
  });
}

export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const { mustChange } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { field, onSubmit, formError } = useSchemaForm(changePasswordSchema, {
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
    actionData,
  });
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
              required
              {...field("currentPassword")}
            />
            <PasswordInput
              label={t("fields.newPassword")}
              description={t("settings.passwordRules")}
              autoComplete="new-password"
              required
              {...field("newPassword")}
            />
            <PasswordInput
              label={t("fields.confirmPassword")}
              autoComplete="new-password"
              required
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
