import { Button, Stack, Text, Title } from "@mantine/core";
import type { SerializeFrom } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { FilterBar, FilterSelect } from "~/lib/ui/list-page";
import { PageHeader } from "~/lib/ui/page";
import type { Principal } from "~/lib/permissions";
import type { ReadinessReport } from "../readiness-types";
import { InitiativeTabs } from "./initiative-tabs";
import { ReadinessHeatMap, type HeatMapRow } from "./readiness-heatmap";
import { ReadinessFormula } from "./readiness-shared";
import { ReadinessTrend } from "./readiness-trend";

/** /initiatives/:id/readiness: the pulse and department filter, heat map, trend, formula. */
export function ReadinessPage({
  user,
  report,
}: {
  user: Principal;
  report: SerializeFrom<ReadinessReport>;
}) {
  const { t } = useTranslation();
  const base = `/initiatives/${report.initiative.id}/readiness` as const;
  const suffix = report.pulseId ? `?pulse=${encodeURIComponent(report.pulseId)}` : "";
  const exportParams = new URLSearchParams();
  if (report.pulseId) exportParams.set("pulse", report.pulseId);
  if (report.departmentId) exportParams.set("department", report.departmentId);
  const rows: HeatMapRow[] = [
    ...(report.company
      ? [
          {
            departmentId: null,
            name: t("initiatives.readiness.heatmap.company"),
            depth: 0,
            cells: report.company.cells,
          },
        ]
      : []),
    ...report.rows.map((row) => ({ ...row, depth: row.depth + (report.company ? 1 : 0) })),
  ];
  return (
    <Stack>
      <InitiativeTabs user={user} initiativeId={report.initiative.id} />
      <PageHeader
        title={`${t("initiatives.readiness.title")}: ${report.initiative.name}`}
        actions={
          report.pulseId ? (
            <Button component="a" href={`${base}/export?${exportParams}`} variant="light" download>
              {t("initiatives.readiness.exportCsv")}
            </Button>
          ) : undefined
        }
      />
      {report.pulses.length > 0 && (
        <FilterBar>
          <FilterSelect
            name="pulse"
            label={t("initiatives.readiness.filters.pulse")}
            fallback={report.pulseId ?? ""}
            options={report.pulses.map((pulse) => ({ value: pulse.id, label: pulse.title }))}
          />
          <FilterSelect
            name="department"
            label={t("initiatives.readiness.filters.department")}
            options={report.departments.map((department) => ({
              value: department.id,
              label: `${"  ".repeat(department.depth)}${department.name}`,
            }))}
          />
        </FilterBar>
      )}
      {!report.pulses.some((pulse) => pulse.hasAnswers) ? (
        <Text c="dimmed">{t("initiatives.readiness.noPulses")}</Text>
      ) : (
        <>
          <Title order={2} size="h4">
            {t("initiatives.readiness.heatmap.title")}
          </Title>
          <ReadinessHeatMap
            rows={rows}
            floor={report.initiative.floor}
            detailHref={(departmentId) => `${base}/departments/${departmentId}${suffix}`}
          />
          <ReadinessTrend
            data={{ pulses: report.pulses, phases: report.phases, series: report.trend }}
          />
        </>
      )}
      <ReadinessFormula
        surveyWeight={report.initiative.surveyWeight}
        floor={report.initiative.floor}
      />
    </Stack>
  );
}
