// Kudos given per department (readiness evidence, decision 038), in one grouped query. This
// module never imports initiatives: the initiatives module calls this.
import { getDb } from "~/lib/db.server";

/** Kudos given in [from, to), by the giver's department at the time. */
export async function kudosGivenByDepartment(from: Date, to: Date): Promise<Map<string, number>> {
  const rows = await getDb().kudos.groupBy({
    by: ["fromDepartmentId"],
    where: { createdAt: { gte: from, lt: to }, fromDepartmentId: { not: null } },
    _count: { _all: true },
  });
  return new Map(rows.map((row) => [row.fromDepartmentId!, row._count._all]));
}
