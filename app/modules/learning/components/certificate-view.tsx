import { Box, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/dates";

export interface CertificateData {
  name: string;
  courseTitle: string;
  versionNumber: number;
  issuedAt: string;
  expiresAt: string | null;
  code?: string;
}

/** The certificate itself; also what gets printed (see the print styles in app.css). */
export function CertificateView({
  certificate,
  verifyUrl,
}: {
  certificate: CertificateData;
  verifyUrl?: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Box
      className="certificate"
      p="xl"
      style={{
        border: "3px double var(--mantine-color-teal-6)",
        borderRadius: 12,
        textAlign: "center",
      }}
      data-testid="certificate"
    >
      <Stack gap="sm" align="center">
        <Text tt="uppercase" c="dimmed" fw={700} lts={2}>
          {t("certificates.heading")}
        </Text>
        <Text>{t("certificates.awardedTo")}</Text>
        <Title order={1}>{certificate.name}</Title>
        <Text>{t("certificates.forCompleting")}</Text>
        <Title order={2} size="h3">
          {certificate.courseTitle}
        </Title>
        <Text size="sm" c="dimmed">
          {t("certificates.versionLine", { number: certificate.versionNumber })} ·{" "}
          {t("certificates.issuedOn", { date: formatDate(certificate.issuedAt, i18n.language) })}
          {certificate.expiresAt &&
            ` · ${t("certificates.validUntilDate", { date: formatDate(certificate.expiresAt, i18n.language) })}`}
        </Text>
        {certificate.code && (
          <Text size="sm" ff="monospace" data-testid="certificate-code">
            {t("certificates.code")}: {certificate.code}
          </Text>
        )}
        {verifyUrl && (
          <Text size="xs" c="dimmed">
            {t("certificates.verifyAt", { url: verifyUrl })}
          </Text>
        )}
      </Stack>
    </Box>
  );
}
