import { Paper, SimpleGrid, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatPercent } from "~/lib/numbers";
import type { DerivedMetrics } from "../metrics";

/** The headline numbers of a drill-down. */
export function SummaryStats({ metrics }: { metrics: DerivedMetrics }) {
  const { t } = useTranslation();
  const items: [string, string | number, string?][] = [
    ["assigned", metrics.assigned],
    ["completed", metrics.completed],
    ["inProgress", metrics.inProgress],
    ["notStarted", metrics.notStarted],
    ["overdue", metrics.overdue, metrics.overdue > 0 ? "red" : undefined],
    ["completionPct", formatPercent(metrics.completionPct)],
    ["onTimePct", formatPercent(metrics.onTimePct)],
    ["averageScore", metrics.averageScore ?? "—"],
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 4, lg: 8 }} mb="md" data-testid="summary-stats">
      {items.map(([key, value, color]) => (
        <Paper key={key} withBorder p="sm" data-metric={key}>
          <Text size="xs" c="dimmed">
            {t(`reports.metrics.${key}`)}
          </Text>
          <Text fw={700} size="lg" c={color}>
            {value}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
