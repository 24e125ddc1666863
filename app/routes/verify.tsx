import { Alert, Container, Stack, Title } from "@mantine/core";
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RATE_LIMITS, enforceRateLimit } from "~/lib/rate-limit.server";
import { clientInfo } from "~/lib/request.server";
import { ErrorPage } from "~/lib/ui/error-page";
import { CertificateView } from "~/modules/learning";
import { verifyCertificate } from "~/modules/learning/index.server";

export const meta: MetaFunction = () => [
  { title: "Uptake" },
  { name: "robots", content: "noindex" },
];

/**
 * A refusal's Retry-After reaches the browser: Remix passes a thrown response's headers only
 * to the `headers` of the route whose ErrorBoundary renders it, hence this route's own.
 */
export const headers: HeadersFunction = ({ errorHeaders, loaderHeaders }) =>
  errorHeaders ?? loaderHeaders;

/**
 * Public by design (no permission check): anyone with the code may check a certificate.
 * Rate-limited per client address, so nobody can walk the code space.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await enforceRateLimit([[RATE_LIMITS.verify, clientInfo(request, context).ipAddress]]);
  const code = String(params.code ?? "")
    .trim()
    .toUpperCase()
    .slice(0, 60);
  return verifyCertificate(code);
}

export default function VerifyPage() {
  const { t } = useTranslation();
  const result = useLoaderData<typeof loader>();
  return (
    <Container size="md" py="xl">
      <Stack>
        <Title order={1} size="h2">
          {t("certificates.verifyTitle")}
        </Title>
        <Alert
          color={
            result.status === "valid" ? "teal" : result.status === "expired" ? "orange" : "red"
          }
          data-testid="verify-status"
          data-status={result.status}
        >
          {t(`certificates.verify.${result.status}`)}
        </Alert>
        {result.status !== "unknown" && <CertificateView certificate={result} />}
      </Stack>
    </Container>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
