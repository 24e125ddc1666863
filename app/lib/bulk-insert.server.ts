import { randomUUID } from "node:crypto";
import { databaseProvider, type DbTx, type Prisma } from "./db.server";

/** What a bulk insert takes: text, numbers and times (enums and JSON through `pgCasts`). */
type Cell = string | number | Date | null;

/**
 * PostgreSQL type names for cells that are not plain text there (a JSON column's text, an
 * enum's value); SQLite stores both as text, so it takes them as they are.
 */
type PgCasts = Record<string, string>;

interface InsertOptions {
  id?: "id" | null;
  pgCasts?: PgCasts;
  /**
   * Parameters per statement: 999 by default (SQLite's old bound); the bundled SQLite and
   * PostgreSQL take up to `MAX_BOUND_PARAMETERS`, and fewer, larger statements are faster.
   */
  parametersPerStatement?: number;
}

/** What both providers bind in one statement (SQLite 3.32+: 32,766; PostgreSQL: 65,535). */
export const MAX_BOUND_PARAMETERS = 32_000;

/** The default bound per statement: SQLite before 3.32 bound at most 999 parameters. */
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
  options: InsertOptions = {},
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
  options: InsertOptions = {},
): Promise<number> {
  return (await insertChunks(tx, table, rows, options, " ON CONFLICT DO NOTHING")).inserted;
}

/**
 * `insertRows`, updating `update` columns of a row whose `conflict` key is taken (`ON
 * CONFLICT (...) DO UPDATE`, on both providers): thousands of writes of one keyed table in a
 * few statements. Returns how many rows were inserted or updated.
 */
export async function upsertRows(
  tx: DbTx,
  table: Prisma.ModelName,
  rows: readonly Record<string, Cell>[],
  options: InsertOptions & { conflict: readonly string[]; update: readonly string[] },
): Promise<number> {
  const quoted = (columns: readonly string[]) => columns.map((column) => `"${column}"`);
  const clause =
    ` ON CONFLICT (${quoted(options.conflict).join(", ")}) DO UPDATE SET ` +
    quoted(options.update)
      .map((column) => `${column} = excluded.${column}`)
      .join(", ");
  return (await insertChunks(tx, table, rows, options, clause)).inserted;
}

async function insertChunks(
  tx: DbTx,
  table: Prisma.ModelName,
  rows: readonly Record<string, Cell>[],
  options: InsertOptions,
  conflictClause: string,
): Promise<{ ids: string[]; inserted: number }> {
  const ids: string[] = [];
  let inserted = 0;
  if (rows.length === 0) return { ids, inserted };
  const idColumn = options.id === undefined ? "id" : options.id;
  const given = Object.keys(rows[0]!);
  const columns = [...(idColumn ? [idColumn] : []), ...given];
  const head = `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(", ")}) VALUES `;
  const perStatement = Math.floor(
    Math.min(options.parametersPerStatement ?? MAX_PARAMETERS, MAX_BOUND_PARAMETERS) /
      columns.length,
  );
  const postgres = databaseProvider() === "postgresql";
  const casts = postgres ? (options.pgCasts ?? {}) : {};
  // One flat parameter list and the statement's text built once per chunk size: building a
  // Prisma.sql fragment per cell cost more than the database's work.
  const statementFor = (count: number) => {
    let n = 0;
    const placeholder = (column: string) => {
      const mark = postgres ? `$${++n}` : "?";
      return casts[column] ? `CAST(${mark} AS ${casts[column]})` : mark;
    };
    const tuples = Array.from({ length: count }, () => `(${columns.map(placeholder).join(", ")})`);
    return head + tuples.join(", ") + conflictClause;
  };
  const statements = new Map<number, string>();
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const parameters: unknown[] = [];
    for (const row of chunk) {
      if (idColumn) {
        const id = randomUUID();
        ids.push(id);
        parameters.push(id);
      }
      for (const column of given) parameters.push(row[column] ?? null);
    }
    let statement = statements.get(chunk.length);
    if (!statement) {
      statement = statementFor(chunk.length);
      statements.set(chunk.length, statement);
    }
    inserted += await tx.$executeRawUnsafe(statement, ...parameters);
  }
  return { ids, inserted };
}
