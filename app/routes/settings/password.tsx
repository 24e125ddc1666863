import { Alert, Button, Card, PasswordInput, Stack } from "@mantine/core";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formAction } from "~/lib/actions.server";
import { clientInfo } from "~/lib/request.server";
import { getCurrentSession, requireOwn } from "~/lib/session.server";
import { FormError, useSchemaForm } from "~/lib/ui/forms";
import { NewPasswordInput } from "~/lib/ui/new-password-input";
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

export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const { mustChange, person } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { form, field, onSubmit, formError } = useSchemaForm(changePasswordSchema, {
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
              {...field("currentPassword")}
            />
            <NewPasswordInput
              label={t("fields.newPassword")}
              password={form.watch("newPassword") ?? ""}
              person={person}
              field={field("newPassword")}
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
