// Benchmark of the tracking reports on a large organisation (npm run bench:reports).
//
//   npx tsx scripts/bench/reports.ts [--db data/bench/reports.db] [--keep] [--runs 30]
//                                    [--warmup 2] [--skip-export]
//
// Generates 150 departments, 20,000 staff, 400 courses, 300,000 enrolments, 2,000,000
// lesson-progress rows and 500,000 quiz attempts in a separate SQLite file (never the app's
// database), then times the server-side data load of the /reports loaders and the
// enrolment CSV export. --keep reuses an existing generated file. Exits 0 when targets are
// missed (it is a measurement) and non-zero on errors.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import type { Principal } from "~/lib/permissions";
import {
  generateOrganisation,
  HR_EMAIL,
  MANAGER_EMAIL,
  migrationsFingerprint,
  SIZES,
  storedFingerprint,
} from "./generate";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TARGET_LOAD_MS = 150;
const TARGET_EXPORT_MS = 5000;
const TARGET_EXPORT_MB = 200;

const { values: args } = parseArgs({
  options: {
    db: { type: "string", default: "data/bench/reports.db" },
    keep: { type: "boolean", default: false },
    runs: { type: "string", default: "30" },
    warmup: { type: "string", default: "2" },
    "skip-export": { type: "boolean", default: false },
  },
});
const dbFile = path.resolve(ROOT, args.db!);
const runs = Math.max(1, Number(args.runs));
const warmup = Math.max(0, Number(args.warmup));

const summary: string[] = [];
const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");

interface Timing {
  median: number;
  p95: number;
  min: number;
  max: number;
}

function stats(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const mid = sorted.length / 2;
  const median =
    sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, p95: rank(0.95), min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

async function measure(fn: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return stats(samples);
}

// --- 1–2. The database file ---------------------------------------------------------------
const migrationsDir = path.join(ROOT, "prisma/migrations");
const current = storedFingerprint(dbFile) === migrationsFingerprint(migrationsDir);
if (args.keep && current) {
  console.log(`Reusing ${path.relative(ROOT, dbFile)} (--keep); generation skipped.`);
} else {
  if (args.keep && fs.existsSync(dbFile)) {
    console.log(`--keep: ${path.relative(ROOT, dbFile)} predates the current migrations.`);
  } else if (args.keep) {
    console.log(`--keep: ${path.relative(ROOT, dbFile)} does not exist.`);
  }
  console.log(`Generating the benchmark organisation in ${path.relative(ROOT, dbFile)} …`);
  const result = generateOrganisation(dbFile, migrationsDir, Date.now());
  const ok = result.ms < 60_000;
  console.log(`  generated in ${(result.ms / 1000).toFixed(1)} s (target < 60 s: ${verdict(ok)})`);
  summary.push(
    `generation            ${(result.ms / 1000).toFixed(1)} s   ${verdict(ok)} (< 60 s)`,
  );
}

// Who views the reports, and which departments to drill into (read before the app opens it).
interface DepartmentRow {
  id: string;
  name: string;
  parentId: string | null;
  enrolments: number;
}
const raw = new Database(dbFile, { readonly: true, fileMustExist: true });
const counts = Object.fromEntries(
  ["Department", "User", "Course", "Enrolment", "LessonProgress", "QuizAttempt"].map((table) => [
    table,
    (raw.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n,
  ]),
);
const userByEmail = raw.prepare(`SELECT "id" FROM "User" WHERE "email" = ?`);
const hr = userByEmail.get(HR_EMAIL) as { id: string } | undefined;
const manager = userByEmail.get(MANAGER_EMAIL) as { id: string } | undefined;
if (!hr || !manager) throw new Error(`${dbFile} is not a generated benchmark database`);
const managedIds = (
  raw
    .prepare(`SELECT "departmentId" FROM "DepartmentManager" WHERE "userId" = ?`)
    .all(manager.id) as { departmentId: string }[]
).map((row) => row.departmentId);
const departments = raw
  .prepare(
    `SELECT d."id", d."name", d."parentId",
       (SELECT count(*) FROM "Enrolment" e WHERE e."departmentId" = d."id") AS enrolments
     FROM "Department" d ORDER BY d."id"`,
  )
  .all() as DepartmentRow[];
raw.close();

console.log(
  `Rows: ${Object.entries(counts)
    .map(([table, n]) => `${table} ${n.toLocaleString("en")}`)
    .join(", ")}`,
);
for (const [table, expected] of [
  ["Department", SIZES.departments],
  ["User", SIZES.users],
  ["Course", SIZES.courses],
  ["Enrolment", SIZES.enrolments],
  ["LessonProgress", SIZES.lessonProgress],
  ["QuizAttempt", SIZES.quizAttempts],
] as const) {
  if (counts[table] !== expected)
    console.warn(`  warning: ${table} has ${counts[table]}, expected ${expected}`);
}

// --- 3. The app's own loaders ------------------------------------------------------------
process.env.DATABASE_URL = `file:${dbFile}`;
process.env.NODE_ENV = "production";
const { disconnectDb, getDb } = await import("~/lib/db.server");
const { withDescendants } = await import("~/lib/department-tree");
const { rebuildProgressStats } = await import("~/modules/learning/progress-stats.server");
const reports = await import("~/modules/reports/index.server");
const { reportFiltersSchema } = await import("~/modules/reports/schemas");

/** The leaf department with the median number of enrolments among `candidates`. */
function midSizeLeaf(candidates: readonly string[]): DepartmentRow {
  const parents = new Set(departments.map((d) => d.parentId));
  const leaves = departments
    .filter((d) => candidates.includes(d.id) && !parents.has(d.id))
    .sort((a, b) => a.enrolments - b.enrolments);
  return leaves[Math.floor(leaves.length / 2)]!;
}

let exitCode = 0;
try {
  let started = performance.now();
  const pairs = await rebuildProgressStats();
  const rebuildMs = performance.now() - started;
  const statRows = await getDb().progressStat.count();
  console.log(
    `rebuildProgressStats: ${pairs} (department, course) pairs, ${statRows} ProgressStat rows in ${fmt(rebuildMs)}`,
  );
  summary.push(`rebuildProgressStats  ${(rebuildMs / 1000).toFixed(1)} s`);

  const filters = reportFiltersSchema.parse({});
  const viewers: { label: string; principal: Principal; drill: DepartmentRow }[] = [
    {
      label: "HR",
      principal: { id: hr.id, role: "HR", scopeDepartmentIds: [] },
      drill: midSizeLeaf(departments.map((d) => d.id)),
    },
  ];
  const managerScope = withDescendants(departments, managedIds);
  viewers.push({
    label: "Manager",
    principal: { id: manager.id, role: "MANAGER", scopeDepartmentIds: managerScope },
    drill: midSizeLeaf(managerScope),
  });

  console.log(`\nServer-side data load, ${runs} runs after ${warmup} warm-up runs (median / p95):`);
  for (const { label, principal, drill } of viewers) {
    const scopeNote = principal.scopeDepartmentIds.length
      ? `${principal.scopeDepartmentIds.length} departments`
      : "everything";
    console.log(
      `  ${label} (${scopeNote}); drill-down ${drill.id} "${drill.name}" (${drill.enrolments} enrolments)`,
    );
    const scenarios: { name: string; target: boolean; run: () => Promise<unknown> }[] = [
      {
        name: "dashboard",
        target: true,
        run: () =>
          Promise.all([
            reports.getDashboard(principal, filters),
            reports.reportFilterOptions(principal),
          ]),
      },
      {
        name: "drill-down",
        target: true,
        run: async () => {
          const f = { ...filters, department: drill.id };
          await reports.getDepartmentHeader(principal, drill.id);
          return Promise.all([
            reports.getSummary(principal, f),
            reports.listEnrolmentRows(principal, f),
            reports.reportFilterOptions(principal),
          ]);
        },
      },
      {
        name: "overdue list",
        target: false,
        run: () =>
          Promise.all([
            reports.listEnrolmentRows(principal, { ...filters, status: "OVERDUE" }),
            reports.reportFilterOptions(principal),
          ]),
      },
    ];
    for (const scenario of scenarios) {
      const t = await measure(scenario.run);
      const mark = scenario.target
        ? `${verdict(t.p95 < TARGET_LOAD_MS)} (p95 < ${TARGET_LOAD_MS} ms)`
        : "(no target)";
      const line = `${`${label} ${scenario.name}`.padEnd(22)}median ${fmt(t.median).padStart(7)}  p95 ${fmt(t.p95).padStart(7)}  ${mark}`;
      console.log(`    ${line}  [min ${fmt(t.min)}, max ${fmt(t.max)}]`);
      summary.push(line);
    }
  }

  // Per call, to see which part of a loader dominates (HR, fewer runs).
  const hrViewer = viewers[0]!;
  const drillFilters = { ...filters, department: hrViewer.drill.id };
  const calls: [string, () => Promise<unknown>][] = [
    ["getDashboard", () => reports.getDashboard(hrViewer.principal, filters)],
    ["reportFilterOptions", () => reports.reportFilterOptions(hrViewer.principal)],
    [
      "getDepartmentHeader",
      () => reports.getDepartmentHeader(hrViewer.principal, hrViewer.drill.id),
    ],
    ["getSummary (drill)", () => reports.getSummary(hrViewer.principal, drillFilters)],
    [
      "listEnrolmentRows (drill)",
      () => reports.listEnrolmentRows(hrViewer.principal, drillFilters),
    ],
    [
      "listEnrolmentRows (overdue)",
      () => reports.listEnrolmentRows(hrViewer.principal, { ...filters, status: "OVERDUE" }),
    ],
  ];
  const callRuns = Math.min(runs, 5);
  console.log(`\nPer call (HR), median of ${callRuns} runs:`);
  for (const [name, call] of calls) {
    const samples: number[] = [];
    await call();
    for (let i = 0; i < callRuns; i++) {
      started = performance.now();
      await call();
      samples.push(performance.now() - started);
    }
    console.log(`    ${name.padEnd(28)}${fmt(stats(samples).median).padStart(8)}`);
  }

  // --- 4. CSV export in a fresh process, for its own peak memory ---------------------------
  if (args["skip-export"]) {
    summary.push(`${"CSV export".padEnd(22)}skipped (--skip-export)`);
  } else {
    console.log(`\nEnrolment CSV export (HR, everything), in a child process:`);
    const child = await runExportChild(viewers[0]!.principal);
    const rows = child.lines - 1;
    const seconds = (child.ms / 1000).toFixed(2);
    const peak = child.maxRssMb.toFixed(0);
    console.log(
      `  ${rows.toLocaleString("en")} rows, ${(child.bytes / 1024 / 1024).toFixed(1)} MB in ${seconds} s; ` +
        `peak RSS ${peak} MB (${child.rssBeforeMb.toFixed(0)} MB before the export started)`,
    );
    const timeOk = child.ms < TARGET_EXPORT_MS;
    const memoryOk = child.maxRssMb < TARGET_EXPORT_MB;
    console.log(`  target < 5 s and < 200 MB peak: ${verdict(timeOk && memoryOk)}`);
    summary.push(
      `${"CSV export".padEnd(22)}${rows.toLocaleString("en")} rows  ${seconds} s ${verdict(timeOk)} (< 5 s)  ` +
        `peak ${peak} MB ${verdict(memoryOk)} (< 200 MB)`,
    );
  }

  console.log(`\n=== Summary (${path.relative(ROOT, dbFile)}) ===`);
  for (const line of summary) console.log(line);
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await disconnectDb();
}
process.exitCode = exitCode;

interface ExportFigures {
  ms: number;
  bytes: number;
  lines: number;
  rssBeforeMb: number;
  maxRssMb: number;
}

function runExportChild(principal: Principal): Promise<ExportFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
        path.join(ROOT, "scripts/bench/export-child.ts"),
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: `file:${dbFile}`,
          NODE_ENV: "production",
          BENCH_PRINCIPAL: JSON.stringify(principal),
        },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const last = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !last.startsWith("{")) {
        reject(new Error(`export child exited with ${code}: ${out}`));
        return;
      }
      resolve(JSON.parse(last) as ExportFigures);
    });
  });
}
