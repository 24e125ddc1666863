import { Table, Text } from "@mantine/core";
import { TextLink } from "~/lib/ui/plain";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/dates";
import { ListTable, ResultCount } from "~/lib/ui/list-page";
import { PageHeader, UrlPagination } from "~/lib/ui/page";
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
      <TextLink to="/assignments" size="sm">
        ← {t("learning.assignmentsTitle")}
      </TextLink>
      <PageHeader title={rule.courseTitle} />
      <ResultCount total={total} />
      <ListTable
        minWidth={640}
        striped
        data-testid="rule-enrolments"
        columns={[
          t("fields.name"),
          t("fields.department"),
          t("fields.status"),
          t("learning.rule.due"),
          t("learning.bestScoreHeader"),
        ]}
      >
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
      </ListTable>
      <UrlPagination page={page} pageCount={pageCount} />
    </>
  );
}
