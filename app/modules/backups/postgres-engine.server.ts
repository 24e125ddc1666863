import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { pgDatabaseName, pgPoolConfig } from "~/lib/pg-adapter.server";
import type { DatabaseEngine, RestoreTarget, ScratchDatabase } from "./engine.server";
import { BackupError, errorMessage } from "./errors.server";
import type { DatabaseFacts } from "./manifest.server";

// PostgreSQL (decision 024): pg_dump -Fc inside a REPEATABLE READ transaction's exported
// snapshot, so the row counts in the manifest are those of the dump; scratch databases are
// created beside the target (CREATE DATABASE needs the CREATEDB privilege) and filled with
// pg_restore. The client tools come from the `postgresql-client` package.

const TOOLS_MISSING =
  "was not found. PostgreSQL backups need the PostgreSQL client tools (pg_dump, pg_restore): " +
  "install the postgresql-client package (Debian/Ubuntu: apt-get install postgresql-client), " +
  "of the server's major version or newer.";

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

const databaseName = pgDatabaseName;

/** The app's tables live in the URL's `?schema=` (Prisma's parameter), `public` by default. */
const appSchema = (url: string) => pgPoolConfig(url).schema || "public";

function withDatabase(url: string, name: string): string {
  const next = new URL(url);
  next.pathname = `/${encodeURIComponent(name)}`;
  return next.toString();
}

/** The URL's connection as libpq's environment: no password on a command line. */
function libpqEnv(url: string): NodeJS.ProcessEnv {
  const parsed = new URL(url);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PGHOST: decodeURIComponent(parsed.hostname) || "localhost",
    PGPORT: parsed.port || "5432",
    PGDATABASE: databaseName(url),
  };
  if (parsed.username) env.PGUSER = decodeURIComponent(parsed.username);
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password);
  const sslmode = parsed.searchParams.get("sslmode");
  if (sslmode) env.PGSSLMODE = sslmode;
  const host = parsed.searchParams.get("host");
  if (host) env.PGHOST = host;
  return env;
}

/** The connection settings the app itself uses (lib/pg-adapter.server.ts), without `schema`. */
function clientConfig(url: string): pg.ClientConfig {
  const config = pgPoolConfig(url);
  delete config.schema;
  return config;
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(clientConfig(url));
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Administrative statements run from the maintenance database, never the one they change. */
const withAdmin = <T>(url: string, run: (client: pg.Client) => Promise<T>) =>
  withClient(withDatabase(url, "postgres"), run);

function runTool(command: string, args: string[], url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: libpqEnv(url), stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "ENOENT" ? new BackupError(`${command} ${TOOLS_MISSING}`) : error),
    );
    child.on("close", (code) =>
      code === 0
        ? resolve()
        : reject(new BackupError(`${command} failed (exit ${code}): ${stderr.trim().slice(-800)}`)),
    );
  });
}

/** Row counts of the app's tables (in `schema`) and the latest finished migration. */
async function readPostgresFacts(client: pg.Client, schema: string): Promise<DatabaseFacts> {
  const { rows } = await client.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables " +
      "WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name",
    [schema],
  );
  const table = (name: string) => `${quote(schema)}.${quote(name)}`;
  const tables: Record<string, number> = {};
  for (const { name } of rows) {
    const count = await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table(name)}`);
    tables[name] = Number(count.rows[0]?.n ?? 0);
  }
  const latest = rows.some((row) => row.name === "_prisma_migrations")
    ? await client.query<{ name: string }>(
        `SELECT "migration_name" AS name FROM ${table("_prisma_migrations")} ` +
          'WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL ' +
          'ORDER BY "migration_name" DESC LIMIT 1',
      )
    : { rows: [] };
  return { tables, schemaVersion: latest.rows[0]?.name ?? "none" };
}

const factsOf = (url: string) =>
  withClient(url, (client) => readPostgresFacts(client, appSchema(url)));

const otherSessions = (url: string) =>
  withAdmin(url, async (client) => {
    const { rows } = await client.query<{ n: string }>(
      "SELECT COUNT(*) AS n FROM pg_stat_activity " +
        "WHERE datname = $1 AND backend_type = 'client backend' AND pid <> pg_backend_pid()",
      [databaseName(url)],
    );
    return Number(rows[0]?.n ?? 0);
  });

/** How long a session that has just disconnected may still be listed while it exits. */
const SESSION_EXIT_WAIT_MS = 2000;

/** Refuses while any client session other than ours is connected to the database. */
export async function assertPostgresNotInUse(url: string): Promise<void> {
  const deadline = Date.now() + SESSION_EXIT_WAIT_MS;
  let others = await otherSessions(url);
  while (others > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    others = await otherSessions(url);
  }
  if (others > 0) {
    throw new BackupError(
      `The database ${databaseName(url)} has ${others} other connection(s) (is the server running?). ` +
        "Stop every app server first, or restore into a new database with --to postgresql://…/NEWDB.",
    );
  }
}

async function databaseExists(url: string): Promise<boolean> {
  const { rowCount } = await withAdmin(url, (client) =>
    client.query("SELECT 1 FROM pg_database WHERE datname = $1", [databaseName(url)]),
  );
  return (rowCount ?? 0) > 0;
}

const stamp = () =>
  new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").toLowerCase();

async function promotePostgres(scratchUrl: string, target: RestoreTarget): Promise<string | null> {
  const scratch = databaseName(scratchUrl);
  const name = databaseName(target.databaseUrl);
  const schema = appSchema(target.databaseUrl);
  await withClient(scratchUrl, async (client) => {
    const facts = await readPostgresFacts(client, schema);
    if ("BackupLock" in facts.tables) {
      await client.query(`DELETE FROM ${quote(schema)}.${quote("BackupLock")}`);
    }
  });
  let kept: string | null = null;
  if (target.inPlace && (await databaseExists(target.databaseUrl))) {
    await assertPostgresNotInUse(target.databaseUrl);
    kept = `${name.slice(0, 30)}_before_restore_${stamp()}`;
    // RENAME itself refuses while anyone is connected: a server that started since the
    // check above makes this fail instead of losing its writes.
    await withAdmin(target.databaseUrl, (client) =>
      client.query(`ALTER DATABASE ${quote(name)} RENAME TO ${quote(kept!)}`),
    );
  } else if (await databaseExists(target.databaseUrl)) {
    throw new BackupError(`The database ${name} exists already: restore into a new database.`);
  }
  await withAdmin(target.databaseUrl, (client) =>
    client.query(`ALTER DATABASE ${quote(scratch)} RENAME TO ${quote(name)}`),
  );
  return kept;
}

async function createScratch(url: string, scratch: string): Promise<void> {
  try {
    await withAdmin(url, (client) => client.query(`CREATE DATABASE ${quote(scratch)}`));
  } catch (error) {
    throw new BackupError(
      `Could not create the scratch database ${scratch}: ${errorMessage(error)}. ` +
        "Verifying and restoring need a role with CREATEDB and the postgres maintenance database.",
    );
  }
}

/**
 * pg_restore in one transaction (which stops at the first error): constraints are created
 * after the data, so a row breaking one fails the restore, and a failed restore leaves an
 * empty database. Returns pg_restore's complaint, empty when it restored.
 */
async function restoreInto(scratch: string, dump: string, url: string): Promise<string[]> {
  try {
    await runTool(
      "pg_restore",
      ["--single-transaction", "--no-owner", "--no-privileges", "-d", scratch, dump],
      url,
    );
    return [];
  } catch (error) {
    if (!(error instanceof BackupError) || error.message.includes(TOOLS_MISSING)) throw error;
    return [error.message];
  }
}

export const postgresEngine: DatabaseEngine = {
  provider: "POSTGRESQL",
  extension: ".dump",

  async snapshot(databaseUrl, file) {
    return withClient(databaseUrl, async (client) => {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      try {
        const { rows } = await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id");
        const facts = await readPostgresFacts(client, appSchema(databaseUrl));
        const snapshot = rows[0]?.id ?? "";
        await runTool("pg_dump", ["-Fc", `--snapshot=${snapshot}`, "-f", file], databaseUrl);
        return facts;
      } finally {
        await client.query("COMMIT");
      }
    });
  },

  exists: databaseExists,
  assertNotInUse: assertPostgresNotInUse,

  async loadScratch(materialize, { databaseUrl }) {
    const scratch = `${databaseName(databaseUrl).slice(0, 30)}_scratch_${crypto.randomBytes(6).toString("hex")}`;
    const scratchUrl = withDatabase(databaseUrl, scratch);
    const dump = path.join(os.tmpdir(), `uptake-${scratch}.dump`);
    const drop = () =>
      withAdmin(databaseUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${quote(scratch)}`),
      ).then(() => undefined);
    try {
      await materialize(dump);
      await createScratch(databaseUrl, scratch);
      try {
        const problems = await restoreInto(scratch, dump, databaseUrl);
        const facts =
          problems.length > 0 ? { tables: {}, schemaVersion: "none" } : await factsOf(scratchUrl);
        const loaded: ScratchDatabase = {
          facts,
          problems,
          drop,
          promote: (target) => promotePostgres(scratchUrl, target),
        };
        return loaded;
      } catch (error) {
        await drop();
        throw error;
      }
    } finally {
      await fs.promises.rm(dump, { force: true });
    }
  },
};
