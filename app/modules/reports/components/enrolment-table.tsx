import { Anchor, Checkbox, Progress, Table, Text } from "@mantine/core";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/dates";
import { formatPercent } from "~/lib/numbers";
import { EnrolmentStatusBadge, type DisplayStatus } from "~/modules/learning";
import { ScrollTable } from "~/lib/ui/scroll-table";

export interface EnrolmentRowView {
  id: string;
  userId: string;
  name: string;
  email: string;
  department: string | null;
  courseId: string;
  courseTitle: string;
  status: DisplayStatus;
  dueAt: string | null;
  progressPct: number;
  bestScore: number | null;
  lastRemindedAt?: string | null;
}

/** One enrolment: the person, course, status (and last reminder), due date, progress, score. */
function EnrolmentRow({
  row,
  selectable,
  selected,
  onToggle,
}: {
  row: EnrolmentRowView;
  selectable: boolean;
  selected: boolean;
  onToggle?: (id: string, checked: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Table.Tr data-enrolment={row.id}>
      {selectable && (
        <Table.Td>
          <Checkbox
            aria-label={t("reports.remind.select", { name: row.name })}
            checked={selected}
            onChange={(event) => onToggle?.(row.id, event.currentTarget.checked)}
          />
        </Table.Td>
      )}
      <Table.Td>
        <Anchor component={Link} to={`/reports/people/${row.userId}`}>
          {row.name}
        </Anchor>
        <Text size="xs" c="dimmed">
          {row.email}
        </Text>
      </Table.Td>
      <Table.Td>{row.department ?? "—"}</Table.Td>
      <Table.Td>
        <Anchor component={Link} to={`/reports/courses/${row.courseId}`}>
          {row.courseTitle}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <EnrolmentStatusBadge status={row.status} miw={96} />
        {row.lastRemindedAt && (
          <Text size="xs" c="dimmed">
            {t("reports.remind.last", { date: formatDate(row.lastRemindedAt, i18n.language) })}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{row.dueAt ? formatDate(row.dueAt, i18n.language) : "—"}</Table.Td>
      <Table.Td miw={120}>
        <Progress value={row.progressPct} size="sm" aria-label={formatPercent(row.progressPct)} />
        <Text size="xs" c="dimmed">
          {formatPercent(row.progressPct)}
        </Text>
      </Table.Td>
      <Table.Td ta="right">{formatPercent(row.bestScore)}</Table.Td>
    </Table.Tr>
  );
}

/** People × assignments, used by the department, course and overdue drill-downs. */
export function EnrolmentTable({
  rows,
  selectable = false,
  selected,
  onToggle,
}: {
  rows: EnrolmentRowView[];
  selectable?: boolean;
  selected?: Set<string>;
  onToggle?: (id: string, checked: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <ScrollTable minWidth={820}>
      <Table striped data-testid="enrolment-rows">
        <Table.Thead>
          <Table.Tr>
            {selectable && <Table.Th w={40} />}
            <Table.Th>{t("fields.name")}</Table.Th>
            <Table.Th>{t("fields.department")}</Table.Th>
            <Table.Th>{t("reports.filters.course")}</Table.Th>
            <Table.Th>{t("fields.status")}</Table.Th>
            <Table.Th>{t("reports.due")}</Table.Th>
            <Table.Th>{t("reports.progress")}</Table.Th>
            <Table.Th ta="right">{t("reports.bestScore")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <EnrolmentRow
              key={row.id}
              row={row}
              selectable={selectable}
              selected={selected?.has(row.id) ?? false}
              onToggle={onToggle}
            />
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
