import {
  Button,
  Container,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  Form,
  useActionData,
  useNavigation,
  useRouteLoaderData,
  useSearchParams,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formAction } from "~/lib/actions.server";
import { safeRedirectPath } from "~/lib/http.server";
import { clientInfo } from "~/lib/request.server";
import { getOptionalUser } from "~/lib/session.server";
import { FormError, useSchemaForm } from "~/lib/ui/forms";
import { ColorSchemeToggle, LanguageSwitcher } from "~/lib/ui/shell";
import type { loader as rootLoader } from "~/root";
import { signIn } from "~/modules/account/index.server";
import { loginSchema } from "~/modules/account";

export const meta: MetaFunction = () => [{ title: "Uptake" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  return formAction(request, loginSchema, async (input) => {
    const { cookie, mustChangePassword, secondFactor } = await signIn(
      input,
      clientInfo(request, context),
    );
    if (secondFactor) return redirect("/login/two-factor", { headers: { "Set-Cookie": cookie } });
    const target = mustChangePassword ? "/settings/password" : safeRedirectPath(input.redirectTo);
    return redirect(target, { headers: { "Set-Cookie": cookie } });
  });
}

export default function LoginPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const language = useRouteLoaderData<typeof rootLoader>("root")?.language ?? "en";
  const { field, onSubmit, formError } = useSchemaForm(loginSchema, {
    defaultValues: { email: "", password: "", redirectTo: params.get("redirectTo") ?? "/" },
    actionData,
  });
  return (
    <Container size={420} py={60}>
      <Stack gap="xs" mb="lg" align="center">
        <Title order={1}>Uptake</Title>
        <Text c="dimmed" ta="center">
          {t("auth.tagline")}
        </Text>
      </Stack>
      <Paper withBorder shadow="sm" p="lg">
        <Title order={2} size="h3" mb="md">
          {t("auth.signInTitle")}
        </Title>
        <FormError
          message={formError ?? (params.get("expired") ? t("twoFactor.pendingExpired") : undefined)}
        />
        <Form method="post" onSubmit={onSubmit} noValidate>
          <Stack>
            <TextInput
              label={t("fields.email")}
              type="email"
              autoComplete="username"
              {...field("email")}
            />
            <PasswordInput
              label={t("fields.password")}
              autoComplete="current-password"
              {...field("password")}
            />
            <input type="hidden" {...field("redirectTo")} />
            <Button type="submit" loading={navigation.state === "submitting"}>
              {t("auth.signIn")}
            </Button>
          </Stack>
        </Form>
      </Paper>
      <Group justify="center" mt="md">
        <LanguageSwitcher language={language} />
        <ColorSchemeToggle />
      </Group>
    </Container>
  );
}
