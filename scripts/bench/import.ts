// Benchmark of the staff import (npm run bench:import):
//
//   npm run bench:import -- [--postgres [--postgres-url URL]] [--people 20000] [--departments 150]
//
// Generates a CSV of `people` staff in a tree of `departments` departments, migrates a fresh
// database (never the app's: a SQLite file under data/bench, and with --postgres also a
// PostgreSQL database created for the run and dropped after it) with one published course, a
// new-hire rule, then times the preview and the commit (new people, their enrolments and
// invitations in one transaction) step by step, and prints the peak memory (RSS, sampled
// every 50 ms). Each provider runs in a process of its own; --postgres prints both side by
// side. Targets: preview and commit each under 20 s. Exits 0 when targets are missed (it is
// a measurement).
import "~/subscribers.server";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TARGET_MS = 20_000;
const RESULT_PREFIX = "BENCH_RESULT ";

const { values: args } = parseArgs({
  options: {
    db: { type: "string", default: "data/bench/import.db" },
    people: { type: "string", default: "20000" },
    departments: { type: "string", default: "150" },
    postgres: { type: "boolean", default: false },
    "postgres-url": { type: "string", default: "postgresql://uptake:uptake@localhost:5432/uptake" },
    /** Internal: the provider this process measures. */
    provider: { type: "string" },
  },
});
const people = Number(args.people);
const departmentCount = Number(args.departments);

/** Department paths, a tree three levels deep: 10 divisions, teams, and sub-teams. */
function departmentPaths(count: number): string[] {
  const divisions = Array.from({ length: Math.min(10, count) }, (_, i) => `Division ${i + 1}`);
  const teams = Array.from(
    { length: Math.floor((count - divisions.length) / 2) },
    (_, i) => `${divisions[i % divisions.length]}/Team ${i + 1}`,
  );
  const subTeams = Array.from(
    { length: count - divisions.length - teams.length },
    (_, i) => `${teams[i % teams.length]}/Unit ${i + 1}`,
  );
  return [...divisions, ...teams, ...subTeams];
}

function staffCsv(paths: string[]): string {
  const lines = ["email;name;department;job title;hire date;role;manager of;active"];
  for (let i = 0; i < people; i++) {
    const department = paths[i % paths.length]!;
    const manager = i < paths.length;
    lines.push(
      [
        `person${i}@bench.example`,
        `Person ${i} 员工`,
        department,
        manager ? "Team Lead" : "Agent",
        `2026-${String((i % 12) + 1).padStart(2, "0")}-15`,
        manager ? "MANAGER" : "EMPLOYEE",
        manager ? department : "",
        "true",
      ].join(";"),
    );
  }
  return lines.join("\n");
}

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
  const name = `uptake_bench_import_${process.pid}`;
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(args["postgres-url"]!);
  url.pathname = `/${name}`;
  migrate(url.toString());
  return () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  return [result, performance.now() - start];
}

async function seedRules() {
  const { getDb } = await import("~/lib/db.server");
  const { addLesson, createCourse, publishCourse } = await import("~/modules/courses/index.server");
  const { courseSchema, lessonSchema } = await import("~/modules/courses");
  const { createRule } = await import("~/modules/learning/index.server");
  const { parseRuleFields } = await import("~/modules/learning");
  const department = await getDb().department.create({ data: { name: "Admin", code: "ADM" } });
  const hr = await getDb().user.create({
    data: { email: "hr@bench.example", name: "HR", role: "HR", departmentId: department.id },
  });
  const owner = { id: hr.id, role: "HR" as const, scopeDepartmentIds: [] };
  const course = await createCourse(
    owner,
    courseSchema.parse({
      title: "Welcome",
      summary: "For new staff",
      category: "PROCESS",
      estimatedMinutes: "20",
      tags: "",
      coverColor: "teal",
      coverIcon: "📘",
      ownerId: hr.id,
    }),
  );
  await addLesson(owner, course.id, lessonSchema.parse({ title: "Start", body: "Hello" }));
  await publishCourse(owner, course.id);
  const hiredAfter = "2026-01-01";
  await createRule(owner, parseRuleFields(course.id, { newHiresOnly: "on", hiredAfter }));
  return owner;
}

interface BenchResult {
  provider: string;
  phases: [string, number][];
  previewMs: number;
  commitMs: number;
  reimportMs: number;
  peakRssMb: number;
}

/** One provider, in this process: the numbers go to the parent as one JSON line. */
async function measure(provider: string) {
  const drop = provider === "postgresql" ? await freshPostgres() : freshSqlite();
  try {
    const result = await importOnce(provider);
    console.log(RESULT_PREFIX + JSON.stringify(result));
  } finally {
    await drop();
  }
}

async function importOnce(provider: string): Promise<BenchResult> {
  const org = await import("~/modules/org/index.server");
  const { disconnectDb, getDb } = await import("~/lib/db.server");
  const actor = await seedRules();
  const paths = departmentPaths(departmentCount);
  const text = staffCsv(paths);
  console.log(
    `${provider}: ${people} people, ${paths.length} departments, ${(text.length / 1e6).toFixed(1)} MB`,
  );
  const phases: [string, number][] = [];
  // The re-import's steps are not recorded: only its total is printed.
  let stage: "preview" | "commit" | null = "preview";
  const record = (phase: string, ms: number) => {
    if (stage) phases.push([`${stage}: ${phase}`, ms]);
  };
  const parse = () => {
    const start = performance.now();
    const parsed = org.parseStaffCsv(text);
    if (!parsed.ok) throw new Error(parsed.problem.messageKey);
    record("parse", performance.now() - start);
    return parsed.rows;
  };
  const commit = () =>
    org.commitStaffImport(actor, parse(), {
      deactivateMissing: false,
      confirmDeactivation: false,
      source: { id: "bench", sha256: org.sha256Of(text) },
      onPhase: record,
    });
  const [, previewMs] = await timed(async () => {
    const rows = parse();
    const start = performance.now();
    const plan = await org.planStaffImport(getDb(), rows, actor, { deactivateMissing: false });
    record("plan", performance.now() - start);
    return plan;
  });
  stage = "commit";
  const [result, commitMs] = await timed(commit);
  if (!result.written) throw new Error("the first commit wrote nothing");
  const db = getDb();
  const [enrolments, outbox] = await Promise.all([db.enrolment.count(), db.outboxEmail.count()]);
  console.log(`${provider}: ${enrolments} enrolments, ${outbox} invitations queued`);
  stage = null;
  const [again, reimportMs] = await timed(commit);
  if (again.written) throw new Error("the re-import wrote something");
  await disconnectDb();
  return {
    provider,
    phases,
    previewMs,
    commitMs,
    reimportMs,
    peakRssMb: Math.round(peakRss / 1024 / 1024),
  };
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
const verdict = (ms: number) => (ms < TARGET_MS ? "PASS" : "FAIL");

function printTable(results: BenchResult[]) {
  const rows: string[][] = [["", ...results.map((r) => r.provider)]];
  for (const [name] of results[0]!.phases) {
    rows.push([
      `  ${name}`,
      ...results.map((r) => seconds(r.phases.find(([n]) => n === name)?.[1] ?? 0)),
    ]);
  }
  rows.push([
    "preview (total)",
    ...results.map((r) => `${seconds(r.previewMs)} ${verdict(r.previewMs)}`),
  ]);
  rows.push([
    "commit (total)",
    ...results.map((r) => `${seconds(r.commitMs)} ${verdict(r.commitMs)}`),
  ]);
  rows.push(["re-import, writes nothing", ...results.map((r) => seconds(r.reimportMs))]);
  rows.push(["peak RSS", ...results.map((r) => `${r.peakRssMb} MB`)]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join("   "));
  console.log(`Targets: preview and commit each < ${TARGET_MS / 1000} s.`);
}

if (args.provider) await measure(args.provider);
else await compare(args.postgres ? ["sqlite", "postgresql"] : ["sqlite"]);
clearInterval(sampler);
