import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { sqliteFilePath } from "~/lib/sqlite-adapter.server";
import type { DatabaseEngine, RestoreTarget, ScratchDatabase } from "./engine.server";
import { BackupError, errorMessage } from "./errors.server";
import type { DatabaseFacts } from "./manifest.server";

// SQLite (decision 024): `VACUUM INTO` on a connection of its own copies one read
// transaction's view of the file while the app keeps writing; the copy is then a complete
// database in a single file (rollback journal, no WAL beside it).

const LATEST_MIGRATION =
  'SELECT "migration_name" AS name FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL ' +
  'AND "rolled_back_at" IS NULL ORDER BY "migration_name" DESC LIMIT 1';

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

function tableNames(db: Database.Database): string[] {
  const rows = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
    )
    .all() as { name: string }[];
  return rows.map((row) => row.name);
}

export function readSqliteFacts(db: Database.Database): DatabaseFacts {
  const tables: Record<string, number> = {};
  const names = tableNames(db);
  for (const name of names) {
    tables[name] = (
      db.prepare(`SELECT COUNT(*) AS n FROM ${quote(name)}`).get() as { n: number }
    ).n;
  }
  const latest = names.includes("_prisma_migrations")
    ? (db.prepare(LATEST_MIGRATION).get() as { name: string } | undefined)
    : undefined;
  return { tables, schemaVersion: latest?.name ?? "none" };
}

/** integrity_check and foreign_key_check: what they report, empty when the file is sound. */
function integrityProblems(db: Database.Database): string[] {
  const integrity = db.pragma("integrity_check") as { integrity_check: string }[];
  const problems = integrity.map((row) => row.integrity_check).filter((line) => line !== "ok");
  const foreign = db.pragma("foreign_key_check") as { table: string; parent: string }[];
  for (const row of foreign.slice(0, 20)) {
    problems.push(`foreign key: a row of ${row.table} points to a missing ${row.parent}`);
  }
  return problems;
}

const NOT_STOPPED =
  "is open in another process (is the server or `npm run jobs` running?). Stop it first, " +
  "or restore into a new file with --to file:PATH.";

/**
 * Takes the file's exclusive lock for a moment: any process with the database open (the
 * server, the jobs, a sqlite3 shell) holds a shared lock in WAL mode, so this fails while
 * one runs. On success, folds the WAL into the file so it can be moved on its own.
 */
export function assertSqliteNotInUse(file: string): void {
  const probe = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    probe.pragma("locking_mode = EXCLUSIVE");
    probe.exec("BEGIN EXCLUSIVE; COMMIT;");
    probe.pragma("wal_checkpoint(TRUNCATE)");
    probe.pragma("journal_mode = DELETE");
  } catch (error) {
    if (/locked|busy/i.test(errorMessage(error))) {
      throw new BackupError(`The database ${file} ${NOT_STOPPED}`);
    }
    throw error;
  } finally {
    probe.close();
  }
}

const stamp = () => new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "");

async function promoteSqlite(scratchFile: string, target: RestoreTarget): Promise<string | null> {
  const targetFile = sqliteFilePath(target.databaseUrl);
  const db = new Database(scratchFile);
  try {
    // The lock row of the backup that made this copy belongs to a process long gone.
    if (tableNames(db).includes("BackupLock")) db.exec('DELETE FROM "BackupLock"');
    db.pragma("journal_mode = WAL");
  } finally {
    db.close();
  }
  let kept: string | null = null;
  if (target.inPlace && fs.existsSync(targetFile)) {
    assertSqliteNotInUse(targetFile);
    kept = `${targetFile}.before-restore-${stamp()}`;
    await fs.promises.rename(targetFile, kept);
    for (const suffix of ["-wal", "-shm"])
      await fs.promises.rm(targetFile + suffix, { force: true });
  } else if (fs.existsSync(targetFile)) {
    throw new BackupError(`${targetFile} exists already: restore into a new file.`);
  }
  await fs.promises.mkdir(path.dirname(targetFile), { recursive: true });
  await fs.promises.rename(scratchFile, targetFile);
  return kept;
}

function openScratch(file: string): ScratchDatabase {
  let facts: DatabaseFacts = { tables: {}, schemaVersion: "none" };
  let problems: string[];
  try {
    const db = new Database(file, { fileMustExist: true });
    try {
      problems = integrityProblems(db);
      facts = readSqliteFacts(db);
    } finally {
      db.close();
    }
  } catch (error) {
    problems = [`not a readable SQLite database: ${errorMessage(error)}`];
  }
  const drop = async () => {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) {
      await fs.promises.rm(file + suffix, { force: true });
    }
  };
  return { facts, problems, drop, promote: (target) => promoteSqlite(file, target) };
}

export const sqliteEngine: DatabaseEngine = {
  provider: "SQLITE",
  extension: ".db",

  async snapshot(databaseUrl, file) {
    const source = new Database(sqliteFilePath(databaseUrl), {
      fileMustExist: true,
      timeout: 5000,
    });
    try {
      source.prepare("VACUUM INTO ?").run(file);
    } finally {
      source.close();
    }
    const copy = new Database(file, { fileMustExist: true });
    try {
      copy.pragma("journal_mode = DELETE");
      return readSqliteFacts(copy);
    } finally {
      copy.close();
    }
  },

  async exists(databaseUrl) {
    return fs.existsSync(sqliteFilePath(databaseUrl));
  },

  async assertNotInUse(databaseUrl) {
    assertSqliteNotInUse(sqliteFilePath(databaseUrl));
  },

  async loadScratch(materialize, { scratchDir }) {
    await fs.promises.mkdir(scratchDir, { recursive: true });
    const file = path.join(scratchDir, `.scratch-${crypto.randomUUID()}.db`);
    try {
      await materialize(file);
    } catch (error) {
      await fs.promises.rm(file, { force: true });
      throw error;
    }
    return openScratch(file);
  },
};
