import { Alert, Button, Container, Paper, PasswordInput, Stack, Text, Title } from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import { TextLink } from "~/lib/ui/plain";
import { useTranslation } from "react-i18next";
import { FormError, useSchemaForm } from "~/lib/ui/forms";
import { NewPasswordInput } from "~/lib/ui/new-password-input";
import { invitationSchema } from "../staff-import";

/** An invited person's first password (`/invite/:token`); `person` null: the link is dead. */
export function InvitePage({
  person,
  actionData,
}: {
  person: { name: string; email: string } | null;
  actionData: unknown;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { form, field, onSubmit, formError } = useSchemaForm(invitationSchema, {
    defaultValues: { password: "", confirmPassword: "" },
    actionData,
  });
  return (
    <Container size={460} py={60}>
      <Paper withBorder shadow="sm" p="lg">
        <Title order={1} size="h3" mb="md">
          {t("org.invitation.title")}
        </Title>
        {person ? (
          <>
            <Text mb="md">{t("org.invitation.intro", person)}</Text>
            <FormError message={formError} />
            <Form method="post" onSubmit={onSubmit} noValidate>
              <Stack>
                <NewPasswordInput
                  label={t("org.invitation.password")}
                  password={form.watch("password") ?? ""}
                  person={person}
                  field={field("password")}
                />
                <PasswordInput
                  label={t("org.invitation.confirm")}
                  autoComplete="new-password"
                  {...field("confirmPassword")}
                />
                <Button type="submit" loading={navigation.state === "submitting"}>
                  {t("org.invitation.submit")}
                </Button>
              </Stack>
            </Form>
          </>
        ) : (
          <Stack>
            <Alert color="orange" data-testid="invitation-invalid">
              {t("org.invitation.invalid")}
            </Alert>
            <TextLink to="/login">{t("auth.signIn")}</TextLink>
          </Stack>
        )}
      </Paper>
    </Container>
  );
}
