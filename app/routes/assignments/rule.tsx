import { Anchor, Table, Text } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { formatDate } from "~/lib/dates";
import { parseQuery, parseWith, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { PageHeader, UrlPagination } from "~/lib/ui/page";
import { listRuleEnrolments } from "~/modules/learning/index.server";
import { EnrolmentStatusBadge, ruleListQuerySchema } from "~/modules/learning";
import { ScrollTable } from "~/lib/ui/scroll-table";

const paramsSchema = z.object({ ruleId: z.string().min(1).max(40) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Assignment");
  return runLoader(async () =>
    listRuleEnrolments(
      user,
      parseWith(paramsSchema, params).ruleId,
      parseQuery(request, ruleListQuerySchema).page,
    ),
  );
}

export default function RuleEnrolmentsPage() {
  const { t } = useTranslation();
  const { rule, enrolments, total, page, pageCount } = useLoaderData<typeof loader>();
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
                <Table.Td>{e.dueAt ? formatDate(e.dueAt) : "—"}</Table.Td>
                <Table.Td>{e.bestScore === null ? "—" : `${e.bestScore}%`}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <UrlPagination page={page} pageCount={pageCount} />
    </>
  );
}
