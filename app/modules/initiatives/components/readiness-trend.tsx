import { ScrollTable } from "~/lib/ui/scroll-table";
import { LineChart } from "@mantine/charts";
import { Paper, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { PlainTable } from "~/lib/ui/plain";
import { ReferenceArea } from "recharts";
import { score0 } from "./readiness-shared";

const COLOURS = ["blue.6", "teal.6", "grape.6", "orange.6", "red.6", "cyan.6", "lime.7", "pink.6"];
const CHART_SERIES = 8;

export interface TrendData {
  pulses: { id: string; title: string; phaseId: string | null }[];
  phases: { id: string; name: string }[];
  series: { key: string; name: string | null; values: (number | null)[] }[];
}

/** Each group's readiness across the pulses, the phases as bands, and a table fallback. */
export function ReadinessTrend({ data }: { data: TrendData }) {
  const { t } = useTranslation();
  const label = (index: number) => `${index + 1}. ${data.pulses[index]!.title}`;
  const nameOf = (series: TrendData["series"][number]) =>
    series.name ?? t("initiatives.readiness.heatmap.company");
  const phaseName = (name: string) => (name.startsWith("initiatives.") ? t(name) : name);
  const charted = data.series.slice(0, CHART_SERIES);
  const rows = data.pulses.map((_, index) => ({
    pulse: label(index),
    ...Object.fromEntries(charted.map((series) => [series.key, series.values[index] ?? null])),
  }));
  const bands = data.phases.flatMap((phase) => {
    const indices = data.pulses.flatMap((pulse, index) =>
      pulse.phaseId === phase.id ? [index] : [],
    );
    if (indices.length === 0) return [];
    return [{ phase, x1: label(indices[0]!), x2: label(indices.at(-1)!) }];
  });
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        {t("initiatives.readiness.trend.title")}
      </Title>
      {data.pulses.length === 0 ? (
        <Text c="dimmed">{t("initiatives.readiness.trend.noTrend")}</Text>
      ) : (
        <>
          <div aria-hidden="true">
            <LineChart
              h={260}
              data={rows}
              dataKey="pulse"
              yAxisProps={{ domain: [0, 100] }}
              connectNulls={false}
              withLegend
              series={charted.map((series, index) => ({
                name: series.key,
                label: nameOf(series),
                color: COLOURS[index % COLOURS.length]!,
              }))}
            >
              {bands.map((band, index) => (
                <ReferenceArea
                  key={band.phase.id}
                  x1={band.x1}
                  x2={band.x2}
                  fill={
                    index % 2 === 0 ? "var(--mantine-color-gray-2)" : "var(--mantine-color-blue-1)"
                  }
                  fillOpacity={0.5}
                  label={phaseName(band.phase.name)}
                />
              ))}
            </LineChart>
          </div>
          <VisuallyHidden>
            <ScrollTable minWidth={480}>
              <PlainTable data-testid="readiness-trend-table">
                <Table.Caption>{t("initiatives.readiness.trend.tableCaption")}</Table.Caption>
                <thead>
                  <tr>
                    <th scope="col">{t("initiatives.readiness.heatmap.department")}</th>
                    {data.pulses.map((pulse, index) => (
                      <th scope="col" key={pulse.id}>
                        {label(index)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.series.map((series) => (
                    <tr key={series.key}>
                      <th scope="row">{nameOf(series)}</th>
                      {series.values.map((value, index) => (
                        <td key={index}>{value === null ? "—" : score0(value)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </PlainTable>
            </ScrollTable>
          </VisuallyHidden>
        </>
      )}
    </Paper>
  );
}
