// The company KPI board and the KPI definitions as CSV (decision 041): every row the filters match (not one page), in
// the board's order; cells go through lib/csv.server, which makes formulas inert.
import type { TFunction } from "i18next";
import type { CsvValue } from "~/lib/csv.server";
import { isoDate } from "~/lib/dates";
import type { BoardRow } from "./board.server";
import type { kpiDefinitionsForExport } from "./definitions.server";
import { periodKey } from "./periods";
import { kpiText } from "./texts";

export function boardCsvHeader(t: TFunction): string[] {
  return [
    "department",
    "kpi",
    "unit",
    "direction",
    "baseline",
    "latest",
    "latestPeriod",
    "change",
    "expected",
    "target",
    "targetDate",
    "status",
  ].map((key) => t(`kpis.board.csv.${key}`));
}

export function boardCsvRows(rows: readonly BoardRow[], t: TFunction): CsvValue[][] {
  return rows.map((row) => [
    row.departmentName,
    kpiText(t, row.kpiName),
    kpiText(t, row.unit),
    t(`kpis.direction.${row.direction}`),
    row.baselineValue,
    row.latestValue,
    row.latestPeriod ? periodKey(row.latestPeriod, row.period) : null,
    row.change,
    row.expectedValue,
    row.targetValue,
    row.targetOn ? isoDate(row.targetOn) : null,
    t(`kpis.status.${row.status}`),
  ]);
}

type DefinitionRow = Awaited<ReturnType<typeof kpiDefinitionsForExport>>[number];

export function definitionsCsvHeader(t: TFunction): string[] {
  return [
    t("kpis.list.name"),
    t("kpis.form.unit"),
    t("kpis.form.direction"),
    t("kpis.form.precision"),
    t("kpis.form.period"),
    t("kpis.form.minValue"),
    t("kpis.form.maxValue"),
    t("kpis.list.departments"),
    t("kpis.form.initiative"),
    t("kpis.list.state"),
  ];
}

export function definitionsCsvRows(rows: readonly DefinitionRow[], t: TFunction): CsvValue[][] {
  return rows.map((row) => [
    kpiText(t, row.name),
    kpiText(t, row.unit),
    t(`kpis.direction.${row.direction}`),
    row.precision,
    t(`kpis.period.${row.period}`),
    row.minValue,
    row.maxValue,
    row.departments,
    row.initiative,
    row.archived ? t("kpis.list.archived") : t("kpis.list.active"),
  ]);
}
