import { getDb } from "~/lib/db.server";
import type { Principal } from "~/lib/permissions";
import {
  counterSums,
  countersFromSums,
  emptyCounters,
  type ProgressCounters,
} from "~/modules/learning";
import { fellDueWhere, overdueAsOf } from "~/modules/learning/index.server";
import { derive } from "./metrics";
import type { ReportFilters } from "./schemas";
import {
  enrolmentWhere,
  hasMonthFilter,
  NO_DEPARTMENT,
  pairWhere,
  resolveScope,
  statWhere,
  type ReportScope,
} from "./scope.server";

// Reading the stored counters (ProgressStat, kept by the learning module) in a scope.
// Overdue is stored as of a moment; the enrolments that fell due since are counted live.

/** Counters grouped by department or course: the month-less table unless months are filtered. */
export async function countersBy(
  by: "departmentId" | "courseId",
  scope: ReportScope,
  filters: ReportFilters,
): Promise<{ key: string; counters: ProgressCounters }[]> {
  const db = getDb();
  const rows = hasMonthFilter(filters)
    ? await db.progressStat.groupBy({
        by: [by],
        where: statWhere(scope, filters),
        _sum: counterSums,
      })
    : await db.progressTotal.groupBy({ by: [by], where: pairWhere(scope), _sum: counterSums });
  return rows.map((row) => ({ key: row[by], counters: countersFromSums(row._sum) }));
}

/** Open enrolments in scope that fell due after the stored counters' moment, by pair. */
export async function fellDueSinceStored(scope: ReportScope, now: Date) {
  const db = getDb();
  const asOf = await overdueAsOf(db);
  if (now <= asOf) return [];
  // The departments are checked here, not in SQL: with `departmentId IN (…)` the planner
  // walked a manager's departments (22-60 ms at 20,000 staff) instead of the few rows in the
  // (status, dueAt) range since the last sweep (0.03 ms), and those are few pairs anyway.
  const rows = await db.enrolment.groupBy({
    by: ["departmentId", "courseId"],
    where: { AND: [enrolmentWhere({ ...scope, departmentIds: null }), fellDueWhere(asOf, now)] },
    _count: { _all: true },
  });
  const inScope = scope.departmentIds && new Set(scope.departmentIds);
  return rows
    .filter((row) => !inScope || (row.departmentId !== null && inScope.has(row.departmentId)))
    .map((row) => ({
      departmentId: row.departmentId ?? NO_DEPARTMENT,
      courseId: row.courseId,
      count: row._count._all,
    }));
}

/** Stored counters plus the enrolments that fell due since they were stored. */
export function withFellDue(counters: ProgressCounters = emptyCounters(), fellDue = 0) {
  return { ...counters, overdue: counters.overdue + fellDue };
}

/** The scope's counters in one sum, with their percentages. */
export async function summaryInScope(scope: ReportScope, filters: ReportFilters, now: Date) {
  const db = getDb();
  const [sums, fellDue] = await Promise.all([
    hasMonthFilter(filters)
      ? db.progressStat.aggregate({ where: statWhere(scope, filters), _sum: counterSums })
      : db.progressTotal.aggregate({ where: pairWhere(scope), _sum: counterSums }),
    fellDueSinceStored(scope, now),
  ]);
  return derive(
    withFellDue(
      countersFromSums(sums._sum),
      fellDue.reduce((sum, row) => sum + row.count, 0),
    ),
  );
}

/** Totals for a drill-down header (the same counters as the dashboard's rows). */
export async function getSummary(viewer: Principal, filters: ReportFilters, now = new Date()) {
  return summaryInScope(await resolveScope(viewer, filters), filters, now);
}
