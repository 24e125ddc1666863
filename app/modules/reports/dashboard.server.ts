import { getDb } from "~/lib/db.server";
import { paginate } from "~/lib/pagination.server";
import type { Principal } from "~/lib/permissions";
import { addCounters, type ProgressCounters } from "~/modules/learning";
import { countersBy, fellDueSinceStored, withFellDue } from "./counters.server";
import { derive, type DerivedMetrics } from "./metrics";
import { rollUpDepartments } from "./rollup";
import type { ReportFilters } from "./schemas";
import {
  monthStart,
  NO_DEPARTMENT,
  pairWhere,
  resolveScope,
  type ReportScope,
} from "./scope.server";

// The completion dashboard: the department tree with its roll-up, the courses, three charts.

export const COURSE_PAGE_SIZE = 25;

const monthOf = (date: Date) => date.toISOString().slice(0, 7);

/** The months of the completions chart: the filtered ones, else the twelve up to `now`. */
function chartMonths(filters: ReportFilters, now: Date): { from: string; to: string } {
  const to = filters.to ?? monthOf(now);
  if (filters.from) return { from: filters.from, to };
  const start = monthStart(to);
  start.setUTCMonth(start.getUTCMonth() - 11);
  return { from: monthOf(start), to };
}

function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  const cursor = monthStart(from);
  const end = monthStart(to);
  while (cursor <= end && months.length < 120) {
    months.push(monthOf(cursor));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return months;
}

/** The enrolments that fell due since the counters were stored, summed by department or course. */
function fellDueBy(
  fellDue: Awaited<ReturnType<typeof fellDueSinceStored>>,
  key: "departmentId" | "courseId",
): Map<string, number> {
  const sums = new Map<string, number>();
  for (const row of fellDue) sums.set(row[key], (sums.get(row[key]) ?? 0) + row.count);
  return sums;
}

/** Each department's own counters: stored ones plus the enrolments that fell due since. */
function ownCounters(
  stored: { key: string; counters: ProgressCounters }[],
  fellDue: ReadonlyMap<string, number>,
): Map<string, ProgressCounters> {
  const own = new Map(
    stored.map((row) => [row.key, withFellDue(row.counters, fellDue.get(row.key))]),
  );
  for (const [departmentId, count] of fellDue) {
    if (!own.has(departmentId)) own.set(departmentId, withFellDue(undefined, count));
  }
  return own;
}

/**
 * The department rows, rolled up, and the total: people without a department count in it
 * when the report covers everyone.
 */
function departmentReport(
  scope: ReportScope,
  stored: { key: string; counters: ProgressCounters }[],
  fellDue: ReadonlyMap<string, number>,
) {
  const own = ownCounters(stored, fellDue);
  const tree = rollUpDepartments(scope.departments, own, scope.departmentIds);
  const unassigned = scope.departmentIds ? undefined : own.get(NO_DEPARTMENT);
  if (unassigned) addCounters(tree.total, unassigned);
  return {
    total: derive(tree.total),
    unassigned: unassigned ? derive(unassigned) : null,
    departments: tree.rows.map(({ counters, ...row }) => ({ ...row, metrics: derive(counters) })),
  };
}

/** Every course with counters in scope, by title. */
async function courseRows(
  stored: { key: string; counters: ProgressCounters }[],
  fellDue: ReadonlyMap<string, number>,
) {
  const counters = new Map(stored.map((row) => [row.key, row.counters]));
  const courses = await getDb().course.findMany({
    where: { id: { in: [...new Set([...counters.keys(), ...fellDue.keys()])] } },
    select: { id: true, title: true, category: true },
    orderBy: { title: "asc" },
  });
  return courses.map((course) => ({
    ...course,
    metrics: derive(withFellDue(counters.get(course.id), fellDue.get(course.id))),
  }));
}

/** One page of the course table (the last one when `page` is past it). */
function coursePageOf<T>(courses: T[], page: number) {
  const { pageCount } = paginate(page, COURSE_PAGE_SIZE).summary(courses.length);
  const { skip, take, summary } = paginate(Math.min(page, pageCount), COURSE_PAGE_SIZE);
  return { rows: courses.slice(skip, skip + take), ...summary(courses.length) };
}

function dashboardCharts(
  departments: { name: string; depth: number; metrics: DerivedMetrics }[],
  courses: { title: string; metrics: DerivedMetrics }[],
  completionsByMonth: ReadonlyMap<string, number>,
  months: string[],
) {
  // One root: its departments one level down too; several (a manager's): the roots only.
  const deepest = departments.filter((row) => row.depth === 0).length > 1 ? 0 : 1;
  return {
    completionByDepartment: departments
      .filter((row) => row.depth <= deepest)
      .slice(0, 15)
      .map((row) => ({ name: row.name, completionPct: row.metrics.completionPct ?? 0 })),
    completionsOverTime: months.map((month) => ({
      month,
      completions: completionsByMonth.get(month) ?? 0,
    })),
    overdueByCourse: courses
      .filter((row) => row.metrics.overdue > 0)
      .sort((a, b) => b.metrics.overdue - a.metrics.overdue)
      .slice(0, 10)
      .map((row) => ({ title: row.title, overdue: row.metrics.overdue })),
  };
}

/** The completion dashboard: department tree roll-up, courses, and the three charts. */
export async function getDashboard(
  viewer: Principal,
  filters: ReportFilters,
  now = new Date(),
  options: { allCourses?: boolean } = {},
) {
  const scope = await resolveScope(viewer, filters);
  const months = chartMonths(filters, now);
  const [byDepartment, byCourse, byMonth, fellDue] = await Promise.all([
    countersBy("departmentId", scope, filters),
    countersBy("courseId", scope, filters),
    getDb().progressStat.groupBy({
      by: ["month"],
      where: { ...pairWhere(scope), month: { gte: months.from, lte: months.to } },
      _sum: { completionsInMonth: true },
    }),
    fellDueSinceStored(scope, now),
  ]);
  const report = departmentReport(scope, byDepartment, fellDueBy(fellDue, "departmentId"));
  const courses = await courseRows(byCourse, fellDueBy(fellDue, "courseId"));
  const coursePage = coursePageOf(courses, filters.page);
  const completions = new Map(byMonth.map((row) => [row.month, row._sum.completionsInMonth ?? 0]));
  return {
    ...report,
    courses: options.allCourses ? courses : coursePage.rows,
    courseCount: courses.length,
    coursePage: coursePage.page,
    coursePageCount: coursePage.pageCount,
    charts: dashboardCharts(
      report.departments,
      courses,
      completions,
      monthsBetween(months.from, months.to),
    ),
  };
}
