import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findTableWrites, partOf, sourceFiles } from "../support/table-writes";

// One owner per table (decision 017): only the owning module (or lib, for the sign-in and
// audit infrastructure) writes a table; others read it through the owner's functions.
const root = path.resolve(__dirname, "../..");
const owners: Record<string, string> = JSON.parse(
  fs.readFileSync(path.join(root, "prisma/table-owners.json"), "utf8"),
);
delete owners.$comment;
const schema = fs.readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");
const models = [...schema.matchAll(/^model (\w+) \{/gm)].map((m) => m[1] ?? "");
const modules = fs.readdirSync(path.join(root, "app/modules"));

describe("table ownership", () => {
  it("names one owner, an existing module or lib, for every model of the schema", () => {
    expect(Object.keys(owners).sort()).toEqual([...models].sort());
    for (const owner of Object.values(owners)) expect([...modules, "lib"]).toContain(owner);
  });

  it("finds every write in app/ made by the table's owner", () => {
    const writes = sourceFiles(path.join(root, "app")).flatMap((full) => {
      const file = path.relative(root, full);
      return findTableWrites(file, fs.readFileSync(full, "utf8"), models);
    });
    const trespasses = writes
      .filter((w) => owners[w.table] !== partOf(w.file))
      .map((w) => `${w.file}:${w.line} writes ${w.table} (owned by ${owners[w.table]})`);
    expect(trespasses).toEqual([]);
    // The scan sees the writes it should: every owner's tables are written somewhere.
    expect(new Set(writes.map((w) => w.table)).size).toBeGreaterThan(models.length * 0.8);
  });

  it("reports a module writing a table it does not own, by Prisma call or raw SQL", () => {
    const source = [
      "await tx.enrolment.update({ where: { id } });",
      "await getDb()",
      "  .user.updateMany({ data: {} });",
      'await db.$executeRawUnsafe(`DELETE FROM "Idea" WHERE id = ?`, id);',
      "const rows = await tx.user.findMany();",
    ].join("\n");
    const writes = findTableWrites("app/modules/reports/x.server.ts", source, models);
    expect(writes.map((w) => [w.table, w.line])).toEqual([
      ["Enrolment", 1],
      ["User", 3],
      ["Idea", 4],
    ]);
    expect(writes.filter((w) => owners[w.table] !== partOf(w.file))).toHaveLength(3);
  });
});
