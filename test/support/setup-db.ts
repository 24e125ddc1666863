import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeEach, vi } from "vitest";
import { TEST_DB_DIR, dropDatabase, freshDatabaseUrl } from "./test-database";

// Each test file gets its own copy of the migrated base database (test-database.ts).
const databaseUrl = await freshDatabaseUrl();
process.env.DATABASE_URL = databaseUrl;
process.env.NODE_ENV = "test";
// Backups a test makes go beside its database; none is made by the jobs unless a test asks.
const backupDir = path.join(TEST_DB_DIR, `backups-${crypto.randomUUID()}`);
process.env.BACKUP_DIR = backupDir;
process.env.BACKUP_SCHEDULE = "off";
// Webhook tests post to receivers on 127.0.0.1; the SSRF tests turn the check on per call.
process.env.WEBHOOK_ALLOW_PRIVATE = "on";
// Domain events reach their subscribers (points, badges) as in the server.
await import("~/subscribers.server");

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
  await dropDatabase(databaseUrl);
  fs.rmSync(backupDir, { recursive: true, force: true });
});
