// Each KPI department's standing (decision 041): the latest actual, what the target path
// expects for its period and the status, kept on KpiDepartment by every write that changes
// any of them, inside that write's transaction, so the board reads it without recomputing.
import { upsertRows } from "~/lib/bulk-insert.server";
import type { DbTx } from "~/lib/db.server";
import { phasesOfInitiatives, type PhaseSpan } from "~/modules/initiatives/index.server";
import { periodEndOf, type KpiPeriodValue } from "./periods";
import {
  expectedOn,
  kpiStatus,
  roundingEpsilon,
  roundTo,
  targetPath,
  type KpiDirectionValue,
  type PathPoint,
} from "./status";

interface KpiShape {
  direction: KpiDirectionValue;
  precision: number;
  period: KpiPeriodValue;
}

interface PlanShape {
  baselineValue: number | null;
  baselineOn: Date | null;
  targetValue: number | null;
  targetOn: Date | null;
  phaseTargets: readonly { phaseId: string; value: number }[];
}

/** The phase targets as path points: each at its phase's last day (unknown phases dropped). */
export function phasePoints(
  phaseTargets: PlanShape["phaseTargets"],
  phases: readonly PhaseSpan[],
): PathPoint[] {
  const byId = new Map(phases.map((phase) => [phase.id, phase]));
  return phaseTargets.flatMap((target) => {
    const phase = byId.get(target.phaseId);
    return phase ? [{ on: phase.endsOn, value: target.value }] : [];
  });
}

/** The target path of one department's plan. */
export function pathOf(plan: PlanShape, phases: readonly PhaseSpan[]): PathPoint[] {
  return targetPath({ ...plan, phaseTargets: phasePoints(plan.phaseTargets, phases) });
}

/** The standing of a plan given its latest actual. */
export function standingOf(
  kpi: KpiShape,
  plan: PlanShape,
  phases: readonly PhaseSpan[],
  latest: { periodStart: Date; value: number } | null,
) {
  const path = pathOf(plan, phases);
  const expected =
    latest && path.length > 0
      ? expectedOn(path, periodEndOf(latest.periodStart, kpi.period))
      : null;
  const expectedValue = expected === null ? null : roundTo(expected, kpi.precision + 2);
  return {
    latestValue: latest?.value ?? null,
    latestPeriod: latest?.periodStart ?? null,
    expectedValue,
    status: kpiStatus({
      direction: kpi.direction,
      baselineValue: plan.baselineValue,
      targetValue: plan.targetValue,
      expectedValue,
      latestValue: latest?.value ?? null,
      epsilon: roundingEpsilon(kpi.precision),
    }),
  };
}

/**
 * Recomputes the standing of a KPI's departments (all of them, or `departmentIds`) inside
 * `tx`: one read of the plans, one of the latest actuals, one write per department whose
 * standing changed.
 */
export async function refreshStandings(
  tx: DbTx,
  kpiId: string,
  departmentIds?: readonly string[],
): Promise<void> {
  const kpi = await tx.kpiDefinition.findUnique({ where: { id: kpiId } });
  if (!kpi) return;
  const where = { kpiId, ...(departmentIds ? { departmentId: { in: [...departmentIds] } } : {}) };
  const [plans, phasesById, latest] = await Promise.all([
    tx.kpiDepartment.findMany({ where, include: { phaseTargets: true } }),
    phasesOfInitiatives(kpi.initiativeId ? [kpi.initiativeId] : [], tx),
    latestActuals(tx, kpiId, departmentIds),
  ]);
  const phases = kpi.initiativeId ? (phasesById.get(kpi.initiativeId) ?? []) : [];
  for (const plan of plans) {
    const next = standingOf(kpi, plan, phases, latest.get(plan.departmentId) ?? null);
    const same =
      plan.latestValue === next.latestValue &&
      plan.latestPeriod?.getTime() === next.latestPeriod?.getTime() &&
      plan.expectedValue === next.expectedValue &&
      plan.status === next.status;
    if (same) continue;
    await tx.kpiDepartment.update({
      where: { kpiId_departmentId: { kpiId, departmentId: plan.departmentId } },
      data: next,
    });
  }
}

/**
 * `refreshStandings` for many departments of a KPI at once (an import's hundreds): the same
 * reads, and the changed standings written in a few multi-row statements instead of one
 * update each. Returns how many changed.
 */
export async function refreshStandingsInBulk(
  tx: DbTx,
  kpiId: string,
  departmentIds: readonly string[],
): Promise<number> {
  const kpi = await tx.kpiDefinition.findUnique({ where: { id: kpiId } });
  if (!kpi || departmentIds.length === 0) return 0;
  const where = { kpiId, departmentId: { in: [...departmentIds] } };
  const [plans, phasesById, latest] = await Promise.all([
    tx.kpiDepartment.findMany({ where, include: { phaseTargets: true } }),
    phasesOfInitiatives(kpi.initiativeId ? [kpi.initiativeId] : [], tx),
    latestActuals(tx, kpiId, departmentIds),
  ]);
  const phases = kpi.initiativeId ? (phasesById.get(kpi.initiativeId) ?? []) : [];
  const changed = plans.flatMap((plan) => {
    const next = standingOf(kpi, plan, phases, latest.get(plan.departmentId) ?? null);
    const same =
      plan.latestValue === next.latestValue &&
      plan.latestPeriod?.getTime() === next.latestPeriod?.getTime() &&
      plan.expectedValue === next.expectedValue &&
      plan.status === next.status;
    return same ? [] : [{ kpiId, departmentId: plan.departmentId, ...next }];
  });
  // Every pair exists (read above), so each row lands on the update.
  await upsertRows(tx, "KpiDepartment", changed, {
    id: null,
    conflict: ["kpiId", "departmentId"],
    update: ["latestValue", "latestPeriod", "expectedValue", "status"],
    pgCasts: { status: '"KpiStatus"' },
  });
  return changed.length;
}

/** The latest actual of each department of a KPI (two indexed reads, no per-row query). */
async function latestActuals(tx: DbTx, kpiId: string, departmentIds?: readonly string[]) {
  const where = { kpiId, ...(departmentIds ? { departmentId: { in: [...departmentIds] } } : {}) };
  const newest = await tx.kpiActual.groupBy({
    by: ["departmentId"],
    where,
    _max: { periodStart: true },
  });
  const result = new Map<string, { periodStart: Date; value: number }>();
  if (newest.length === 0) return result;
  const rows = await tx.kpiActual.findMany({
    where: {
      kpiId,
      OR: newest.map((row) => ({
        departmentId: row.departmentId,
        periodStart: row._max.periodStart!,
      })),
    },
    select: { departmentId: true, periodStart: true, value: true },
  });
  for (const row of rows) result.set(row.departmentId, row);
  return result;
}

/** Every KPI following an initiative: their standings move with its phases. */
export async function refreshInitiativeKpis(tx: DbTx, initiativeId: string): Promise<void> {
  const kpis = await tx.kpiDefinition.findMany({ where: { initiativeId }, select: { id: true } });
  for (const kpi of kpis) await refreshStandings(tx, kpi.id);
}
