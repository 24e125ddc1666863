import { Button, Container, Stack, Text, Title } from "@mantine/core";
import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

const TITLES: Record<number, string> = {
  400: "errors.badRequestTitle",
  403: "errors.forbiddenTitle",
  404: "errors.notFoundTitle",
  429: "errors.tooManyRequestsTitle",
};

/** The one way 403, 404 and unexpected errors look, everywhere. Never shows a stack trace. */
export function ErrorPage() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const messageKey =
    isRouteErrorResponse(error) &&
    typeof error.data === "object" &&
    error.data !== null &&
    typeof (error.data as { messageKey?: unknown }).messageKey === "string"
      ? (error.data as { messageKey: string }).messageKey
      : status === 404
        ? "errors.notFound"
        : status === 403
          ? "errors.forbidden"
          : "errors.unexpected";
  return (
    <Container size="sm" py="xl">
      <Stack align="flex-start" gap="md" data-testid="error-page" data-status={status}>
        <Text c="dimmed" fw={700}>
          {status}
        </Text>
        <Title order={1}>{t(TITLES[status] ?? "errors.unexpectedTitle")}</Title>
        <Text>{t(messageKey)}</Text>
        <Button component={Link} to="/" variant="light">
          {t("errors.backHome")}
        </Button>
      </Stack>
    </Container>
  );
}
