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
import { parseArgs } from "node:util";
import {
  databaseOptions,
  notePeakRss,
  peakRssMb,
  printColumns,
  runImportBenchmark,
  seconds,
} from "./import-bench";

const TARGET_MS = 10_000;

const { values: args } = parseArgs({
  options: {
    ...databaseOptions("data/bench/kpis-import.db", { fromEnv: true }),
    rows: { type: "string", default: "50000" },
    departments: { type: "string", default: "150" },
    kpis: { type: "string", default: "10" },
  },
});
const rowCount = Number(args.rows);
const departmentCount = Number(args.departments);
const kpiCount = Number(args.kpis);

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
  notePeakRss();
  return { previewMs, commitMs, phases, counts: result.counts };
}

/** One provider, in this process, on its fresh database. */
async function measure(provider: string): Promise<BenchResult> {
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
  return { provider, runs, peakRssMb: peakRssMb() };
}

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
  printColumns(rows);
  console.log(`Target: preview + commit of ${rowCount} rows < ${TARGET_MS / 1000} s.`);
}

await runImportBenchmark({
  script: import.meta.url,
  args,
  database: "uptake_bench_kpis_import",
  measure,
  print: printTable,
});
