// The built server on a fresh database, for the benchmarks that load it over HTTP
// (bench:serve, bench:pages, bench:load): build if stale, migrate and seed a database in a
// temporary folder, start scripts/server.mjs with its log in a file, read each process's CPU
// time from /proc.
import { spawn } from "node:child_process";
import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildIsStale, freePort, prismaCli, root, run } from "../lib.mjs";

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const tsxCli = path.join(root, "node_modules/tsx/dist/cli.mjs");

/** Builds the app when its sources changed since the last build. */
export function ensureBuild() {
  if (buildIsStale()) run("npm", ["run", "build"]);
}

/** A temporary folder of the benchmark's own (`prefix` names it); removed by the caller. */
export function benchDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `uptake-bench-${prefix}-`));
}

/**
 * The environment of a production server on `databaseUrl`, with the demo seed and without
 * jobs (a job pass would compete with the load being measured).
 */
export function serverEnv(databaseUrl, extra = {}) {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NODE_ENV: "production",
    UPTAKE_DEMO: "on",
    UPTAKE_JOBS: "off",
    ...extra,
  };
}

/** Migrates the (empty) database of `env` and seeds the demo company into it. */
export function migrateAndSeed(env) {
  run(process.execPath, [prismaCli, "migrate", "deploy"], { env, stdio: "ignore" });
  run(process.execPath, [tsxCli, "scripts/seed.ts"], { env, stdio: "ignore" });
}

/**
 * Runs a TypeScript script of the project (tsx) with `env`; the JSON of the last line it
 * prints (earlier lines may be the app's log).
 */
export function runTsxForJson(script, args, env) {
  const output = run(process.execPath, [tsxCli, script, ...args], {
    env,
    stdio: ["ignore", "pipe", "inherit"],
  }).stdout.toString();
  return JSON.parse(output.trim().split("\n").at(-1));
}

/** CPU time (user + system) a process has used so far; Linux, clock ticks of 1/100 s. */
export function cpuSecondsOf(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Starts scripts/server.mjs with `processes` processes (WEB_CONCURRENCY) on a free port;
 * resolves once every one of them listens. The log (JSON lines) goes to `logFile`.
 */
export async function startServer({ env, processes, logFile }) {
  const port = await freePort();
  const log = fs.openSync(logFile, "w");
  const child = spawn(process.execPath, ["scripts/server.mjs"], {
    cwd: root,
    env: { ...env, WEB_CONCURRENCY: String(processes), PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", log, log],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const deadline = Date.now() + 60_000;
  const readLog = () => fs.readFileSync(logFile, "utf8");
  while (readLog().split("Uptake listening").length - 1 < processes) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill("SIGTERM");
      throw new Error(`the server did not start (see ${logFile})`);
    }
    await sleep(100);
  }
  const pids = [...new Set(readLog().match(/(?<="pid":)\d+/g))].map(Number);
  return {
    origin: `http://127.0.0.1:${port}`,
    pids,
    logFile,
    cpuSeconds: () => pids.reduce((sum, pid) => sum + cpuSecondsOf(pid), 0),
    stop: () => (child.kill("SIGTERM"), exited),
  };
}

/** The middle value (the mean of the middle two for an even count). */
export function median(numbers) {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The value below which a share `p` of the sorted `values` lie. */
export function percentile(sorted, p) {
  return sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

// Node's global agent keeps idle sockets, which the server closes after its keep-alive
// timeout: a request between two measurements must not pick up such a socket.
export const freshConnections = new http.Agent({ keepAlive: false });

/**
 * One HTTP request to the server (keep-alive through `agent`): status, headers and body as
 * text. Redirects are not followed: a benchmark checks them. Writes carry the server's
 * Origin, as a browser's form posts do (the same-origin check).
 */
export function request(
  origin,
  pathname,
  { agent = freshConnections, method = "GET", cookie, form, json } = {},
) {
  const body = form ? new URLSearchParams(form).toString() : json ? JSON.stringify(json) : null;
  const headers = { Accept: "text/html" };
  if (cookie) headers.Cookie = cookie;
  if (body !== null) {
    headers.Origin = origin;
    headers["Content-Type"] = form ? "application/x-www-form-urlencoded" : "application/json";
    headers["Content-Length"] = Buffer.byteLength(body);
  }
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(pathname, origin), { method, agent, headers }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body ?? undefined);
  });
}

/** Signs in through the login form; the session cookie ("name=value") to send afterwards. */
export async function signIn(origin, email, password, agent) {
  const res = await request(origin, "/login", {
    agent,
    method: "POST",
    form: { email, password, redirectTo: "/" },
  });
  const cookie = (res.headers["set-cookie"] ?? [])
    .map((line) => line.split(";")[0])
    .find((pair) => pair.includes("session=") && !pair.endsWith("="));
  const target = res.headers.location ?? "";
  if (res.status !== 302 || !cookie || target.includes("two-factor")) {
    throw new Error(`signing in as ${email} answered ${res.status} ${target}`);
  }
  return cookie;
}
