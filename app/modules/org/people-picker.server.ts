// Small reads of people for other modules' pickers (the initiatives' owner picker).
import { getDb, type DbTx } from "~/lib/db.server";
import { paginate } from "~/lib/pagination.server";
import { containsText } from "~/lib/text-search.server";

const PICKER_PAGE_SIZE = 20;

/** Active people matching `q` by name or e-mail, a picker's page ("Name · e-mail"). */
export async function searchActivePeople(q: string, pageNumber = 1) {
  const { skip, take } = paginate(pageNumber, PICKER_PAGE_SIZE);
  const rows = await getDb().user.findMany({
    where: {
      active: true,
      ...(q ? { OR: [{ name: containsText(q) }, { email: containsText(q) }] } : {}),
    },
    select: { id: true, name: true, email: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    skip,
    take: take + 1,
  });
  return {
    options: rows
      .slice(0, take)
      .map((row) => ({ value: row.id, label: `${row.name} · ${row.email}` })),
    hasMore: rows.length > take,
  };
}

/** Names of the given people (id → name), one query. */
export async function personNames(userIds: readonly string[]) {
  if (userIds.length === 0) return new Map<string, string>();
  const rows = await getDb().user.findMany({
    where: { id: { in: [...userIds] } },
    select: { id: true, name: true },
  });
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Whether an active person with this id exists. */
export async function isActivePerson(userId: string) {
  const row = await getDb().user.findUnique({ where: { id: userId }, select: { active: true } });
  return row?.active === true;
}

/** A person's department and the department tree, read inside the caller's transaction. */
export async function departmentAndTree(tx: DbTx, userId: string) {
  const [user, nodes] = await Promise.all([
    tx.user.findUnique({ where: { id: userId }, select: { departmentId: true } }),
    tx.department.findMany({ select: { id: true, parentId: true } }),
  ]);
  return { departmentId: user?.departmentId ?? null, nodes };
}
