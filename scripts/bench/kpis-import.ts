// Benchmark of the KPI actuals import (npm run bench:kpis-import):
//
//   npm run bench:kpis-import -- [--postgres [--postgres-url URL]] [--rows 50000] [--departments 150] [--kpis 10]
//
// Migrates a fresh database (never the app's: a SQLite file under data/bench, and with
// --postgres or UPTAKE_TEST_POSTGRES_URL also a PostgreSQL database created for the run and
// dropped after it) with `departments` departments and `kpis` KPIs applied to all of them
// (monthly and weekly), generates a CSV of `rows` actuals, and times the upload + preview and
// the commit (the module's own functions, as the page calls them): a first import (every row
// created), the same file again (every row unchanged, nothing written), and a file changing
// every value (every row updated). Each provider runs in a process of its own. Target:
// preview + commit < 10 s. Exits 0 when the target is missed (it is a measurement).
import "~/subscribers.server";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TARGET_MS = 10_000;
const RESULT_PREFIX = "BENCH_RESULT ";

const { values: args } = parseArgs({
  options: {
    db: { type: "string", default: "data/bench/kpis-import.db" },
    rows: { type: "string", default: "50000" },
    departments: { type: "string", default: "150" },
    kpis: { type: "string", default: "10" },
    postgres: { type: "boolean", default: Boolean(process.env.UPTAKE_TEST_POSTGRES_URL) },
    "postgres-url": {
      type: "string",
      default:
        process.env.UPTAKE_TEST_POSTGRES_URL ?? "postgresql://uptake:uptake@localhost:5432/uptake",
    },
    /** Internal: the provider this process measures. */
    provider: { type: "string" },
  },
});
const rowCount = Number(args.rows);
const departmentCount = Number(args.departments);
const kpiCount = Number(args.kpis);

function migrate(databaseUrl: string) {
  process.env.DATABASE_URL = databaseUrl;
  process.env.SLOW_QUERY_MS = "60000";
  const run = spawnSync("node", ["scripts/migrate.mjs"], { cwd: ROOT, stdio: "ignore" });
  if (run.status !== 0) throw new Error("migration failed");
}

function freshSqlite() {
  const file = path.resolve(ROOT, args.db!);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  migrate(`file:${file}`);
  return async () => {};
}

/** A database of the run's own on the PostgreSQL server; the returned function drops it. */
async function freshPostgres() {
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: args["postgres-url"] });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const name = `uptake_bench_kpis_import_${process.pid}`;
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(args["postgres-url"]!);
  url.pathname = `/${name}`;
  migrate(url.toString());
  return () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

interface Seeded {
  actor: { id: string; role: "HR"; scopeDepartmentIds: string[] };
  departments: string[];
  kpis: { name: string; period: "MONTHLY" | "WEEKLY" }[];
}

/** Departments, an HR user, KPIs on a 0–100 scale applied to every department with a plan. */
async function seed(): Promise<Seeded> {
  const { getDb } = await import("~/lib/db.server");
  const db = getDb();
  const departments = Array.from({ length: departmentCount }, (_, i) => ({
    name: `Department ${i + 1}`,
    code: `D${i + 1}`,
  }));
  await db.department.createMany({ data: departments });
  const ids = await db.department.findMany({ select: { id: true, name: true } });
  const hr = await db.user.create({
    data: { email: "hr@bench.example", name: "HR", role: "HR", departmentId: ids[0]!.id },
  });
  const kpis: Seeded["kpis"] = [];
  for (let k = 0; k < kpiCount; k++) {
    const period = k % 3 === 2 ? "WEEKLY" : "MONTHLY";
    const kpi = await db.kpiDefinition.create({
      data: {
        name: `KPI ${k + 1}`,
        direction: "HIGHER_IS_BETTER",
        precision: 1,
        period,
        minValue: 0,
        maxValue: 100,
      },
    });
    await db.kpiDepartment.createMany({
      data: ids.map((d) => ({
        kpiId: kpi.id,
        departmentId: d.id,
        baselineValue: 50,
        baselineOn: new Date("2024-01-01T00:00:00Z"),
        targetValue: 80,
        targetOn: new Date("2027-12-31T00:00:00Z"),
      })),
    });
    kpis.push({ name: kpi.name, period });
  }
  return {
    actor: { id: hr.id, role: "HR", scopeDepartmentIds: [] },
    departments: ids.map((d) => d.name),
    kpis,
  };
}

/** `rowCount` rows: each KPI × department pair gets consecutive periods from 2024. */
function actualsCsv(seeded: Seeded, shift: number): string {
  const perPair = Math.ceil(rowCount / (seeded.kpis.length * seeded.departments.length));
  const lines = ["department,kpi,period,value"];
  outer: for (const [k, kpi] of seeded.kpis.entries()) {
    for (const [d, department] of seeded.departments.entries()) {
      for (let p = 0; p < perPair; p++) {
        if (lines.length > rowCount) break outer;
        const period =
          kpi.period === "MONTHLY"
            ? `${2024 + Math.floor(p / 12)}-${String((p % 12) + 1).padStart(2, "0")}`
            : `${2024 + Math.floor(p / 52)}-W${String((p % 52) + 1).padStart(2, "0")}`;
        const value = (((k * 7 + d * 3 + p) % 900) / 10 + 5 + shift).toFixed(1);
        lines.push(`${department},${kpi.name},${period},${value}`);
      }
    }
  }
  return lines.join("\n");
}

interface Run {
  previewMs: number;
  commitMs: number;
  phases: [string, number][];
  counts: Record<string, number>;
}

interface BenchResult {
  provider: string;
  runs: Record<string, Run>;
  peakRssMb: number;
}

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

async function importOnce(seeded: Seeded, text: string): Promise<Run> {
  const kpis = await import("~/modules/kpis/index.server");
  const start = performance.now();
  const fileId = await kpis.storeKpiImportUpload(
    seeded.actor,
    new File([text], "actuals.csv", { type: "text/csv" }),
  );
  const preview = await kpis.previewKpiImport(seeded.actor, {
    file: fileId,
    outcome: "",
    page: 1,
  });
  const previewMs = performance.now() - start;
  const phases: [string, number][] = [];
  const commitStart = performance.now();
  const result = await kpis.commitKpiImport(
    seeded.actor,
    { fileId, sha256: preview.upload.sha256, planDigest: preview.plan!.digest },
    {
      onPhase: (phase, ms) => {
        phases.push([phase, ms]);
      },
    },
  );
  const commitMs = performance.now() - commitStart;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  return { previewMs, commitMs, phases, counts: result.counts };
}

/** One provider, in this process: the numbers go to the parent as one JSON line. */
async function measure(provider: string) {
  const drop = provider === "postgresql" ? await freshPostgres() : freshSqlite();
  try {
    const seeded = await seed();
    const { disconnectDb, getDb } = await import("~/lib/db.server");
    const first = actualsCsv(seeded, 0);
    console.log(
      `${provider}: ${rowCount} rows, ${seeded.departments.length} departments, ${seeded.kpis.length} KPIs, ${(first.length / 1e6).toFixed(1)} MB`,
    );
    const runs: Record<string, Run> = {};
    runs["first import (created)"] = await importOnce(seeded, first);
    const actuals = await getDb().kpiActual.count();
    const audits = await getDb().auditEvent.count({ where: { action: "kpi.actual.set" } });
    console.log(`${provider}: ${actuals} actuals, ${audits} audit entries`);
    runs["same file again (unchanged)"] = await importOnce(seeded, first);
    runs["every value changed (updated)"] = await importOnce(seeded, actualsCsv(seeded, 0.5));
    await disconnectDb();
    const result: BenchResult = { provider, runs, peakRssMb: Math.round(peakRss / 1024 / 1024) };
    console.log(RESULT_PREFIX + JSON.stringify(result));
  } finally {
    await drop();
  }
}

/** Runs each provider in a child process (its own memory), then prints them side by side. */
async function compare(providers: string[]) {
  const results: BenchResult[] = [];
  for (const provider of providers) {
    const child = spawn(
      process.execPath,
      [
        ...process.execArgv,
        fileURLToPath(import.meta.url),
        ...process.argv.slice(2),
        "--provider",
        provider,
      ],
      { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
    );
    for await (const line of readline.createInterface({ input: child.stdout })) {
      if (line.startsWith(RESULT_PREFIX))
        results.push(JSON.parse(line.slice(RESULT_PREFIX.length)));
      else console.log(line);
    }
    const code = await new Promise((resolve) => child.on("close", resolve));
    if (code !== 0) throw new Error(`the ${provider} run failed`);
  }
  printTable(results);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function printTable(results: BenchResult[]) {
  const rows: string[][] = [["", ...results.map((r) => r.provider)]];
  for (const name of Object.keys(results[0]!.runs)) {
    rows.push([name, ...results.map(() => "")]);
    const runOf = (r: BenchResult) => r.runs[name]!;
    rows.push(["  preview", ...results.map((r) => seconds(runOf(r).previewMs))]);
    for (const [phase] of runOf(results[0]!).phases)
      rows.push([
        `    commit: ${phase}`,
        ...results.map((r) => seconds(runOf(r).phases.find(([p]) => p === phase)?.[1] ?? 0)),
      ]);
    rows.push(["  commit", ...results.map((r) => seconds(runOf(r).commitMs))]);
    rows.push([
      "  preview + commit",
      ...results.map((r) => {
        const total = runOf(r).previewMs + runOf(r).commitMs;
        return `${seconds(total)} ${total < TARGET_MS ? "PASS" : "FAIL"}`;
      }),
    ]);
  }
  rows.push(["peak RSS", ...results.map((r) => `${r.peakRssMb} MB`)]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join("   "));
  console.log(`Target: preview + commit of ${rowCount} rows < ${TARGET_MS / 1000} s.`);
}

if (args.provider) await measure(args.provider);
else await compare(args.postgres ? ["sqlite", "postgresql"] : ["sqlite"]);
clearInterval(sampler);
