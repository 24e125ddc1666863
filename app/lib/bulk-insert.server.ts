import { randomUUID } from "node:crypto";
import { Prisma, type DbTx } from "./db.server";

/** What a bulk insert takes: text, numbers and times (enums and JSON would need casts). */
type Cell = string | number | Date | null;

/** SQLite binds at most 999 parameters per statement. */
const MAX_PARAMETERS = 999;

/**
 * Inserts rows with one multi-row INSERT per chunk, written once for both providers, each row
 * given a random id (returned in order). Prisma's createMany spends about 150 µs of JavaScript per row (its query
 * templating), this about 40: for writes of tens of thousands of rows in one transaction (a
 * staff import's enrolments, invitations and their e-mails). Columns left out take their defaults.
 */
export async function insertRows(
  tx: DbTx,
  table: Prisma.ModelName,
  rows: readonly Record<string, Cell>[],
  options: { id?: "id" | null } = {},
): Promise<string[]> {
  return (await insertChunks(tx, table, rows, options, "")).ids;
}

/**
 * `insertRows`, leaving out each row whose unique key is taken already (`ON CONFLICT DO
 * NOTHING`, on both providers): the insert of an award that may exist. Unlike catching the
 * unique violation, this keeps a PostgreSQL transaction usable. Returns how many rows went in.
 */
export async function insertRowsSkippingDuplicates(
  tx: DbTx,
  table: Prisma.ModelName,
  rows: readonly Record<string, Cell>[],
  options: { id?: "id" | null } = {},
): Promise<number> {
  return (await insertChunks(tx, table, rows, options, " ON CONFLICT DO NOTHING")).inserted;
}

async function insertChunks(
  tx: DbTx,
  table: Prisma.ModelName,
  rows: readonly Record<string, Cell>[],
  options: { id?: "id" | null },
  conflictClause: string,
): Promise<{ ids: string[]; inserted: number }> {
  const ids: string[] = [];
  let inserted = 0;
  if (rows.length === 0) return { ids, inserted };
  const idColumn = options.id === undefined ? "id" : options.id;
  const given = Object.keys(rows[0]!);
  const columns = [...(idColumn ? [idColumn] : []), ...given];
  const head = Prisma.raw(
    `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(", ")}) VALUES `,
  );
  const perStatement = Math.floor(MAX_PARAMETERS / columns.length);
  for (let i = 0; i < rows.length; i += perStatement) {
    const values = rows.slice(i, i + perStatement).map((row) => {
      const cells = given.map((column) => row[column] ?? null);
      if (idColumn) {
        const id = randomUUID();
        ids.push(id);
        cells.unshift(id);
      }
      return Prisma.sql`(${Prisma.join(cells)})`;
    });
    inserted += await tx.$executeRaw`${head}${Prisma.join(values)}${Prisma.raw(conflictClause)}`;
  }
  return { ids, inserted };
}
