// Actual values (decision 041): one per KPI, department and period. Entering a period again
// changes it; an unchanged value writes nothing. Every change is audited with the old and new
// value, and the department's standing is refreshed in the same transaction.
import { getDb, isUniqueViolation, type DbTx } from "~/lib/db.server";
import { NotFoundError } from "~/lib/errors";
import { paginate } from "~/lib/pagination.server";
import type { Principal } from "~/lib/permissions";
import { recordAudit } from "~/modules/audit/index.server";
import { requireKpiDepartment } from "./access.server";
import { periodKey, type KpiPeriodValue } from "./periods";
import type { ActualInput } from "./schemas";
import { refreshStandings } from "./standing.server";

export const ACTUALS_PAGE_SIZE = 24;

export type ActualWrite = "created" | "updated" | "unchanged";

/**
 * Writes one actual inside `tx` (no standing refresh: the caller refreshes once per batch).
 * The audit entry names the KPI, department and period with the old and new value.
 */
export async function writeActual(
  tx: DbTx,
  entry: {
    kpiId: string;
    departmentId: string;
    periodStart: Date;
    value: number;
    period: KpiPeriodValue;
    source: "MANUAL" | "IMPORT";
    actorId: string;
  },
): Promise<ActualWrite> {
  const key = {
    kpiId_departmentId_periodStart: {
      kpiId: entry.kpiId,
      departmentId: entry.departmentId,
      periodStart: entry.periodStart,
    },
  };
  const before = await tx.kpiActual.findUnique({ where: key, select: { value: true } });
  if (before && before.value === entry.value) return "unchanged";
  if (before) {
    await tx.kpiActual.update({
      where: key,
      data: { value: entry.value, source: entry.source, updatedById: entry.actorId },
    });
  } else {
    await tx.kpiActual.create({
      data: {
        kpiId: entry.kpiId,
        departmentId: entry.departmentId,
        periodStart: entry.periodStart,
        value: entry.value,
        source: entry.source,
        updatedById: entry.actorId,
      },
    });
  }
  await recordAudit(tx, {
    actorId: entry.actorId,
    action: "kpi.actual.set",
    subjectType: "KpiDefinition",
    subjectId: entry.kpiId,
    before: before ? { value: before.value } : null,
    after: {
      departmentId: entry.departmentId,
      period: periodKey(entry.periodStart, entry.period),
      value: entry.value,
      source: entry.source,
    },
  });
  return before ? "updated" : "created";
}

/** Enters (or corrects) one period's actual for a department the actor may enter for. */
export async function setActual(
  actor: Principal,
  kpiId: string,
  departmentId: string,
  input: ActualInput,
): Promise<ActualWrite> {
  const pair = await requireKpiDepartment(actor, kpiId, departmentId, "create", "KpiActual");
  for (let attempt = 0; ; attempt++) {
    try {
      return await getDb().$transaction(async (tx) => {
        const result = await writeActual(tx, {
          kpiId,
          departmentId,
          periodStart: input.period,
          value: input.value,
          period: pair.kpi.period,
          source: "MANUAL",
          actorId: actor.id,
        });
        if (result !== "unchanged") await refreshStandings(tx, kpiId, [departmentId]);
        return result;
      });
    } catch (error) {
      // Two people entered the same new period at once: the second becomes an update.
      if (attempt === 0 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/** Removes one period's actual (audited with the value it had). */
export async function deleteActual(
  actor: Principal,
  kpiId: string,
  departmentId: string,
  periodStart: Date,
) {
  const pair = await requireKpiDepartment(actor, kpiId, departmentId, "delete", "KpiActual");
  await getDb().$transaction(async (tx) => {
    const key = { kpiId_departmentId_periodStart: { kpiId, departmentId, periodStart } };
    const before = await tx.kpiActual.findUnique({ where: key });
    if (!before) throw new NotFoundError();
    await tx.kpiActual.delete({ where: key });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "kpi.actual.delete",
      subjectType: "KpiDefinition",
      subjectId: kpiId,
      before: {
        departmentId,
        period: periodKey(periodStart, pair.kpi.period),
        value: before.value,
      },
    });
    await refreshStandings(tx, kpiId, [departmentId]);
  });
}

/** Every actual of one KPI in one department, oldest first (a chart's whole line). */
export async function actualSeries(kpiId: string, departmentId: string) {
  return getDb().kpiActual.findMany({
    where: { kpiId, departmentId },
    select: { periodStart: true, value: true, source: true, updatedAt: true },
    orderBy: { periodStart: "asc" },
  });
}

/** A page of one department's actuals, newest first (the table under the chart). */
export async function actualsPage(kpiId: string, departmentId: string, page: number) {
  const { skip, take, summary } = paginate(page, ACTUALS_PAGE_SIZE);
  const where = { kpiId, departmentId };
  const [total, rows] = await Promise.all([
    getDb().kpiActual.count({ where }),
    getDb().kpiActual.findMany({
      where,
      orderBy: { periodStart: "desc" },
      skip,
      take,
      select: { periodStart: true, value: true, source: true, updatedAt: true, updatedById: true },
    }),
  ]);
  return { page: summary(total), rows };
}
