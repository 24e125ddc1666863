import type { DbTx } from "~/lib/db.server";

/** Every department's id and parent, through the caller's transaction (tree walks in writes). */
export async function departmentTree(tx: DbTx) {
  return tx.department.findMany({ select: { id: true, parentId: true } });
}
