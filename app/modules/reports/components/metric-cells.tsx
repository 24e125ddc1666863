import { useTranslation } from "react-i18next";
import { formatPercent } from "~/lib/numbers";
import { ALIGN_END } from "~/lib/ui/plain";
import { METRIC_COLUMNS, type DerivedMetrics } from "../metrics";

// Plain cells (PlainTable, decision 030): a report row repeats these eight times.
const OVERDUE_STYLE = { ...ALIGN_END, color: "var(--mantine-color-red-text)" };

export function MetricHeaders() {
  const { t } = useTranslation();
  return METRIC_COLUMNS.map((metric) => (
    <th key={metric} scope="col" style={ALIGN_END}>
      {t(`reports.metrics.${metric}`)}
    </th>
  ));
}

export function MetricCells({ metrics }: { metrics: DerivedMetrics }) {
  return (
    <>
      <td style={ALIGN_END} data-metric="assigned">
        {metrics.assigned}
      </td>
      <td style={ALIGN_END} data-metric="completed">
        {metrics.completed}
      </td>
      <td style={ALIGN_END} data-metric="inProgress">
        {metrics.inProgress}
      </td>
      <td style={ALIGN_END} data-metric="notStarted">
        {metrics.notStarted}
      </td>
      <td style={metrics.overdue > 0 ? OVERDUE_STYLE : ALIGN_END} data-metric="overdue">
        {metrics.overdue}
      </td>
      <td style={ALIGN_END} data-metric="completionPct">
        {formatPercent(metrics.completionPct)}
      </td>
      <td style={ALIGN_END} data-metric="onTimePct">
        {formatPercent(metrics.onTimePct)}
      </td>
      <td style={ALIGN_END} data-metric="averageScore">
        {metrics.averageScore === null ? "—" : metrics.averageScore}
      </td>
    </>
  );
}
