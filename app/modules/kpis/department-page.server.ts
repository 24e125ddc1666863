// One KPI in one department (decision 041): the chart's series, plan and bands, the actuals
// table and its CSV. A fixed number of statements whatever the number of actuals or courses.
import type { TFunction } from "i18next";
import type { CsvValue } from "~/lib/csv.server";
import { withDescendants } from "~/lib/department-tree";
import { ForbiddenError } from "~/lib/errors";
import { can, type Action, type Principal, type Subject } from "~/lib/permissions";
import {
  initiativeNames,
  phasesOfInitiatives,
  requiredCourseRollouts,
} from "~/modules/initiatives/index.server";
import { firstEnrolmentsInDepartments } from "~/modules/learning/index.server";
import { departmentNames, peopleByIds } from "~/modules/org/index.server";
import { kpiDepartmentReach, requireKpiDepartment } from "./access.server";
import { actualSeries, actualsPage } from "./actuals.server";
import { periodEndOf, periodKey } from "./periods";
import { pathOf } from "./standing.server";
import { expectedOn, roundTo } from "./status";
import { kpiText } from "./texts";

/** Whether the viewer may `action` `subject` data of this department (grant and tree). */
export function reachesKpiDepartment(
  viewer: Principal,
  departmentId: string,
  action: Action,
  subject: Subject = "KpiActual",
) {
  if (!can(viewer, action, subject)) return false;
  const reach = kpiDepartmentReach(viewer, action, subject);
  return reach === "all" || reach.includes(departmentId);
}

/**
 * The KPI in the department for `action` on `subject`: 403 without the grant or when the
 * department is outside a manager's tree (they know the department exists: it is in the org
 * chart), 404 when the KPI does not exist or does not apply to the department.
 */
export async function requireKpiDepartmentPage(
  viewer: Principal,
  kpiId: string,
  departmentId: string,
  action: Action = "read",
  subject: Subject = "Kpi",
) {
  if (!reachesKpiDepartment(viewer, departmentId, action, subject)) throw new ForbiddenError();
  return requireKpiDepartment(viewer, kpiId, departmentId, action, subject);
}

/** Start of the UTC day: roll-outs are compared by day, not by the instant a rule ran. */
const dayOf = (date: Date) =>
  new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));

/**
 * When each of the initiative's required courses reached the department: the first
 * enrolment of a learner of the department (or a sub-department) since the course became
 * required. Courses that reached nobody there yet have no date.
 */
async function rolloutsIn(initiativeId: string | null, departmentIds: string[]) {
  if (!initiativeId) return [];
  const courses = await requiredCourseRollouts(initiativeId);
  const first = await firstEnrolmentsInDepartments(
    courses.map((course) => ({ courseId: course.courseId, since: dayOf(course.addedAt) })),
    departmentIds,
  );
  return courses.map((course) => ({
    courseId: course.courseId,
    title: course.title,
    requiredOn: course.addedAt,
    rolledOutOn: first.get(course.courseId) ?? null,
  }));
}

/** The department page: plan, target path, phases, roll-outs, all actuals and one page of them. */
export async function kpiDepartmentPage(
  viewer: Principal,
  kpiId: string,
  departmentId: string,
  page: number,
) {
  const pair = await requireKpiDepartmentPage(viewer, kpiId, departmentId);
  const { kpi } = pair;
  const [departments, series, table, phasesById, initiatives] = await Promise.all([
    departmentNames(),
    actualSeries(kpiId, departmentId),
    actualsPage(kpiId, departmentId, page),
    phasesOfInitiatives(kpi.initiativeId ? [kpi.initiativeId] : []),
    initiativeNames(kpi.initiativeId ? [kpi.initiativeId] : []),
  ]);
  const subtree = withDescendants(departments, [departmentId]);
  const [rollouts, people] = await Promise.all([
    rolloutsIn(kpi.initiativeId, subtree),
    peopleByIds(table.rows.flatMap((row) => (row.updatedById ? [row.updatedById] : []))),
  ]);
  const phases = kpi.initiativeId ? (phasesById.get(kpi.initiativeId) ?? []) : [];
  const path = pathOf(pair, phases);
  const expected = (periodStart: Date) => {
    const value = path.length > 0 ? expectedOn(path, periodEndOf(periodStart, kpi.period)) : null;
    return value === null ? null : roundTo(value, kpi.precision);
  };
  const mayWrite = (action: Action) => reachesKpiDepartment(viewer, departmentId, action);
  return {
    kpi: {
      id: kpi.id,
      name: kpi.name,
      unit: kpi.unit,
      direction: kpi.direction,
      precision: kpi.precision,
      period: kpi.period,
      minValue: kpi.minValue,
      maxValue: kpi.maxValue,
      archived: kpi.archived,
    },
    department: {
      id: departmentId,
      name: departments.find((d) => d.id === departmentId)?.name ?? "",
    },
    plan: {
      baselineValue: pair.baselineValue,
      baselineOn: pair.baselineOn,
      targetValue: pair.targetValue,
      targetOn: pair.targetOn,
      latestValue: pair.latestValue,
      latestPeriod: pair.latestPeriod,
      status: pair.status,
    },
    initiative: kpi.initiativeId
      ? { id: kpi.initiativeId, name: initiatives.get(kpi.initiativeId) ?? "" }
      : null,
    phases: phases.map((p) => ({ id: p.id, name: p.name, startsOn: p.startsOn, endsOn: p.endsOn })),
    path,
    rollouts,
    series: series.map((row) => ({
      periodStart: row.periodStart,
      period: periodKey(row.periodStart, kpi.period),
      value: row.value,
    })),
    actuals: {
      page: table.page,
      rows: table.rows.map((row) => ({
        periodStart: row.periodStart,
        period: periodKey(row.periodStart, kpi.period),
        value: row.value,
        expected: expected(row.periodStart),
        source: row.source,
        updatedAt: row.updatedAt,
        updatedBy: row.updatedById ? (people.get(row.updatedById)?.name ?? null) : null,
      })),
    },
    can: { create: mayWrite("create"), update: mayWrite("update"), delete: mayWrite("delete") },
  };
}
export type KpiDepartmentPageData = Awaited<ReturnType<typeof kpiDepartmentPage>>;

/** The department's actuals as CSV rows, newest first, with the path's expected value. */
export async function departmentActualsCsv(
  viewer: Principal,
  kpiId: string,
  departmentId: string,
  t: TFunction,
) {
  const pair = await requireKpiDepartmentPage(viewer, kpiId, departmentId);
  const { kpi } = pair;
  const [departments, series, phasesById] = await Promise.all([
    departmentNames(),
    actualSeries(kpiId, departmentId),
    phasesOfInitiatives(kpi.initiativeId ? [kpi.initiativeId] : []),
  ]);
  const path = pathOf(pair, kpi.initiativeId ? (phasesById.get(kpi.initiativeId) ?? []) : []);
  const departmentName = departments.find((d) => d.id === departmentId)?.name ?? "";
  const header = [
    "department",
    "kpi",
    "unit",
    "period",
    "value",
    "expected",
    "source",
    "updatedAt",
  ];
  const rows: CsvValue[][] = [...series].reverse().map((row) => {
    const expected =
      path.length > 0 ? expectedOn(path, periodEndOf(row.periodStart, kpi.period)) : null;
    return [
      departmentName,
      kpiText(t, kpi.name),
      kpiText(t, kpi.unit),
      periodKey(row.periodStart, kpi.period),
      row.value,
      expected === null ? null : roundTo(expected, kpi.precision),
      t(`kpis.chart.source.${row.source}`),
      row.updatedAt.toISOString(),
    ];
  });
  return { header: header.map((key) => t(`kpis.chart.csv.${key}`)), rows };
}
