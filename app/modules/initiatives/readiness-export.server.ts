// The readiness heat map as CSV (decision 038): the rows the viewer sees, with the same
// suppression; a hidden row exports its name and "fewer than N answered", no numbers.
import type { TFunction } from "i18next";
import type { CsvValue } from "~/lib/csv.server";
import { ADKAR_ELEMENTS } from "./adkar";
import type { ReadinessCells, ReadinessReport } from "./readiness-types";

const round = (value: number | null, digits: number) =>
  value === null ? null : Number(value.toFixed(digits));

export function readinessCsvHeader(t: TFunction): string[] {
  const k = (key: string, params?: Record<string, unknown>) =>
    t(`initiatives.readiness.csv.${key}`, params ?? {});
  return [
    k("pulse"),
    k("department"),
    k("level"),
    k("shown"),
    k("respondents"),
    k("responseRate"),
    ...ADKAR_ELEMENTS.map((element) =>
      k("mean", { element: t(`initiatives.elements.${element}`) }),
    ),
    k("readiness"),
    k("geometric"),
    k("barrier"),
  ];
}

export function readinessCsvRows(report: ReadinessReport, t: TFunction): CsvValue[][] {
  const pulse = report.pulses.find((candidate) => candidate.id === report.pulseId)?.title ?? "";
  const line = (name: string, depth: number, cells: ReadinessCells | null): CsvValue[] => {
    if (!cells) {
      return [
        pulse,
        name,
        depth,
        t("initiatives.readiness.csv.suppressed", { count: report.initiative.floor }),
        ...Array.from({ length: ADKAR_ELEMENTS.length + 5 }, () => null),
      ];
    }
    return [
      pulse,
      name,
      depth,
      t("initiatives.readiness.csv.shown"),
      cells.respondents,
      round(cells.responseRate, 1),
      ...ADKAR_ELEMENTS.map((element) => round(cells.means[element], 2)),
      round(cells.readiness, 1),
      round(cells.geometric, 1),
      cells.barrier ? t(`initiatives.elements.${cells.barrier}`) : "",
    ];
  };
  const rows: CsvValue[][] = [];
  const offset = report.company ? 1 : 0;
  if (report.company) {
    rows.push(line(t("initiatives.readiness.heatmap.company"), 0, report.company.cells));
  }
  for (const row of report.rows) rows.push(line(row.name, row.depth + offset, row.cells));
  return rows;
}
