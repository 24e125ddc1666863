import type { DbTx } from "~/lib/db.server";
import { PATH_SEPARATOR } from "../staff-import";

// Department paths (`Customer Service/Call Centre`) against the tree: which exist, and which
// an import creates, parents before children, each with a unique code made from its name.

export interface DepartmentToCreate {
  path: string;
  name: string;
  code: string;
  parentPath: string | null;
}

export interface DepartmentIndex {
  /** Lower-cased path → department id (existing departments). */
  idByKey: Map<string, string>;
  /** Department id → its path as written in the tree. */
  pathById: Map<string, string>;
  codes: Set<string>;
}

export const pathKey = (parts: readonly string[]) =>
  parts.map((part) => part.toLowerCase()).join(PATH_SEPARATOR);

export async function loadDepartmentIndex(tx: DbTx): Promise<DepartmentIndex> {
  const rows = await tx.department.findMany({
    select: { id: true, name: true, code: true, parentId: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const pathById = new Map<string, string>();
  const pathOf = (id: string, depth = 0): string => {
    const known = pathById.get(id);
    if (known !== undefined) return known;
    const row = byId.get(id)!;
    const parent = row.parentId && depth < 50 ? pathOf(row.parentId, depth + 1) : null;
    const path = parent === null ? row.name : `${parent}${PATH_SEPARATOR}${row.name}`;
    pathById.set(id, path);
    return path;
  };
  const idByKey = new Map<string, string>();
  for (const row of rows) {
    const key = pathOf(row.id).toLowerCase();
    // Two siblings with one name: the first by name order is the one a path means.
    if (!idByKey.has(key)) idByKey.set(key, row.id);
  }
  return { idByKey, pathById, codes: new Set(rows.map((row) => row.code)) };
}

/** A department code from its name: A–Z, 0–9 and "-", at most 20 characters, unique. */
function uniqueCode(name: string, taken: Set<string>): string {
  const base =
    name
      .normalize("NFKD")
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 16)
      .replace(/-+$/, "") || "DEPT";
  let code = base;
  for (let n = 2; taken.has(code); n++) code = `${base.slice(0, 19 - String(n).length)}-${n}`;
  taken.add(code);
  return code;
}

/**
 * The departments the paths need that do not exist yet, parents before children (each
 * missing ancestor once), in the order the file first names them.
 */
export function departmentsToCreate(
  paths: readonly (readonly string[])[],
  index: DepartmentIndex,
): DepartmentToCreate[] {
  const planned = new Map<string, DepartmentToCreate>();
  const codes = new Set(index.codes);
  for (const parts of paths) {
    for (let depth = 1; depth <= parts.length; depth++) {
      const levels = parts.slice(0, depth);
      const key = pathKey(levels);
      if (index.idByKey.has(key) || planned.has(key)) continue;
      const parentLevels = levels.slice(0, -1);
      const name = levels[depth - 1]!;
      planned.set(key, {
        path: levels.join(PATH_SEPARATOR),
        name,
        code: uniqueCode(name, codes),
        parentPath: parentLevels.length > 0 ? parentLevels.join(PATH_SEPARATOR) : null,
      });
    }
  }
  return [...planned.values()];
}
