import { Table } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatPercent } from "~/lib/numbers";
import type { DerivedMetrics } from "../metrics";

export function MetricHeaders() {
  const { t } = useTranslation();
  return (
    <>
      <Table.Th ta="right">{t("reports.metrics.assigned")}</Table.Th>
      <Table.Th ta="right">{t("reports.metrics.completed")}</Table.Th>
      <Table.Th ta="right">{t("reports.metrics.inProgress")}</Table.Th>
      <Table.Th ta="right">{t("reports.metrics.notStarted")}</Table.Th>
      <Table.Th ta="right">{t("reports.metrics.overdue")}</Table.Th>
      <Table.Th ta="right">{t("reports.metrics.completionPct")}</Table.Th>
      <Table.Th ta="right">{t("reports.metrics.onTimePct")}</Table.Th>
      <Table.Th ta="right">{t("reports.metrics.averageScore")}</Table.Th>
    </>
  );
}

export function MetricCells({ metrics }: { metrics: DerivedMetrics }) {
  return (
    <>
      <Table.Td ta="right" data-metric="assigned">
        {metrics.assigned}
      </Table.Td>
      <Table.Td ta="right" data-metric="completed">
        {metrics.completed}
      </Table.Td>
      <Table.Td ta="right" data-metric="inProgress">
        {metrics.inProgress}
      </Table.Td>
      <Table.Td ta="right" data-metric="notStarted">
        {metrics.notStarted}
      </Table.Td>
      <Table.Td ta="right" data-metric="overdue" c={metrics.overdue > 0 ? "red" : undefined}>
        {metrics.overdue}
      </Table.Td>
      <Table.Td ta="right" data-metric="completionPct">
        {formatPercent(metrics.completionPct)}
      </Table.Td>
      <Table.Td ta="right" data-metric="onTimePct">
        {formatPercent(metrics.onTimePct)}
      </Table.Td>
      <Table.Td ta="right" data-metric="averageScore">
        {metrics.averageScore === null ? "—" : metrics.averageScore}
      </Table.Td>
    </>
  );
}
