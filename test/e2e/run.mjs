// `npm run test:e2e`: builds if needed, starts the production server on a fresh demo
// database in a temporary folder, runs the browser tests, stops the server. With
// UPTAKE_TEST_POSTGRES_URL (a role that may create databases) the database is a fresh
// PostgreSQL one instead (`npm run test:e2e:pg`), dropped at the end.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { buildIsStale } from "../../scripts/lib.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uptake-e2e-"));
const postgresAdminUrl = process.env.UPTAKE_TEST_POSTGRES_URL;
const postgresDatabase = `uptake_e2e_${process.pid}`;

async function onPostgres(sql) {
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let databaseUrl = `file:${path.join(dir, "e2e.db")}`;
if (postgresAdminUrl) {
  await onPostgres(`DROP DATABASE IF EXISTS "${postgresDatabase}" WITH (FORCE)`);
  await onPostgres(`CREATE DATABASE "${postgresDatabase}"`);
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${postgresDatabase}`;
  databaseUrl = url.toString();
}

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function step(command, args, env = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (buildIsStale()) step("npm", ["run", "build"]);
// Jobs off: the browser tests see exactly the seeded state.
const env = {
  DATABASE_URL: databaseUrl,
  UPTAKE_DEMO: "on",
  UPTAKE_JOBS: "off",
  // "Back up now" in backups.e2e.ts writes here, not into the worktree.
  BACKUP_DIR: path.join(dir, "backups"),
  NODE_ENV: "production",
  // webhooks.e2e.ts receives its deliveries on 127.0.0.1.
  WEBHOOK_ALLOW_PRIVATE: "on",
  // Production refuses two-factor without a key; the browser tests enrol (two-factor.e2e.ts).
  UPTAKE_SECRET_KEY: process.env.UPTAKE_SECRET_KEY ?? "e2e-only-secret-key-0123456789abcdef",
};
step(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], env);
step(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/seed.ts"], env);

const port = await freePort();
const baseUrl = `http://localhost:${port}`;
const logFile = path.join(dir, "server.log");
const log = fs.openSync(logFile, "a");
const server = spawn(process.execPath, ["scripts/server.mjs"], {
  cwd: root,
  env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
  stdio: ["ignore", log, log],
});

let exitCode = 1;
try {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || server.exitCode !== null) throw new Error("server did not start");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const tests = spawnSync(
    process.execPath,
    [
      "node_modules/vitest/vitest.mjs",
      "run",
      "--config",
      "vitest.e2e.config.ts",
      ...process.argv.slice(2),
    ],
    { cwd: root, stdio: "inherit", env: { ...process.env, ...env, E2E_BASE_URL: baseUrl } },
  );
  exitCode = tests.status ?? 1;
} catch (error) {
  console.error(error);
} finally {
  server.kill("SIGTERM");
  if (exitCode !== 0) {
    console.error(`\n--- server log (${logFile}) ---`);
    console.error(fs.readFileSync(logFile, "utf8").split("\n").slice(-40).join("\n"));
  }
}
fs.rmSync(dir, { recursive: true, force: true });
if (postgresAdminUrl) {
  if (server.exitCode === null) await new Promise((resolve) => server.once("exit", resolve));
  await onPostgres(`DROP DATABASE IF EXISTS "${postgresDatabase}" WITH (FORCE)`);
}
process.exit(exitCode);
