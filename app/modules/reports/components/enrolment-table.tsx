import { Box } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/dates";
import { formatPercent } from "~/lib/numbers";
import { EnrolmentStatusBadge, type DisplayStatus } from "~/modules/learning";
import { ListTable } from "~/lib/ui/list-page";
import { ALIGN_END, DimmedText, RowCheckbox, SmallProgress, TextLink } from "~/lib/ui/plain";

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

const PROGRESS_CELL = { minWidth: "calc(7.5rem * var(--mantine-scale))" };

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
    <tr data-enrolment={row.id}>
      {selectable && (
        <td>
          <RowCheckbox
            label={t("reports.remind.select", { name: row.name })}
            checked={selected}
            onChange={(checked) => onToggle?.(row.id, checked)}
          />
        </td>
      )}
      <td>
        <TextLink to={`/reports/people/${row.userId}`}>{row.name}</TextLink>
        <DimmedText>{row.email}</DimmedText>
      </td>
      <td>{row.department ?? "—"}</td>
      <td>
        <TextLink to={`/reports/courses/${row.courseId}`}>{row.courseTitle}</TextLink>
      </td>
      <td>
        <EnrolmentStatusBadge status={row.status} minWidth={96} />
        {row.lastRemindedAt && (
          <DimmedText>
            {t("reports.remind.last", { date: formatDate(row.lastRemindedAt, i18n.language) })}
          </DimmedText>
        )}
      </td>
      <td>{row.dueAt ? formatDate(row.dueAt, i18n.language) : "—"}</td>
      <td style={PROGRESS_CELL}>
        <SmallProgress value={row.progressPct} label={formatPercent(row.progressPct)} />
        <DimmedText>{formatPercent(row.progressPct)}</DimmedText>
      </td>
      <td style={ALIGN_END}>{formatPercent(row.bestScore)}</td>
    </tr>
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
