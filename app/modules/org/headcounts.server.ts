import { getDb } from "~/lib/db.server";

/** Active people per department (the incentive board compares departments per head). */
export async function activeHeadcounts(): Promise<Map<string, number>> {
  const rows = await getDb().user.groupBy({
    by: ["departmentId"],
    where: { active: true, departmentId: { not: null } },
    _count: { _all: true },
  });
  return new Map(rows.map((row) => [row.departmentId!, row._count._all]));
}

/** Names of people by id, and whether each is active, for lists that hold only ids. */
export async function peopleByIds(ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, { name: string; active: boolean }>();
  const rows = await getDb().user.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, name: true, active: true },
  });
  return new Map(rows.map((row) => [row.id, { name: row.name, active: row.active }]));
}

/** Departments by id with their names, codes and parents (for per-department lists and trees). */
export async function departmentNames() {
  return getDb().department.findMany({
    select: { id: true, name: true, code: true, parentId: true },
    orderBy: { name: "asc" },
  });
}
