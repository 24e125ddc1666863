import { BarChart, LineChart } from "@mantine/charts";
import { Card, SimpleGrid, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

export interface DashboardChartsData {
  completionByDepartment: { name: string; completionPct: number }[];
  completionsOverTime: { month: string; completions: number }[];
  overdueByCourse: { title: string; overdue: number }[];
}

/** Room for every bar's label: at least the other charts' height, 28 px per bar beyond that. */
function barChartHeight(bars: number): number {
  return Math.max(220, bars * 28 + 40);
}

function ChartCard({
  title,
  testId,
  children,
}: {
  title: string;
  testId: string;
  children: React.ReactNode;
}) {
  return (
    <Card withBorder padding="md" data-testid={testId}>
      <Text fw={600} size="sm" mb="sm">
        {title}
      </Text>
      {children}
    </Card>
  );
}

export function DashboardCharts({ charts }: { charts: DashboardChartsData }) {
  const { t } = useTranslation();
  const empty = (
    <Text c="dimmed" size="sm">
      {t("reports.charts.empty")}
    </Text>
  );
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }} mb="lg">
      <ChartCard title={t("reports.charts.completionByDepartment")} testId="chart-departments">
        {charts.completionByDepartment.length === 0 ? (
          empty
        ) : (
          // Departments down the side, one labelled bar each: along the bottom, recharts
          // dropped every other name once they no longer fitted.
          <BarChart
            h={barChartHeight(charts.completionByDepartment.length)}
            data={charts.completionByDepartment}
            dataKey="name"
            orientation="vertical"
            yAxisProps={{ width: 120, interval: 0 }}
            xAxisProps={{ domain: [0, 100] }}
            series={[
              { name: "completionPct", label: t("reports.metrics.completionPct"), color: "teal.6" },
            ]}
            withBarValueLabel
            unit="%"
          />
        )}
      </ChartCard>
      <ChartCard title={t("reports.charts.completionsOverTime")} testId="chart-over-time">
        <LineChart
          h={220}
          data={charts.completionsOverTime}
          dataKey="month"
          series={[{ name: "completions", label: t("reports.metrics.completed"), color: "blue.6" }]}
          curveType="linear"
        />
      </ChartCard>
      <ChartCard title={t("reports.charts.overdueByCourse")} testId="chart-overdue">
        {charts.overdueByCourse.length === 0 ? (
          empty
        ) : (
          <BarChart
            h={barChartHeight(charts.overdueByCourse.length)}
            data={charts.overdueByCourse}
            dataKey="title"
            orientation="vertical"
            yAxisProps={{ width: 120, interval: 0 }}
            series={[{ name: "overdue", label: t("reports.metrics.overdue"), color: "red.6" }]}
          />
        )}
      </ChartCard>
    </SimpleGrid>
  );
}
