import { Anchor, Badge, Card, Group, Stack, Table, Text } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { formatDate, formatDateTime } from "~/lib/dates";
import { parseQuery, parseWith, runAction, runLoader } from "~/lib/http.server";
import { can } from "~/lib/permissions";
import { requireUserWith } from "~/lib/session.server";
import { actionDataFor } from "~/lib/ui/forms";
import { PageHeader, UrlPagination } from "~/lib/ui/page";
import { handleReportAction, getPersonRecord } from "~/modules/reports/index.server";
import { EnrolmentStatusBadge } from "~/modules/learning";
import { ManualCompletionForm, RemindForm, reportFiltersSchema } from "~/modules/reports";

const paramsSchema = z.object({ userId: z.string().min(1).max(40) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Report");
  const { page } = parseQuery(request, reportFiltersSchema);
  return runLoader(async () => {
    const { userId } = parseWith(paramsSchema, params);
    const record = await getPersonRecord(user, userId, page);
    return {
      ...record,
      mayRemind: can(user, "create", "Reminder"),
      mayComplete: can(user, "update", "Assignment"),
    };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "create", "Reminder");
  return runAction(async () => {
    parseWith(paramsSchema, params);
    return handleReportAction(request, user, true);
  });
}

export default function PersonRecord() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const open = data.enrolments.filter((e) => e.open);
  return (
    <>
      <Anchor component={Link} to="/reports" size="sm">
        ← {t("reports.title")}
      </Anchor>
      <PageHeader
        title={data.person.name}
        actions={
          <Anchor href={`/reports/export/person?user=${data.person.id}`} download size="sm">
            {t("reports.exportCsv")}
          </Anchor>
        }
      />
      <Text c="dimmed" mb="md">
        {data.person.email} · {data.person.department ?? t("reports.noDepartment")}
        {data.person.jobTitle ? ` · ${data.person.jobTitle}` : ""}
        {!data.person.active && (
          <Badge ml="xs" color="gray">
            {t("org.users.inactive")}
          </Badge>
        )}
      </Text>
      <Group mb="md" data-testid="person-summary">
        {(["assigned", "completed", "inProgress", "notStarted", "overdue"] as const).map((key) => (
          <Card key={key} withBorder padding="xs" miw={110}>
            <Text size="xs" c="dimmed">
              {t(`reports.metrics.${key}`)}
            </Text>
            <Text fw={700}>{data.summary[key]}</Text>
          </Card>
        ))}
      </Group>
      {data.mayRemind && open.some((e) => e.status === "OVERDUE") && (
        <RemindForm
          enrolmentIds={open.filter((e) => e.status === "OVERDUE").map((e) => e.id)}
          actionData={actionDataFor(actionData, "remind")}
          label={t("reports.remind.allOverdue")}
        />
      )}
      <Stack mt="md" data-testid="person-enrolments">
        {data.enrolments.map((e) => (
          <Card key={e.id} withBorder data-enrolment={e.id}>
            <Group justify="space-between" wrap="wrap">
              <div>
                <Text fw={600}>{e.courseTitle}</Text>
                <Text size="xs" c="dimmed">
                  {t("reports.version", { number: e.versionNumber })} ·{" "}
                  {t("reports.assignedOn", { date: formatDate(e.assignedAt) })}
                  {e.dueAt ? ` · ${t("reports.dueOn", { date: formatDate(e.dueAt) })}` : ""}
                  {e.selfEnrolled ? ` · ${t("reports.selfEnrolled")}` : ""}
                </Text>
              </div>
              <Group gap="xs">
                <EnrolmentStatusBadge
                  status={e.stored === "WITHDRAWN" ? "WITHDRAWN" : e.status}
                  miw={96}
                />
                <Text size="sm">{e.progressPct}%</Text>
                <Text size="sm">
                  {t("reports.bestScore")}: {e.bestScore === null ? "—" : `${e.bestScore}%`}
                </Text>
              </Group>
            </Group>
            {e.attempts.length > 0 && (
              <Table mt="xs" withRowBorders={false} fz="sm">
                <Table.Tbody>
                  {e.attempts.map((a) => (
                    <Table.Tr key={a.number}>
                      <Table.Td>{t("reports.attempt", { number: a.number })}</Table.Td>
                      <Table.Td>{a.score === null ? "—" : `${a.score}%`}</Table.Td>
                      <Table.Td>{a.passed ? t("reports.passed") : t("reports.failed")}</Table.Td>
                      <Table.Td>{a.submittedAt ? formatDateTime(a.submittedAt) : ""}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {e.certificate && (
              <Text size="sm" mt="xs">
                {t("reports.certificate")}:{" "}
                <Anchor component={Link} to={`/verify/${e.certificate.code}`}>
                  {e.certificate.code}
                </Anchor>{" "}
                · {formatDate(e.certificate.issuedAt)}
                {e.certificate.expiresAt ? ` → ${formatDate(e.certificate.expiresAt)}` : ""}
              </Text>
            )}
            <Stack gap={2} mt="xs">
              {e.startedAt && (
                <Text size="xs" c="dimmed">
                  {formatDateTime(e.startedAt)} · {t("reports.history.started")}
                </Text>
              )}
              {e.completedAt && (
                <Text size="xs" c="dimmed">
                  {formatDateTime(e.completedAt)} · {t("reports.history.completed")}
                </Text>
              )}
              {e.withdrawnAt && (
                <Text size="xs" c="dimmed">
                  {formatDateTime(e.withdrawnAt)} · {t("reports.history.withdrawn")}
                </Text>
              )}
              {e.renewedAt && (
                <Text size="xs" c="dimmed">
                  {formatDateTime(e.renewedAt)} · {t("reports.history.renewed")}
                </Text>
              )}
              {e.history.map((h, index) => (
                <Text size="xs" c="dimmed" key={index} data-history={h.kind}>
                  {formatDateTime(h.at)} · {t(`reports.history.${h.kind.replace(".", "_")}`)}
                  {h.by ? ` · ${h.by}` : ""}
                  {h.note ? ` · “${h.note}”` : ""}
                </Text>
              ))}
            </Stack>
          </Card>
        ))}
      </Stack>
      <UrlPagination page={data.page} pageCount={data.pageCount} />
      {data.mayComplete && open.length > 0 && (
        <ManualCompletionForm enrolments={open} actionData={actionData} />
      )}
    </>
  );
}
