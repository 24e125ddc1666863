import { Alert, Container, Stack, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CertificateView } from "~/modules/learning/components/certificate-view";
import { verifyCertificate } from "~/modules/learning/certificates.server";

export const meta: MetaFunction = () => [
  { title: "Uptake" },
  { name: "robots", content: "noindex" },
];

/** Public by design (no permission check): anyone with the code may check a certificate. */
export async function loader({ params }: LoaderFunctionArgs) {
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
