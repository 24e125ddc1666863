// Staff working at once against the clustered server (npm run bench:load; issue 13, item 6).
//
//   npm run bench:load -- [--clients 100] [--hr 5] [--seconds 60] [--workers N]
//        [--think-ms 1000] [--probe-ms 250] [--postgres [--postgres-url URL]]
//
// Builds if stale; migrates and seeds a fresh demo database (SQLite in a temporary folder,
// or with --postgres a new PostgreSQL database made through --postgres-url, else
// UPTAKE_TEST_POSTGRES_URL, else the local role, and dropped afterwards); adds --clients
// staff, --hr of them in HR (load-setup.ts); starts scripts/server.mjs with --workers
// processes (default: one per core) and runs the clients (load-clients.mjs, a separate
// process) for --seconds. Then it checks that every acknowledged write is in the database
// (load-verify.ts) and reads the server's log: every 5xx it holds, and whether an error line
// explains each. Prints the figures against the targets: 0 errors, p99 < 2 s, a new
// connection's first byte p99 < 1 s, no lost writes. Exits non-zero when a target is missed
// by errors or lost writes (those are bugs); latency misses are reported only.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { root } from "../lib.mjs";
import {
  benchDir,
  ensureBuild,
  migrateAndSeed,
  runTsxForJson,
  serverEnv,
  startServer,
} from "./bench-server.mjs";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "100" },
    hr: { type: "string", default: "5" },
    seconds: { type: "string", default: "60" },
    workers: { type: "string", default: String(os.availableParallelism()) },
    "think-ms": { type: "string", default: "1000" },
    "probe-ms": { type: "string", default: "250" },
    postgres: { type: "boolean", default: false },
    "postgres-url": { type: "string" },
  },
});
const CLIENTS = Number(values.clients);
const HR_CLIENTS = Math.min(Number(values.hr), CLIENTS);
const SECONDS = Number(values.seconds);
const WORKERS = Number(values.workers);
const TARGETS = { p99Ms: 2000, firstByteP99Ms: 1000 };
for (const [name, value] of Object.entries({ CLIENTS, SECONDS, WORKERS })) {
  if (!(value > 0)) throw new Error(`--${name.toLowerCase()} must be a positive number`);
}

/** A fresh PostgreSQL database: its URL and how to drop it. */
async function freshPostgres() {
  const adminUrl =
    values["postgres-url"] ??
    process.env.UPTAKE_TEST_POSTGRES_URL ??
    "postgresql://uptake:uptake@localhost:5432/uptake";
  const name = `uptake_bench_load_${crypto.randomBytes(6).toString("hex")}`;
  const onAdmin = async (sql) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await onAdmin(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** The server log's 5xx answers and its error lines that are not request lines. */
function readServerLog(logFile) {
  const serverErrors = { fiveXx: 0, errorLines: 0, samples: [] };
  for (const line of fs.readFileSync(logFile, "utf8").split("\n")) {
    let entry;
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    if (entry.msg === "request" && entry.status >= 500) serverErrors.fiveXx++;
    // The server writes pino's level names ("error"), not its numbers.
    else if (entry.level === "error" || entry.level === "fatal" || entry.level >= 50) {
      serverErrors.errorLines++;
      if (serverErrors.samples.length < 5) serverErrors.samples.push(line.slice(0, 300));
    }
  }
  return serverErrors;
}

const ms = (n) => `${Math.round(n)} ms`.padStart(9);
const verdict = (ok) => (ok ? "met" : "NOT MET");

function printFigures(result, verified, serverLog) {
  const errorCount = Object.values(result.errors).reduce((sum, n) => sum + n, 0);
  const lost = Object.values(verified).reduce((sum, v) => sum + v.missing, 0);
  console.log(`\n${result.requests} requests in ${result.elapsed.toFixed(0)} s`);
  console.log("  action                    count      p50      p99");
  for (const [action, s] of Object.entries(result.byAction).sort()) {
    console.log(`  ${action.padEnd(24)}${String(s.count).padStart(6)}${ms(s.p50)}${ms(s.p99)}`);
  }
  console.log("\nErrors (5xx, network errors, 4xx a correct client does not get):");
  for (const [key, count] of Object.entries(result.errors)) console.log(`  ${count} × ${key}`);
  for (const sample of result.errorSamples.slice(0, 5)) console.log(`    e.g. ${sample}`);
  console.log("\nAcknowledged writes found afterwards:");
  for (const [kind, v] of Object.entries(verified)) {
    console.log(`  ${kind.padEnd(8)} ${v.checked - v.missing} of ${v.checked}`);
    for (const example of v.examples) console.log(`    missing: ${example}`);
  }
  const unexplained = Math.max(0, serverLog.fiveXx - serverLog.errorLines);
  console.log(
    `\nServer log: ${serverLog.fiveXx} answers 5xx, ${serverLog.errorLines} error lines besides ` +
      `request lines; ${unexplained} 5xx with no error line of their own`,
  );
  for (const sample of serverLog.samples) console.log(`    ${sample}`);
  const { latency, firstByte } = result;
  console.log("\nAgainst the targets:");
  console.log(
    `  errors                 ${String(errorCount).padStart(6)}   (0)       ${verdict(errorCount === 0)}`,
  );
  console.log(
    `  lost writes            ${String(lost).padStart(6)}   (0)       ${verdict(lost === 0)}`,
  );
  console.log(
    `  5xx in the server log  ${String(serverLog.fiveXx).padStart(6)}   (0)       ${verdict(serverLog.fiveXx === 0)}`,
  );
  console.log(`  latency p50            ${ms(latency.p50)}`);
  console.log(
    `  latency p99            ${ms(latency.p99)}   (< 2 s)   ${verdict(latency.p99 < TARGETS.p99Ms)}`,
  );
  console.log(
    `  first byte p50 / p99   ${ms(firstByte.p50)} / ${ms(firstByte.p99).trim()}   (p99 < 1 s, ` +
      `${firstByte.count} fresh connections, ${firstByte.errors} errors)   ` +
      verdict(firstByte.p99 < TARGETS.firstByteP99Ms && firstByte.errors === 0),
  );
  return errorCount + lost + serverLog.fiveXx + firstByte.errors === 0;
}

async function main(dir, databaseUrl) {
  const env = serverEnv(databaseUrl);
  migrateAndSeed(env);
  const { password, accounts } = runTsxForJson(
    "scripts/bench/load-setup.ts",
    [String(CLIENTS), String(HR_CLIENTS)],
    env,
  );
  const server = await startServer({
    env,
    processes: WORKERS,
    logFile: path.join(dir, "server.log"),
  });
  const inputFile = path.join(dir, "input.json");
  const resultFile = path.join(dir, "result.json");
  try {
    fs.writeFileSync(
      inputFile,
      JSON.stringify({
        origin: server.origin,
        seconds: SECONDS,
        thinkMs: Number(values["think-ms"]),
        probeEveryMs: Number(values["probe-ms"]),
        password,
        accounts,
      }),
    );
    const clients = path.join(root, "scripts/bench/load-clients.mjs");
    execFileSync(process.execPath, [clients, inputFile, resultFile], { stdio: "inherit" });
  } finally {
    await server.stop();
  }
  const result = JSON.parse(fs.readFileSync(resultFile, "utf8"));
  const verified = runTsxForJson("scripts/bench/load-verify.ts", [resultFile], env);
  return printFigures(result, verified, readServerLog(server.logFile));
}

ensureBuild();
const dir = benchDir("load");
const postgres = values.postgres ? await freshPostgres() : undefined;
console.log(
  `${CLIENTS} clients (${HR_CLIENTS} HR) for ${SECONDS} s, think time 0–${2 * Number(values["think-ms"])} ms, ` +
    `${WORKERS} server processes, ${postgres ? "PostgreSQL" : "SQLite"}; ` +
    `${os.availableParallelism()} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
);
let clean;
try {
  clean = await main(dir, postgres?.url ?? `file:${path.join(dir, "bench.db")}`);
} finally {
  await postgres?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log(`\nload average now ${os.loadavg()[0].toFixed(1)} (other work on the machine counts)`);
process.exit(clean ? 0 : 1);
