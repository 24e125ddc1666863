import { Anchor, Badge, Card, Group, Stack, Table, Text } from "@mantine/core";
import { TextLink } from "~/lib/ui/plain";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime } from "~/lib/dates";
import { formatPercent } from "~/lib/numbers";
import { actionDataFor } from "~/lib/ui/forms";
import { PageHeader, UrlPagination } from "~/lib/ui/page";
import { BackToReports } from "./back-to-reports";
import { ManualCompletionForm } from "./manual-completion-form";
import { RemindForm } from "./remind-form";
import type { PersonPageAnswer } from "../schemas";
import { EnrolmentStatusBadge, type DisplayStatus } from "~/modules/learning";

/** One enrolment of a person's record (getPersonRecord), history included. */
export interface PersonEnrolmentView {
  id: string;
  courseTitle: string;
  versionNumber: number;
  /** The displayed status; `stored` is the stored one (WITHDRAWN shows as such). */
  status: DisplayStatus;
  stored: string;
  open: boolean;
  selfEnrolled: boolean;
  assignedAt: string;
  dueAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  withdrawnAt: string | null;
  renewedAt: string | null;
  progressPct: number;
  bestScore: number | null;
  attempts: {
    number: number;
    score: number | null;
    passed: boolean | null;
    submittedAt: string | null;
  }[];
  certificate: { code: string; issuedAt: string; expiresAt: string | null } | null;
  history: { kind: string; at: string; by: string | null; note: string | null }[];
}

export interface PersonRecordView {
  person: {
    id: string;
    name: string;
    email: string;
    jobTitle: string | null;
    active: boolean;
    department: string | null;
  };
  summary: Record<(typeof SUMMARY_KEYS)[number], number>;
  page: number;
  pageCount: number;
  enrolments: PersonEnrolmentView[];
}

const SUMMARY_KEYS = ["assigned", "completed", "inProgress", "notStarted", "overdue"] as const;

function AttemptsTable({ attempts }: { attempts: PersonEnrolmentView["attempts"] }) {
  const { t, i18n } = useTranslation();
  return (
    <Table mt="xs" withRowBorders={false} fz="sm">
      <Table.Tbody>
        {attempts.map((a) => (
          <Table.Tr key={a.number}>
            <Table.Td>{t("reports.attempt", { number: a.number })}</Table.Td>
            <Table.Td>{formatPercent(a.score)}</Table.Td>
            <Table.Td>{a.passed ? t("reports.passed") : t("reports.failed")}</Table.Td>
            <Table.Td>{a.submittedAt ? formatDateTime(a.submittedAt, i18n.language) : ""}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The enrolment's own dates, then its reminders and manual completions (oldest first). */
function EnrolmentHistory({ enrolment: e }: { enrolment: PersonEnrolmentView }) {
  const { t, i18n } = useTranslation();
  const dated: [string | null, string][] = [
    [e.startedAt, t("reports.history.started")],
    [e.completedAt, t("reports.history.completed")],
    [e.withdrawnAt, t("reports.history.withdrawn")],
    [e.renewedAt, t("reports.history.renewed")],
  ];
  return (
    <Stack gap={2} mt="xs">
      {dated.map(
        ([at, event]) =>
          at && (
            <Text size="xs" c="dimmed" key={event}>
              {formatDateTime(at, i18n.language)} · {event}
            </Text>
          ),
      )}
      {e.history.map((h, index) => (
        <Text size="xs" c="dimmed" key={index} data-history={h.kind}>
          {formatDateTime(h.at, i18n.language)} · {t(`reports.history.${h.kind.replace(".", "_")}`)}
          {h.by ? ` · ${h.by}` : ""}
          {h.note ? ` · “${h.note}”` : ""}
        </Text>
      ))}
    </Stack>
  );
}

function EnrolmentCard({ enrolment: e }: { enrolment: PersonEnrolmentView }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder data-enrolment={e.id}>
      <Group justify="space-between" wrap="wrap">
        <div>
          <Text fw={600}>{e.courseTitle}</Text>
          <Text size="xs" c="dimmed">
            {t("reports.version", { number: e.versionNumber })} ·{" "}
            {t("reports.assignedOn", { date: formatDate(e.assignedAt, i18n.language) })}
            {e.dueAt
              ? ` · ${t("reports.dueOn", { date: formatDate(e.dueAt, i18n.language) })}`
              : ""}
            {e.selfEnrolled ? ` · ${t("reports.selfEnrolled")}` : ""}
          </Text>
        </div>
        <Group gap="xs">
          <EnrolmentStatusBadge
            status={e.stored === "WITHDRAWN" ? "WITHDRAWN" : e.status}
            minWidth={96}
          />
          <Text size="sm">{formatPercent(e.progressPct)}</Text>
          <Text size="sm">
            {t("reports.bestScore")}: {formatPercent(e.bestScore)}
          </Text>
        </Group>
      </Group>
      {e.attempts.length > 0 && <AttemptsTable attempts={e.attempts} />}
      {e.certificate && (
        <Text size="sm" mt="xs">
          {t("reports.certificate")}:{" "}
          <TextLink to={`/verify/${e.certificate.code}`}>{e.certificate.code}</TextLink> ·{" "}
          {formatDate(e.certificate.issuedAt, i18n.language)}
          {e.certificate.expiresAt
            ? ` → ${formatDate(e.certificate.expiresAt, i18n.language)}`
            : ""}
        </Text>
      )}
      <EnrolmentHistory enrolment={e} />
    </Card>
  );
}

function PersonHeader({ person }: { person: PersonRecordView["person"] }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader
        title={person.name}
        actions={
          <Anchor href={`/reports/export/person?user=${person.id}`} download size="sm">
            {t("reports.exportCsv")}
          </Anchor>
        }
      />
      <Text c="dimmed" mb="md">
        {person.email} · {person.department ?? t("reports.noDepartment")}
        {person.jobTitle ? ` · ${person.jobTitle}` : ""}
        {!person.active && (
          <Badge ml="xs" color="gray">
            {t("org.users.inactive")}
          </Badge>
        )}
      </Text>
    </>
  );
}

/** A person's training record: totals, every enrolment with its history, reminders, HR's completion. */
export function PersonPage({
  record,
  mayRemind,
  mayComplete,
  actionData,
}: {
  record: PersonRecordView;
  mayRemind: boolean;
  mayComplete: boolean;
  actionData: PersonPageAnswer | undefined;
}) {
  const { t } = useTranslation();
  const open = record.enrolments.filter((e) => e.open);
  const overdue = open.filter((e) => e.status === "OVERDUE");
  return (
    <>
      <BackToReports />
      <PersonHeader person={record.person} />
      <Group mb="md" data-testid="person-summary">
        {SUMMARY_KEYS.map((key) => (
          <Card key={key} withBorder padding="xs" miw={110}>
            <Text size="xs" c="dimmed">
              {t(`reports.metrics.${key}`)}
            </Text>
            <Text fw={700}>{record.summary[key]}</Text>
          </Card>
        ))}
      </Group>
      {mayRemind && overdue.length > 0 && (
        <RemindForm
          enrolmentIds={overdue.map((e) => e.id)}
          actionData={actionDataFor(actionData, "remind")}
          label={t("reports.remind.allOverdue")}
        />
      )}
      <Stack mt="md" data-testid="person-enrolments">
        {record.enrolments.map((e) => (
          <EnrolmentCard key={e.id} enrolment={e} />
        ))}
      </Stack>
      <UrlPagination page={record.page} pageCount={record.pageCount} />
      {mayComplete && open.length > 0 && (
        <ManualCompletionForm
          enrolments={open}
          actionData={actionDataFor(actionData, "complete")}
        />
      )}
    </>
  );
}
