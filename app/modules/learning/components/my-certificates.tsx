import { Anchor, Badge, Table, Text } from "@mantine/core";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/dates";
import { PageHeader } from "~/lib/ui/page";
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
          <Table data-testid="certificates-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("certificates.course")}</Table.Th>
                <Table.Th>{t("certificates.issued")}</Table.Th>
                <Table.Th>{t("certificates.validUntil")}</Table.Th>
                <Table.Th>{t("fields.status")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {certificates.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/certificates/${c.id}`}>
                      {c.courseTitle}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{formatDate(c.issuedAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    {c.expiresAt
                      ? formatDate(c.expiresAt, i18n.language)
                      : t("certificates.noExpiry")}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={c.expired ? "orange" : "teal"} variant="light">
                      {c.expired ? t("certificates.expired") : t("certificates.valid")}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </>
  );
}
