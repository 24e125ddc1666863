import { kpiText } from "./texts";
// The effect table of an initiative (decision 041, issue 16 item 5): per department it
// reaches, required-course completion and readiness (from the initiatives module, computed
// as its readiness report computes them) beside each KPI's change from baseline, and the
// departments that finished training compared with the others. A fixed number of queries,
// whatever the number of departments or KPIs.
import type { TFunction } from "i18next";
import type { CsvValue } from "~/lib/csv.server";
import { getDb } from "~/lib/db.server";
import { ForbiddenError } from "~/lib/errors";
import { can, type Principal } from "~/lib/permissions";
import { initiativeProgress, requireInitiative } from "~/modules/initiatives/index.server";
import {
  effectCellOf,
  effectGroupOf,
  effectSummaryOf,
  fixedDecimals,
  type EffectCell,
  type InitiativeEffect,
} from "./effect";
import { periodKey } from "./periods";

export async function initiativeEffect(
  viewer: Principal,
  initiativeId: string,
): Promise<InitiativeEffect> {
  if (!can(viewer, "read", "Kpi")) throw new ForbiddenError();
  const initiative = await requireInitiative(viewer, initiativeId, "read", "Initiative");
  // The departments the initiative reaches that the viewer may read KPIs of (a manager's tree).
  const progress = await initiativeProgress(viewer, initiative, "Kpi");
  const departmentIds = progress.departments.map((department) => department.departmentId);
  const pairs =
    departmentIds.length === 0
      ? []
      : await getDb().kpiDepartment.findMany({
          where: { departmentId: { in: departmentIds }, kpi: { archived: false } },
          select: {
            departmentId: true,
            baselineValue: true,
            latestValue: true,
            latestPeriod: true,
            status: true,
            kpi: {
              select: {
                id: true,
                name: true,
                unit: true,
                precision: true,
                direction: true,
                period: true,
              },
            },
          },
        });
  const kpis = new Map<string, InitiativeEffect["kpis"][number]>();
  const cells = new Map<string, Record<string, EffectCell>>();
  for (const pair of pairs) {
    kpis.set(pair.kpi.id, pair.kpi);
    const row = cells.get(pair.departmentId) ?? {};
    row[pair.kpi.id] = effectCellOf(pair.kpi, pair);
    cells.set(pair.departmentId, row);
  }
  const kpiList = [...kpis.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
  const rows = progress.departments.map((department) => ({
    ...department,
    group: effectGroupOf(department.completion),
    cells: cells.get(department.departmentId) ?? {},
  }));
  return {
    initiative: { id: initiative.id, name: initiative.name },
    floor: progress.floor,
    pulse: progress.pulse,
    requiredCourses: progress.requiredCourses,
    kpis: kpiList,
    summaries: kpiList.map((kpi) =>
      effectSummaryOf(
        kpi,
        rows.map((row) => ({ group: row.group, cell: row.cells[kpi.id] })),
      ),
    ),
    rows,
  };
}

const csvNumber = (value: number | null, digits: number) =>
  value === null ? null : Number(value.toFixed(digits));

export function effectCsvHeader(t: TFunction): string[] {
  return [
    "department",
    "level",
    "group",
    "completion",
    "readiness",
    "barrier",
    "kpi",
    "unit",
    "direction",
    "baseline",
    "latest",
    "latestPeriod",
    "change",
    "improvement",
    "status",
  ].map((key) => t(`kpis.effect.csv.${key}`));
}

/**
 * One row per department × KPI that applies there (a department without KPIs: one row with
 * its training and readiness only). Hidden readiness says "fewer than N answered", no number.
 */
export function effectCsvRows(effect: InitiativeEffect, t: TFunction): CsvValue[][] {
  const rows: CsvValue[][] = [];
  for (const row of effect.rows) {
    const readiness: CsvValue = row.readiness
      ? csvNumber(row.readiness.score, 1)
      : effect.pulse
        ? t("kpis.effect.suppressed", { count: effect.floor })
        : null;
    const department: CsvValue[] = [
      row.name,
      row.depth,
      t(`kpis.effect.groups.${row.group}`),
      csvNumber(row.completion, 1),
      readiness,
      row.readiness?.barrier ? t(`initiatives.elements.${row.readiness.barrier}`) : "",
    ];
    const applying = effect.kpis.filter((kpi) => row.cells[kpi.id]);
    if (applying.length === 0) rows.push([...department, ...Array.from({ length: 9 }, () => null)]);
    for (const kpi of applying) {
      const cell = row.cells[kpi.id]!;
      const value = (n: number | null) =>
        n === null ? null : Number(fixedDecimals(n, kpi.precision));
      rows.push([
        ...department,
        kpiText(t, kpi.name),
        kpiText(t, kpi.unit),
        t(`kpis.direction.${kpi.direction}`),
        value(cell.baselineValue),
        value(cell.latestValue),
        cell.latestPeriod ? periodKey(cell.latestPeriod, kpi.period) : "",
        value(cell.change),
        value(cell.gain),
        t(`kpis.status.${cell.status}`),
      ]);
    }
  }
  return rows;
}
