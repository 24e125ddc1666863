import { Anchor, Box, Checkbox, Progress, Table, Text } from "@mantine/core";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/dates";
import { formatPercent } from "~/lib/numbers";
import { EnrolmentStatusBadge, type DisplayStatus } from "~/modules/learning";
import { ListTable } from "~/lib/ui/list-page";

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
  const columns = [
    t("fields.name"),
    t("fields.department"),
    t("reports.filters.course"),
    t("fields.status"),
    t("reports.due"),
    t("reports.progress"),
    <Box key="score" ta="right">
      {t("reports.bestScore")}
    </Box>,
  ];
  return (
    <ListTable
      minWidth={820}
      striped
      data-testid="enrolment-rows"
      columns={selectable ? [<Box key="select" w={40} />, ...columns] : columns}
    >
      {rows.map((row) => (
        <EnrolmentRow
          key={row.id}
          row={row}
          selectable={selectable}
          selected={selected?.has(row.id) ?? false}
          onToggle={onToggle}
        />
      ))}
    </ListTable>
  );
}
