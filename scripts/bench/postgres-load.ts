// The benchmark organisation on PostgreSQL: a fresh database migrated with `prisma migrate
// deploy`, then every table's rows copied from the generated SQLite file. Values are
// converted by the PostgreSQL column types (information_schema): DateTime (ISO text or epoch
// ms in SQLite) → timestamp, 0/1 → boolean, JSON text → jsonb, enums as text. Each batch is
// one INSERT … SELECT FROM unnest(one array parameter per column), so a statement carries a
// handful of parameters whatever the batch size. Foreign keys and secondary indexes are
// dropped during the copy and rebuilt after it (one validating pass each instead of a check
// per row); VACUUM ANALYZE then gives the planner statistics, as autovacuum would in use.
import { execFileSync } from "node:child_process";
import Database from "better-sqlite3";
import pg from "pg";
import { ROOT } from "./child";

export const BENCH_PG_DATABASE = "uptake_bench_reports";
const BATCH_ROWS = 20_000;
const FINGERPRINT_PREFIX = "uptake bench:";

/** The admin URL with another database name. */
export function postgresUrlFor(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Why PostgreSQL at `adminUrl` cannot be used, or undefined when it answers. */
export async function postgresUnreachable(adminUrl: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** One connection to `url` for `work`, closed afterwards. */
export async function withClient<T>(
  url: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface PostgresCopy {
  databaseUrl: string;
  /** How long the copy took, or undefined when an up-to-date copy was kept. */
  loadMs?: number;
  rows: number;
}

/**
 * A PostgreSQL database holding the rows of `sqliteFile`. With `keep`, an existing one whose
 * fingerprint (stored as the database's comment) equals `fingerprint` is used as it is.
 */
export async function preparePostgresCopy(options: {
  adminUrl: string;
  sqliteFile: string;
  fingerprint: string;
  keep: boolean;
}): Promise<PostgresCopy> {
  const { adminUrl, sqliteFile, fingerprint, keep } = options;
  const databaseUrl = postgresUrlFor(adminUrl, BENCH_PG_DATABASE);
  const stored = await withClient(adminUrl, async (admin) => {
    const { rows } = await admin.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [BENCH_PG_DATABASE],
    );
    return rows[0] ? (rows[0].comment ?? "") : undefined;
  });
  if (keep && stored === FINGERPRINT_PREFIX + fingerprint) {
    console.log(`Reusing PostgreSQL database ${BENCH_PG_DATABASE} (--keep); copy skipped.`);
    return { databaseUrl, rows: 0 };
  }
  if (keep) {
    const why = stored === undefined ? "does not exist" : "holds another generation";
    console.log(`--keep: PostgreSQL database ${BENCH_PG_DATABASE} ${why}.`);
  }
  console.log(`Copying the organisation into PostgreSQL database ${BENCH_PG_DATABASE} …`);
  const started = performance.now();
  await withClient(adminUrl, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS "${BENCH_PG_DATABASE}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${BENCH_PG_DATABASE}"`);
  });
  migrate(databaseUrl);
  const rows = await withClient(databaseUrl, (client) => copyTables(client, sqliteFile));
  // The fingerprint goes on last: an interrupted copy is never reused.
  await withClient(adminUrl, (admin) =>
    admin.query(
      `COMMENT ON DATABASE "${BENCH_PG_DATABASE}" IS '${FINGERPRINT_PREFIX}${fingerprint}'`,
    ),
  );
  return { databaseUrl, loadMs: performance.now() - started, rows };
}

/** `prisma migrate deploy` on `databaseUrl`; its chatter shown only when it fails. */
function migrate(databaseUrl: string) {
  try {
    execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: "pipe",
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    console.error(`${stdout ?? ""}${stderr ?? ""}`);
    throw new Error(`prisma migrate deploy failed on ${BENCH_PG_DATABASE}`);
  }
}

interface Column {
  table: string;
  name: string;
  /** The PostgreSQL type name: text, timestamp, bool, jsonb, int4, an enum's name, … */
  type: string;
}

async function copyTables(client: pg.Client, sqliteFile: string): Promise<number> {
  const { rows: columns } = await client.query<Column>(
    `SELECT table_name AS "table", column_name AS name, udt_name AS type
       FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'
      ORDER BY table_name, ordinal_position`,
  );
  const tables = new Map<string, Column[]>();
  for (const column of columns)
    tables.set(column.table, [...(tables.get(column.table) ?? []), column]);
  await client.query("SET maintenance_work_mem = '512MB'");
  const rebuild = await dropForeignKeysAndIndexes(client);
  const sqlite = new Database(sqliteFile, { readonly: true, fileMustExist: true });
  let total = 0;
  try {
    for (const [table, tableColumns] of tables) {
      const tableStarted = performance.now();
      const copied = await copyTable(client, sqlite, table, tableColumns);
      total += copied;
      const seconds = ((performance.now() - tableStarted) / 1000).toFixed(1);
      if (copied)
        console.log(
          `  ${table.padEnd(24)}${copied.toLocaleString("en").padStart(10)} rows  ${seconds} s`,
        );
    }
  } finally {
    sqlite.close();
  }
  const rebuildStarted = performance.now();
  for (const statement of rebuild) await client.query(statement);
  await client.query("VACUUM ANALYZE");
  const seconds = ((performance.now() - rebuildStarted) / 1000).toFixed(1);
  console.log(`  indexes, foreign keys and VACUUM ANALYZE  ${seconds} s`);
  return total;
}

/** Drops the foreign keys and the indexes behind no constraint; returns what rebuilds them. */
async function dropForeignKeysAndIndexes(client: pg.Client): Promise<string[]> {
  const { rows: keys } = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT conrelid::regclass::text AS "table", conname AS name,
            pg_get_constraintdef(oid) AS definition
       FROM pg_constraint
      WHERE contype = 'f' AND connamespace = current_schema()::regnamespace`,
  );
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `SELECT indexname AS name, indexdef AS definition
       FROM pg_indexes
      WHERE schemaname = current_schema()
        AND indexname NOT IN (SELECT conname FROM pg_constraint)`,
  );
  for (const key of keys)
    await client.query(`ALTER TABLE ${key.table} DROP CONSTRAINT "${key.name}"`);
  for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`);
  return [
    ...indexes.map((index) => index.definition),
    ...keys.map((key) => `ALTER TABLE ${key.table} ADD CONSTRAINT "${key.name}" ${key.definition}`),
  ];
}

/** Copies one table in batches; the next batch is read from SQLite while one is inserted. */
async function copyTable(
  client: pg.Client,
  sqlite: Database.Database,
  table: string,
  columns: Column[],
): Promise<number> {
  const names = columns.map((column) => `"${column.name}"`).join(", ");
  const arrays = columns.map((column, i) => `$${i + 1}::"${column.type}"[]`).join(", ");
  const insert = `INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${arrays})`;
  const converters = columns.map((column) => converterFor(column.type));
  const read = sqlite.prepare(`SELECT ${names} FROM "${table}" ORDER BY rowid`).raw();
  const emptyBatch = () => columns.map((): unknown[] => []);
  let batch = emptyBatch();
  let count = 0;
  let inserting: Promise<unknown> = Promise.resolve();
  for (const row of read.iterate() as IterableIterator<unknown[]>) {
    row.forEach((value, i) => batch[i]!.push(converters[i]!(value)));
    if (++count % BATCH_ROWS === 0) {
      await inserting;
      inserting = client.query(insert, batch);
      batch = emptyBatch();
    }
  }
  await inserting;
  if (count % BATCH_ROWS) await client.query(insert, batch);
  return count;
}

type Converter = (value: unknown) => unknown;
const asIs: Converter = (value) => value;

/** How a SQLite value becomes a parameter for a PostgreSQL column of `type`. */
function converterFor(type: string): Converter {
  switch (type) {
    case "timestamp":
      // Prisma stores DateTime in UTC in `timestamp` columns: the ISO form without its zone.
      return (value) => (value === null ? null : sqliteInstant(value).toISOString().slice(0, -1));
    case "timestamptz":
      return (value) => (value === null ? null : sqliteInstant(value).toISOString());
    case "bool":
      return (value) => (value === null ? null : Boolean(value));
    default:
      // Text, numbers, JSON text for jsonb and enum values as text need no change.
      return asIs;
  }
}

/** A DateTime as SQLite holds it: epoch milliseconds, or ISO text with or without a zone. */
function sqliteInstant(value: unknown): Date {
  if (typeof value === "number" || typeof value === "bigint") return new Date(Number(value));
  const text = String(value);
  const hasZone = /(Z|[+-]\d\d:?\d\d)$/.test(text);
  const date = new Date(hasZone ? text : `${text.replace(" ", "T")}Z`);
  if (Number.isNaN(date.getTime())) throw new Error(`not a DateTime: ${text}`);
  return date;
}
