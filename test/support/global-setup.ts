import fs from "node:fs";
import { execFileSync } from "node:child_process";
import {
  BASE_DB,
  PG_TEMPLATE,
  TEST_DB_DIR,
  TEST_PROVIDER,
  dropRunDatabases,
  onPostgresAdmin,
  postgresUrlFor,
} from "./test-database";

const migrate = (DATABASE_URL: string) =>
  execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL },
    stdio: "pipe",
  });

/** Migrates one base database (SQLite) or template (PostgreSQL) per run (test-database.ts). */
export default async function setup() {
  fs.rmSync(TEST_DB_DIR, { recursive: true, force: true });
  fs.mkdirSync(TEST_DB_DIR, { recursive: true });
  if (TEST_PROVIDER === "postgresql") {
    await dropRunDatabases();
    await onPostgresAdmin(`CREATE DATABASE "${PG_TEMPLATE}"`);
    migrate(postgresUrlFor(PG_TEMPLATE));
    return async () => {
      await dropRunDatabases();
      fs.rmSync(TEST_DB_DIR, { recursive: true, force: true });
    };
  }
  migrate(`file:${BASE_DB}`);
  // Fold the WAL into the file so a plain copy is complete.
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(BASE_DB + suffix, { force: true });
  return () => fs.rmSync(TEST_DB_DIR, { recursive: true, force: true });
}
