// Finds the places in app/ that write a table: Prisma write calls (`x.user.update(`, any
// receiver) and raw SQL (INSERT INTO / UPDATE / DELETE FROM "Table"). Nested writes inside
// another model's call (`managedDepartments: { create: … }`) are not seen: the owner of the
// outer model writes them, and the test reads the outer call.
import fs from "node:fs";
import path from "node:path";

const WRITE_METHODS =
  "create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany";

export interface TableWrite {
  file: string;
  line: number;
  table: string;
}

/** The part of app/ a file belongs to: a module's name, "lib", or "routes" (everything else). */
export function partOf(file: string): string {
  const parts = file.split("/");
  if (parts[1] === "modules" && parts[2]) return parts[2];
  if (parts[1] === "lib") return "lib";
  return "routes";
}

export function findTableWrites(file: string, source: string, tables: string[]): TableWrite[] {
  const byDelegate = new Map(tables.map((t) => [t.charAt(0).toLowerCase() + t.slice(1), t]));
  const writes: TableWrite[] = [];
  const lineOf = (index: number) => source.slice(0, index).split("\n").length;
  const call = new RegExp(`\\.\\s*([A-Za-z]+)\\s*\\.\\s*(?:${WRITE_METHODS})\\s*\\(`, "g");
  for (const match of source.matchAll(call)) {
    const table = byDelegate.get(match[1] ?? "");
    if (table) writes.push({ file, line: lineOf(match.index), table });
  }
  const sql = /\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?([A-Z][A-Za-z]+)"?/g;
  for (const match of source.matchAll(sql)) {
    const table = match[1] ?? "";
    if (tables.includes(table)) writes.push({ file, line: lineOf(match.index), table });
  }
  return writes;
}

export function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}
