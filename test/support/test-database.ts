import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

/*
 * The test databases. SQLite (the default): one migrated base file per run, copied per test
 * file. PostgreSQL (`UPTAKE_TEST_POSTGRES_URL`, a role that may create databases): one
 * migrated template database per run, cloned per test file with CREATE DATABASE … TEMPLATE.
 * Every name carries the run's id, so two runs on one machine never touch each other's.
 */

export const POSTGRES_ADMIN_URL = process.env.UPTAKE_TEST_POSTGRES_URL;
export const TEST_PROVIDER = POSTGRES_ADMIN_URL ? "postgresql" : "sqlite";

// vitest.config.ts names the run's folder; its last part is the run's id.
export const TEST_DB_DIR = path.resolve(process.env.UPTAKE_TEST_DB_DIR ?? "test/.db/run");
const RUN_ID = path.basename(TEST_DB_DIR).replace(/\W/g, "_").toLowerCase();
export const BASE_DB = path.join(TEST_DB_DIR, "base.db");
const PG_PREFIX = `uptake_test_${RUN_ID}`;
export const PG_TEMPLATE = `${PG_PREFIX}_template`;

/** The admin URL with another database name. */
export function postgresUrlFor(database: string): string {
  const url = new URL(POSTGRES_ADMIN_URL!);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs `sql` on the admin connection (CREATE/DROP DATABASE cannot run in a transaction). */
export async function onPostgresAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh copy of the migrated base database, as a DATABASE_URL. */
export async function freshDatabaseUrl(): Promise<string> {
  const id = crypto.randomUUID().replace(/-/g, "").slice(0, 16);
  if (TEST_PROVIDER === "postgresql") {
    const name = `${PG_PREFIX}_${id}`;
    await onPostgresAdmin(`CREATE DATABASE "${name}" TEMPLATE "${PG_TEMPLATE}"`);
    return postgresUrlFor(name);
  }
  const file = path.join(TEST_DB_DIR, `${id}.db`);
  fs.copyFileSync(BASE_DB, file);
  return `file:${file}`;
}

/** Removes a database freshDatabaseUrl made. */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  if (databaseUrl.startsWith("file:")) {
    const file = databaseUrl.slice("file:".length);
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
    return;
  }
  const name = new URL(databaseUrl).pathname.slice(1);
  await dropPostgresDatabase((sql) => onPostgresAdmin(sql), name);
}

/*
 * DROP … WITH (FORCE) refuses while an autovacuum worker is on the database (PostgreSQL 15
 * counts it as another role's backend we may not terminate); the worker leaves within moments,
 * so the drop is retried briefly rather than failing the test file that just passed.
 */
async function dropPostgresDatabase(run: (sql: string) => Promise<unknown>, name: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      await run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      return;
    } catch (error) {
      const busyWithAnotherRole = (error as { code?: string }).code === "42501";
      if (!busyWithAnotherRole || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** Drops every database of this run (the template last). */
export async function dropRunDatabases(): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname = $2, datname",
      [`${PG_PREFIX}\\_%`, PG_TEMPLATE],
    );
    for (const { datname } of rows) await dropPostgresDatabase((sql) => client.query(sql), datname);
  } finally {
    await client.end();
  }
}
