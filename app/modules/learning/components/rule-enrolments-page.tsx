import { Anchor, Table, Text } from "@mantine/core";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/dates";
import { PageHeader, UrlPagination } from "~/lib/ui/page";
import { ScrollTable } from "~/lib/ui/scroll-table";
import type { DisplayStatus } from "../enrolment-status";
import { EnrolmentStatusBadge } from "./status-badge";
import { formatPercent } from "~/lib/numbers";

/** One enrolment of a rule, as listRuleEnrolments gives it. */
export interface RuleEnrolment {
  id: string;
  name: string;
  email: string;
  department: string | null;
  status: DisplayStatus;
  dueAt: string | null;
  bestScore: number | null;
}

/** One rule's enrolments: who, where, status, due date, best score; a page at a time. */
export function RuleEnrolmentsPage({
  rule,
  enrolments,
  total,
  page,
  pageCount,
}: {
  rule: { courseTitle: string };
  enrolments: RuleEnrolment[];
  total: number;
  page: number;
  pageCount: number;
}) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <Anchor component={Link} to="/assignments" size="sm">
        ← {t("learning.assignmentsTitle")}
      </Anchor>
      <PageHeader title={rule.courseTitle} />
      <Text size="sm" c="dimmed" mb="xs">
        {t("common.resultCount", { count: total })}
      </Text>
      <ScrollTable minWidth={640}>
        <Table striped data-testid="rule-enrolments">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("fields.name")}</Table.Th>
              <Table.Th>{t("fields.department")}</Table.Th>
              <Table.Th>{t("fields.status")}</Table.Th>
              <Table.Th>{t("learning.rule.due")}</Table.Th>
              <Table.Th>{t("learning.bestScoreHeader")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {enrolments.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>
                  {e.name}
                  <Text size="xs" c="dimmed">
                    {e.email}
                  </Text>
                </Table.Td>
                <Table.Td>{e.department ?? "—"}</Table.Td>
                <Table.Td>
                  <EnrolmentStatusBadge status={e.status} />
                </Table.Td>
                <Table.Td>{e.dueAt ? formatDate(e.dueAt, i18n.language) : "—"}</Table.Td>
                <Table.Td>{formatPercent(e.bestScore)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <UrlPagination page={page} pageCount={pageCount} />
    </>
  );
}
