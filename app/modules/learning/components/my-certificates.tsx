import { Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/dates";
import { PageHeader } from "~/lib/ui/page";
import { PlainBadge, PlainTable, TextLink } from "~/lib/ui/plain";
import { ScrollTable } from "~/lib/ui/scroll-table";

/** One of my certificates, as listMyCertificates gives it. */
export interface CertificateListItem {
  id: string;
  courseTitle: string;
  issuedAt: string;
  expiresAt: string | null;
  expired: boolean;
}

/** My certificates: course, issue date, validity. */
export function MyCertificates({ certificates }: { certificates: CertificateListItem[] }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <PageHeader title={t("nav.certificates")} />
      {certificates.length === 0 ? (
        <Text c="dimmed">{t("certificates.none")}</Text>
      ) : (
        <ScrollTable minWidth={560}>
          <PlainTable data-testid="certificates-table">
            <thead>
              <tr>
                <th scope="col">{t("certificates.course")}</th>
                <th scope="col">{t("certificates.issued")}</th>
                <th scope="col">{t("certificates.validUntil")}</th>
                <th scope="col">{t("fields.status")}</th>
              </tr>
            </thead>
            <tbody>
              {certificates.map((c) => (
                <tr key={c.id}>
                  <td>
                    <TextLink to={`/certificates/${c.id}`}>{c.courseTitle}</TextLink>
                  </td>
                  <td>{formatDate(c.issuedAt, i18n.language)}</td>
                  <td>
                    {c.expiresAt
                      ? formatDate(c.expiresAt, i18n.language)
                      : t("certificates.noExpiry")}
                  </td>
                  <td>
                    <PlainBadge color={c.expired ? "orange" : "teal"}>
                      {c.expired ? t("certificates.expired") : t("certificates.valid")}
                    </PlainBadge>
                  </td>
                </tr>
              ))}
            </tbody>
          </PlainTable>
        </ScrollTable>
      )}
    </>
  );
}
