import { getDb, type Prisma } from "~/lib/db.server";
import { withDescendants } from "~/lib/department-tree";
import { NotFoundError } from "~/lib/errors";
import { assertCan, scopeWhere, type Principal } from "~/lib/permissions";
import { currentEnrolmentWhere } from "~/modules/learning/index.server";
import type { ReportDepartment } from "./rollup";
import type { ReportFilters } from "./schemas";

// What a report covers: the viewer's reach (the permission map's one visibility rule)
// narrowed by the filters, and the query filters built from it.

/** The department key of counters and enrolments of people without a department. */
export const NO_DEPARTMENT = "";

export interface ReportScope {
  /** null: every department and people without one. */
  departmentIds: string[] | null;
  /** null: every course. */
  courseIds: string[] | null;
  assignedFrom: Date | null;
  assignedBefore: Date | null;
  departments: ReportDepartment[];
}

/** Midnight UTC of the first day of a "YYYY-MM" month. */
export const monthStart = (month: string) => new Date(`${month}-01T00:00:00.000Z`);
const nextMonthStart = (month: string) => {
  const date = monthStart(month);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return date;
};

/** The departments whose reports the viewer may read; null for all of them. */
function reachableDepartmentIds(viewer: Principal): string[] | null {
  const { departmentIds = null } = scopeWhere(viewer, "read", "Report", {
    department: (ids) => ({ departmentIds: ids }),
  });
  return departmentIds;
}

/** The departments and courses a report covers for this viewer and these filters. */
export async function resolveScope(
  viewer: Principal,
  filters: ReportFilters,
): Promise<ReportScope> {
  let departmentIds = reachableDepartmentIds(viewer);
  const db = getDb();
  const [departments, courses] = await Promise.all([
    db.department.findMany({
      select: { id: true, name: true, parentId: true },
      orderBy: { name: "asc" },
    }),
    filters.category
      ? db.course.findMany({ where: { category: filters.category }, select: { id: true } })
      : Promise.resolve(null),
  ]);
  if (filters.department) {
    if (!departments.some((d) => d.id === filters.department)) throw new NotFoundError();
    assertCan(viewer, "read", { type: "Report", departmentId: filters.department });
    departmentIds = filters.sub
      ? withDescendants(departments, [filters.department])
      : [filters.department];
  }
  let courseIds: string[] | null = courses ? courses.map((c) => c.id) : null;
  if (filters.course)
    courseIds = courseIds ? courseIds.filter((id) => id === filters.course) : [filters.course];
  return {
    departmentIds,
    courseIds,
    assignedFrom: filters.from ? monthStart(filters.from) : null,
    assignedBefore: filters.to ? nextMonthStart(filters.to) : null,
    departments,
  };
}

/** The (department, course) pairs in scope, as a counter or enrolment filter. */
export function pairWhere(scope: ReportScope) {
  return {
    ...(scope.departmentIds ? { departmentId: { in: scope.departmentIds } } : {}),
    ...(scope.courseIds ? { courseId: { in: scope.courseIds } } : {}),
  };
}

export const hasMonthFilter = (filters: ReportFilters) => Boolean(filters.from || filters.to);

/** The monthly counters in scope (months of assignment, as the filters give them). */
export function statWhere(
  scope: ReportScope,
  filters: ReportFilters,
): Prisma.ProgressStatWhereInput {
  return {
    ...pairWhere(scope),
    ...(hasMonthFilter(filters)
      ? {
          month: {
            ...(filters.from ? { gte: filters.from } : {}),
            ...(filters.to ? { lte: filters.to } : {}),
          },
        }
      : {}),
  };
}

/** Current enrolments in scope (the rows behind the counters). */
export function enrolmentWhere(scope: ReportScope): Prisma.EnrolmentWhereInput {
  return {
    ...currentEnrolmentWhere,
    ...pairWhere(scope),
    ...(scope.assignedFrom || scope.assignedBefore
      ? {
          assignedAt: {
            ...(scope.assignedFrom ? { gte: scope.assignedFrom } : {}),
            ...(scope.assignedBefore ? { lt: scope.assignedBefore } : {}),
          },
        }
      : {}),
  };
}
