import { Anchor, Button, Container, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formAction } from "~/lib/actions.server";
import { safeRedirectPath } from "~/lib/http.server";
import { clientInfo } from "~/lib/request.server";
import { FormError, useSchemaForm } from "~/lib/ui/forms";
import { secondFactorSchema } from "~/modules/account";
import {
  clearPendingCookie,
  completePendingLogin,
  findPendingLogin,
  PendingLoginExpiredError,
} from "~/modules/account/index.server";

export const meta: MetaFunction = () => [{ title: "Uptake" }];

// The second sign-in step: the pending sign-in's cookie, then a code. No session before it.
export async function loader({ request }: LoaderFunctionArgs) {
  if (!(await findPendingLogin(request))) {
    throw redirect("/login", { headers: { "Set-Cookie": clearPendingCookie() } });
  }
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  return formAction(request, secondFactorSchema, async ({ code }) => {
    try {
      const done = await completePendingLogin(request, code, {
        client: clientInfo(request, context),
      });
      const headers = new Headers();
      for (const cookie of done.cookies) headers.append("Set-Cookie", cookie);
      const target = done.mustChangePassword
        ? "/settings/password"
        : safeRedirectPath(done.redirectTo);
      return redirect(target, { headers });
    } catch (error) {
      // Too many tries or too late: back to the password step.
      if (error instanceof PendingLoginExpiredError) {
        return redirect("/login?expired=1", { headers: { "Set-Cookie": clearPendingCookie() } });
      }
      throw error;
    }
  });
}

export default function TwoFactorStepPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { field, onSubmit, formError } = useSchemaForm(secondFactorSchema, {
    defaultValues: { code: "" },
    actionData,
  });
  return (
    <Container size={420} py={60}>
      <Paper withBorder shadow="sm" p="lg">
        <Title order={1} size="h3" mb="xs">
          {t("twoFactor.stepTitle")}
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          {t("twoFactor.stepHelp")}
        </Text>
        <FormError message={formError} />
        <Form method="post" onSubmit={onSubmit} noValidate>
          <Stack>
            <TextInput
              label={t("twoFactor.codeLabel")}
              description={t("twoFactor.codeOrRecovery")}
              autoComplete="one-time-code"
              autoFocus
              {...field("code")}
            />
            <Button type="submit" loading={navigation.state === "submitting"}>
              {t("twoFactor.verify")}
            </Button>
          </Stack>
        </Form>
        <Anchor component={Link} to="/login" size="sm" mt="md" display="block">
          {t("twoFactor.backToSignIn")}
        </Anchor>
      </Paper>
    </Container>
  );
}
