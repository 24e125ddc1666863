// Who sees which KPI (decision 041): HR and admins all of them; a manager the KPIs that apply
// to a department of their tree, and within a KPI only those departments.
import { getDb } from "~/lib/db.server";
import { ForbiddenError, NotFoundError } from "~/lib/errors";
import { can, visibility, type Action, type Principal, type Subject } from "~/lib/permissions";

/** The departments whose KPI data the viewer may `action` on `subject`: "all" or ids. */
export function kpiDepartmentReach(
  viewer: Principal,
  action: Action = "read",
  subject: Subject = "Kpi",
): "all" | string[] {
  const reach = visibility(viewer, action, subject);
  if (reach.kind === "all") return "all";
  if (reach.kind === "departments") return reach.departmentIds;
  return [];
}

/** A Prisma filter on departmentId for a reach. */
export function departmentFilter(reach: "all" | string[]) {
  return reach === "all" ? {} : { departmentId: { in: reach } };
}

/**
 * The KPI if the viewer may `action` it: 403 without the grant, 404 when it does not exist
 * or (for a manager) applies to none of their departments, so its existence does not leak.
 */
export async function requireKpi(viewer: Principal, kpiId: string, action: Action = "read") {
  if (!can(viewer, action, "Kpi")) throw new ForbiddenError();
  const kpi = await getDb().kpiDefinition.findUnique({ where: { id: kpiId } });
  if (!kpi) throw new NotFoundError();
  const reach = kpiDepartmentReach(viewer, action);
  if (reach !== "all") {
    const mine = await getDb().kpiDepartment.count({
      where: { kpiId, departmentId: { in: reach } },
    });
    if (mine === 0) throw new NotFoundError();
  }
  return kpi;
}

/**
 * One KPI in one department, for `action` on `subject` (Kpi to read, KpiActual to enter):
 * 404 when the KPI does not apply there or the department is outside a manager's tree.
 */
export async function requireKpiDepartment(
  viewer: Principal,
  kpiId: string,
  departmentId: string,
  action: Action = "read",
  subject: Subject = "Kpi",
) {
  if (!can(viewer, action, subject)) throw new ForbiddenError();
  const reach = kpiDepartmentReach(viewer, action, subject);
  if (reach !== "all" && !reach.includes(departmentId)) throw new NotFoundError();
  const pair = await getDb().kpiDepartment.findUnique({
    where: { kpiId_departmentId: { kpiId, departmentId } },
    include: { kpi: true, phaseTargets: true },
  });
  if (!pair) throw new NotFoundError();
  return pair;
}
