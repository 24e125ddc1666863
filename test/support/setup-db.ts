import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeEach, vi } from "vitest";

// Each test file gets its own copy of the migrated base database.
const dir = path.resolve(process.env.UPTAKE_TEST_DB_DIR ?? "test/.db/run");
const file = path.join(dir, `${crypto.randomUUID()}.db`);
fs.copyFileSync(path.join(dir, "base.db"), file);
process.env.DATABASE_URL = `file:${file}`;
process.env.NODE_ENV = "test";
// Backups a test makes go beside its database; none is made by the jobs unless a test asks.
const backupDir = `${file}-backups`;
process.env.BACKUP_DIR = backupDir;
process.env.BACKUP_SCHEDULE = "off";

let unexpectedErrors: unknown[][] = [];

beforeEach(() => {
  unexpectedErrors = [];
  // An unexpected console.error fails the test that caused it.
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    unexpectedErrors.push(args);
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  if (unexpectedErrors.length > 0) {
    throw new Error(`console.error was called: ${JSON.stringify(unexpectedErrors.map(String))}`);
  }
});

afterAll(async () => {
  const { disconnectDb } = await import("~/lib/db.server");
  await disconnectDb();
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  fs.rmSync(backupDir, { recursive: true, force: true });
});
