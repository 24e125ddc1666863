import crypto from "node:crypto";
import fs from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { pgPoolConfig } from "~/lib/pg-adapter.server";
import { sqliteFilePath } from "~/lib/sqlite-adapter.server";
import { TEST_PROVIDER, freshDatabaseUrl } from "./test-database";

// Backup tests on both providers: what a database holds (a checksum per table), new databases
// to restore into (under this run's names, dropped after), and databases a backup of which
// cannot be restored.

export type TableChecksums = Record<string, { rows: number; sha256: string }>;

const onPostgres = TEST_PROVIDER === "postgresql";
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

const postgresSchema = (databaseUrl: string) => pgPoolConfig(databaseUrl).schema ?? "public";

async function withPostgres<T>(databaseUrl: string, run: (client: pg.Client) => Promise<T>) {
  const { schema: _schema, ...config } = pgPoolConfig(databaseUrl);
  const client = new pg.Client(config);
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * SQLite: every row, sorted by all its columns (VACUUM may renumber rowids, so rowid order
 * is not the data's), hashed.
 */
function sqliteChecksums(databaseUrl: string): TableChecksums {
  const db = new Database(sqliteFilePath(databaseUrl), { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[];
    const result: TableChecksums = {};
    for (const { name } of tables) {
      const columns = (db.pragma(`table_info(${quote(name)})`) as unknown[]).length;
      const order = Array.from({ length: columns }, (_, index) => index + 1).join(", ");
      const rows = db
        .prepare(`SELECT * FROM ${quote(name)} ORDER BY ${order}`)
        .raw()
        .all();
      const sha256 = crypto.createHash("sha256").update(JSON.stringify(rows)).digest("hex");
      result[name] = { rows: rows.length, sha256 };
    }
    return result;
  } finally {
    db.close();
  }
}

/** PostgreSQL: the md5 of every row's text form, in the order of that text. */
function postgresChecksums(databaseUrl: string): Promise<TableChecksums> {
  const schema = postgresSchema(databaseUrl);
  return withPostgres(databaseUrl, async (client) => {
    const { rows: tables } = await client.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables " +
        "WHERE table_schema = $1 AND table_type = 'BASE TABLE'",
      [schema],
    );
    const result: TableChecksums = {};
    for (const { name } of tables) {
      const { rows } = await client.query<{ rows: number; sum: string }>(
        "SELECT CAST(COUNT(*) AS INTEGER) AS rows, " +
          "md5(COALESCE(string_agg(CAST(t AS TEXT), E'\\n' ORDER BY CAST(t AS TEXT)), '')) AS sum " +
          `FROM ${quote(schema)}.${quote(name)} t`,
      );
      result[name] = { rows: rows[0]!.rows, sha256: rows[0]!.sum };
    }
    return result;
  });
}

/** Per table of the database: its row count and a checksum of all its rows. */
export const tableChecksums = (databaseUrl: string): Promise<TableChecksums> =>
  onPostgres ? postgresChecksums(databaseUrl) : Promise.resolve(sqliteChecksums(databaseUrl));

/** The URL of a database beside `liveUrl`'s that does not exist yet (a restore's `--to`). */
export function newDatabaseUrl(liveUrl: string, label: string): string {
  if (!onPostgres) return `file:${sqliteFilePath(liveUrl)}-${label}.db`;
  const url = new URL(liveUrl);
  // The live database's name starts with this run's prefix: the run's clean-up finds it.
  url.pathname = `${url.pathname}_${label.replace(/\W/g, "_")}`;
  return url.toString();
}

/** Where an in-place restore kept the database it replaced (a file, or a database name). */
export function keptDatabaseUrl(liveUrl: string, kept: string): string {
  if (!onPostgres) return `file:${kept}`;
  const url = new URL(liveUrl);
  url.pathname = `/${encodeURIComponent(kept)}`;
  return url.toString();
}

const maintenanceUrl = (databaseUrl: string) => keptDatabaseUrl(databaseUrl, "postgres");

export async function databaseExists(databaseUrl: string): Promise<boolean> {
  if (!onPostgres) return fs.existsSync(sqliteFilePath(databaseUrl));
  const { rowCount } = await withPostgres(maintenanceUrl(databaseUrl), (client) =>
    client.query("SELECT 1 FROM pg_database WHERE datname = $1", [
      pgPoolConfig(databaseUrl).database,
    ]),
  );
  return (rowCount ?? 0) > 0;
}

/** An empty database (PostgreSQL) or file (SQLite) at `databaseUrl`. */
export async function createEmptyDatabase(databaseUrl: string): Promise<void> {
  if (!onPostgres) {
    fs.writeFileSync(sqliteFilePath(databaseUrl), "");
    return;
  }
  const name = pgPoolConfig(databaseUrl).database!;
  await withPostgres(maintenanceUrl(databaseUrl), (client) =>
    client.query(`CREATE DATABASE ${quote(name)}`),
  );
}

/**
 * The scratch databases (PostgreSQL) or files (SQLite) a verification or restore of a
 * backup of `liveUrl`, or of a database beside it, left behind.
 */
export async function leftoverScratches(liveUrl: string, dir: string): Promise<string[]> {
  if (!onPostgres) return fs.readdirSync(dir).filter((name) => name.startsWith(".scratch"));
  const live = pgPoolConfig(liveUrl).database!;
  const { rows } = await withPostgres(maintenanceUrl(liveUrl), (client) =>
    client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE starts_with(datname, $1) AND datname LIKE $2",
      [live.slice(0, 30), "%\\_scratch\\_%"],
    ),
  );
  return rows.map((row) => row.datname);
}

/** Another process's connection to the database (a psql or sqlite3 shell, a second server). */
export async function openConnection(databaseUrl: string): Promise<() => Promise<void>> {
  if (!onPostgres) {
    const db = new Database(sqliteFilePath(databaseUrl), { fileMustExist: true });
    db.prepare("SELECT COUNT(*) FROM _prisma_migrations").get();
    return async () => {
      db.close();
    };
  }
  const { schema: _schema, ...config } = pgPoolConfig(databaseUrl);
  const client = new pg.Client(config);
  await client.connect();
  return () => client.end();
}

/** What the restore says while another connection has the database open. */
export const IN_USE = onPostgres ? /has \d+ other connection/ : /is open in another process/;
/** The first bytes of a plain (unencrypted) backup file. */
export const PLAIN_BACKUP_SIGNATURE = onPostgres ? "PGDMP" : "SQLite format 3";
export const BACKUP_EXTENSION = onPostgres ? ".dump" : ".db";

/**
 * A fresh database whose copy fails verification, and the reason it gives. SQLite: a row
 * breaking a foreign key (written with the check off) fails the integrity check. PostgreSQL:
 * a check constraint calling a function that relies on the search path; pg_dump's script
 * empties the search path, so pg_restore refuses the table's rows (a real way a dump that
 * was made without error does not restore).
 */
export async function unrestorableDatabase(): Promise<{ databaseUrl: string; reason: RegExp }> {
  const databaseUrl = await freshDatabaseUrl();
  if (!onPostgres) {
    const db = new Database(sqliteFilePath(databaseUrl));
    try {
      db.pragma("foreign_keys = OFF");
      db.prepare('INSERT INTO "DepartmentManager" ("userId", "departmentId") VALUES (?, ?)').run(
        "no-such-user",
        "no-such-department",
      );
    } finally {
      db.close();
    }
    return {
      databaseUrl,
      reason: /failed verification: foreign key: a row of DepartmentManager/,
    };
  }
  await withPostgres(databaseUrl, (client) =>
    client.query(
      "CREATE FUNCTION migration_count() RETURNS bigint LANGUAGE sql " +
        `AS 'SELECT COUNT(*) FROM "_prisma_migrations"';` +
        'CREATE TABLE "RestoreProbe" ("id" integer, CHECK (migration_count() > 0));' +
        'INSERT INTO "RestoreProbe" VALUES (1);',
    ),
  );
  return {
    databaseUrl,
    reason: /failed verification: pg_restore failed .*relation "_prisma_migrations" does not exist/,
  };
}

/** A folder of its own for one test's backups, removed with the test's database. */
export function backupFolder(label: string): string {
  const dir = `${process.env.BACKUP_DIR}/${label}-${crypto.randomUUID().slice(0, 8)}`;
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Changes one byte in the middle of a file (a disk or a copy that went wrong). */
export function flipByte(file: string, at = Math.floor(fs.statSync(file).size / 2)): void {
  const handle = fs.openSync(file, "r+");
  try {
    const byte = Buffer.alloc(1);
    fs.readSync(handle, byte, 0, 1, at);
    byte[0] = byte[0]! ^ 0xff;
    fs.writeSync(handle, byte, 0, 1, at);
  } finally {
    fs.closeSync(handle);
  }
}

/**
 * PostgreSQL: moves the app's tables of a fresh database into `schema` (as an install that
 * keeps the app in a schema of its own) and returns the URL naming it (`?schema=`).
 */
export async function moveAppToSchema(databaseUrl: string, schema: string): Promise<string> {
  await withPostgres(databaseUrl, (client) =>
    client.query(`ALTER SCHEMA public RENAME TO ${quote(schema)}; CREATE SCHEMA public;`),
  );
  return inSchema(databaseUrl, schema);
}

export function inSchema(databaseUrl: string, schema: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set("schema", schema);
  return url.toString();
}
