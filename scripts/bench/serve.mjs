// The sign-in page served by one process and by the cluster, side by side (npm run bench:serve).
//
//   npm run bench:serve -- [--seconds 10] [--connections 50] [--rounds 2] [--workers 2]
//
// Builds if the sources changed, migrates and seeds a fresh demo database in a temporary
// folder, then alternates WEB_CONCURRENCY=1 and WEB_CONCURRENCY=--workers on it, --rounds
// times each (alternating evens out other work on the machine), loading GET /login over
// --connections keep-alive connections for --seconds after a short warm-up. The load comes
// from a separate process (pages-load.mjs) on the same cores: it competes with the server for
// CPU, so the figures are what this machine can do with both on it, not the server's ceiling.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { root } from "../lib.mjs";
import {
  benchDir,
  ensureBuild,
  median,
  migrateAndSeed,
  serverEnv,
  startServer,
} from "./bench-server.mjs";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    rounds: { type: "string", default: "2" },
    workers: { type: "string", default: "2" },
  },
});
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const ROUNDS = Number(values.rounds);
const WORKERS = Number(values.workers);
const WARMUP_SECONDS = 2;

ensureBuild();
const dir = benchDir("serve");
const env = serverEnv(`file:${path.join(dir, "bench.db")}`);
migrateAndSeed(env);

/** Load from a separate process; its JSON result. */
function load(url, seconds) {
  const script = path.join(root, "scripts/bench/pages-load.mjs");
  const output = execFileSync(process.execPath, [script, url, String(seconds), `${CONNECTIONS}`], {
    // The sign-in page as bench:serve has always asked for it: no compression.
    env: { ...process.env, BENCH_ACCEPT_ENCODING: "" },
  });
  const result = JSON.parse(output.toString());
  return { ...result, nonOk: Object.values(result.notOk).reduce((sum, n) => sum + n, 0) };
}

async function measure(processes) {
  const logFile = path.join(dir, `server-${processes}.log`);
  const server = await startServer({ env, processes, logFile });
  const url = `${server.origin}/login`;
  try {
    load(url, WARMUP_SECONDS);
    const cpuBefore = server.cpuSeconds();
    const result = load(url, SECONDS);
    // Cores the server's processes kept busy: above 1 only when more than one served at once.
    return { ...result, cores: (server.cpuSeconds() - cpuBefore) / SECONDS };
  } finally {
    await server.stop();
  }
}

const fmt = (n, digits = 0) => n.toFixed(digits).padStart(8);

console.log(
  `GET /login, ${CONNECTIONS} connections, ${SECONDS} s per run after ${WARMUP_SECONDS} s warm-up, ` +
    `${ROUNDS} rounds; ${os.availableParallelism()} cores, load average ${os.loadavg()[0].toFixed(1)}`,
);
const results = { 1: [], [WORKERS]: [] };
for (let round = 1; round <= ROUNDS; round++) {
  for (const processes of [1, WORKERS]) {
    const result = await measure(processes);
    results[processes].push(result);
    console.log(
      `  round ${round}, WEB_CONCURRENCY=${processes}: ${fmt(result.perSecond)} req/s` +
        `  p50 ${fmt(result.p50, 1)} ms  p99 ${fmt(result.p99, 1)} ms` +
        `  server CPU ${result.cores.toFixed(2)} cores` +
        (result.nonOk + result.failed > 0 ? `  (${result.nonOk + result.failed} not 200)` : ""),
    );
  }
}

const summary = (processes) => ({
  perSecond: median(results[processes].map((r) => r.perSecond)),
  p50: median(results[processes].map((r) => r.p50)),
  p99: median(results[processes].map((r) => r.p99)),
  cores: median(results[processes].map((r) => r.cores)),
});
const single = summary(1);
const cluster = summary(WORKERS);
console.log("\nMedian of the rounds:");
console.log("  processes      req/s     p50 ms     p99 ms   CPU cores");
for (const [name, s] of [
  ["1", single],
  [`${WORKERS}`, cluster],
]) {
  console.log(
    `  ${name.padEnd(9)} ${fmt(s.perSecond)}   ${fmt(s.p50, 1)}   ${fmt(s.p99, 1)}   ${fmt(s.cores, 2)}`,
  );
}
const ratio = cluster.perSecond / single.perSecond;
console.log(
  `\n${WORKERS} workers / 1 process: ${ratio.toFixed(2)}x (target >= 1.6x with two workers: ${
    ratio >= 1.6 ? "met" : "not met"
  })`,
);
console.log(`load average now ${os.loadavg()[0].toFixed(1)} (other work on the machine counts)`);
fs.rmSync(dir, { recursive: true, force: true });
