import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";

// One folder per test run, so that two runs on one machine (several terminals, CI and a
// developer) never delete each other's databases. vitest.config.ts names it.
export const TEST_DB_DIR = path.resolve(process.env.UPTAKE_TEST_DB_DIR ?? "test/.db/run");
export const BASE_DB = path.join(TEST_DB_DIR, "base.db");

/** Migrates one base database per run; each test file copies it (setup-db.ts). */
export default function setup() {
  fs.rmSync(TEST_DB_DIR, { recursive: true, force: true });
  fs.mkdirSync(TEST_DB_DIR, { recursive: true });
  execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${BASE_DB}` },
    stdio: "pipe",
  });
  // Fold the WAL into the file so a plain copy is complete.
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(BASE_DB + suffix, { force: true });
  return () => fs.rmSync(TEST_DB_DIR, { recursive: true, force: true });
}
