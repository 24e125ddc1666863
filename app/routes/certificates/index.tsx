import { Anchor, Badge, Table, Text } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/dates";
import { requirePermission, requireUser } from "~/lib/session.server";
import { PageHeader } from "~/lib/ui/page";
import { listMyCertificates } from "~/modules/learning/index.server";
import { ScrollTable } from "~/lib/ui/scroll-table";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "read", { type: "Learning", ownerId: user.id });
  return { certificates: await listMyCertificates(user.id), now: new Date().toISOString() };
}

export default function CertificatesPage() {
  const { t } = useTranslation();
  const { certificates, now } = useLoaderData<typeof loader>();
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
              {certificates.map((c) => {
                const expired = !!c.expiresAt && c.expiresAt <= now;
                return (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/certificates/${c.id}`}>
                        {c.courseTitle}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{formatDate(c.issuedAt)}</Table.Td>
                    <Table.Td>
                      {c.expiresAt ? formatDate(c.expiresAt) : t("certificates.noExpiry")}
                    </Table.Td>
                    <Table.Td>
                      <Badge color={expired ? "orange" : "teal"} variant="light">
                        {expired ? t("certificates.expired") : t("certificates.valid")}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </>
  );
}
