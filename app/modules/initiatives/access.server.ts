// Who sees which initiative (decision 037): HR and admins all of them; a manager those whose
// target departments reach into their tree; everyone the active ones that target them (Home).
import { withDescendants, type TreeNode } from "~/lib/department-tree";
import { getDb } from "~/lib/db.server";
import { ForbiddenError, NotFoundError } from "~/lib/errors";
import { can, visibility, type Action, type Principal, type Subject } from "~/lib/permissions";
import { departmentNames } from "~/modules/org/index.server";

export interface TargetDepartment {
  departmentId: string;
  includeSubDepartments: boolean;
}

/** Every department an initiative reaches: the targets, and below those that include them. */
export function expandTargets(targets: readonly TargetDepartment[], nodes: readonly TreeNode[]) {
  const reached = new Set<string>();
  for (const target of targets) {
    if (target.includeSubDepartments) {
      for (const id of withDescendants(nodes, [target.departmentId])) reached.add(id);
    } else {
      reached.add(target.departmentId);
    }
  }
  return [...reached];
}

/** The reached departments of each initiative (one query for all of them). */
export async function reachedDepartments(initiativeIds: readonly string[]) {
  const [targets, nodes] = await Promise.all([
    getDb().initiativeDepartment.findMany({
      where: { initiativeId: { in: [...initiativeIds] } },
      select: { initiativeId: true, departmentId: true, includeSubDepartments: true },
    }),
    departmentNames(),
  ]);
  const byInitiative = new Map<string, TargetDepartment[]>();
  for (const target of targets) {
    const list = byInitiative.get(target.initiativeId) ?? [];
    list.push(target);
    byInitiative.set(target.initiativeId, list);
  }
  return new Map(initiativeIds.map((id) => [id, expandTargets(byInitiative.get(id) ?? [], nodes)]));
}

/**
 * The initiatives a viewer may `action` on `subject` (Initiative, Pulse, Readiness): "all",
 * or the ids of those reaching into the viewer's tree.
 */
export async function initiativesInReach(
  viewer: Principal,
  action: Action = "read",
  subject: Subject = "Initiative",
): Promise<"all" | string[]> {
  const reach = visibility(viewer, action, subject);
  if (reach.kind === "all") return "all";
  if (reach.kind !== "departments" || reach.departmentIds.length === 0) return [];
  const nodes = await departmentNames();
  const targets = await getDb().initiativeDepartment.findMany({
    select: { initiativeId: true, departmentId: true, includeSubDepartments: true },
  });
  const mine = new Set(reach.departmentIds);
  const ids = new Set<string>();
  for (const target of targets) {
    if (ids.has(target.initiativeId)) continue;
    if (expandTargets([target], nodes).some((id) => mine.has(id))) ids.add(target.initiativeId);
  }
  return [...ids];
}

/**
 * The initiative if the viewer may `action` it on `subject`: 404 when it does not exist (or
 * lies wholly outside a manager's reach, so its existence does not leak), 403 when the role
 * has no such grant.
 */
export async function requireInitiative(
  viewer: Principal,
  initiativeId: string,
  action: Action = "read",
  subject: Subject = "Initiative",
) {
  if (!can(viewer, action, subject)) throw new ForbiddenError();
  const initiative = await getDb().initiative.findUnique({ where: { id: initiativeId } });
  if (!initiative) throw new NotFoundError();
  const reach = await initiativesInReach(viewer, action, subject);
  if (reach !== "all" && !reach.includes(initiativeId)) throw new NotFoundError();
  return initiative;
}

/** The departments of a viewer's reach inside one initiative (managers: their tree only). */
export function departmentsInReach(
  viewer: Principal,
  reached: readonly string[],
  subject: Subject,
) {
  const reach = visibility(viewer, "read", subject);
  if (reach.kind === "all") return [...reached];
  if (reach.kind !== "departments") return [];
  const mine = new Set(reach.departmentIds);
  return reached.filter((id) => mine.has(id));
}
