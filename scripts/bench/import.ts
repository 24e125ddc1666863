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
import { parseArgs } from "node:util";
import {
  databaseOptions,
  notePeakRss,
  peakRssMb,
  printColumns,
  runImportBenchmark,
  seconds,
} from "./import-bench";

const TARGET_MS = 20_000;

const { values: args } = parseArgs({
  options: {
    ...databaseOptions("data/bench/import.db"),
    people: { type: "string", default: "20000" },
    departments: { type: "string", default: "150" },
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

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  notePeakRss();
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
    peakRssMb: peakRssMb(),
  };
}

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
  printColumns(rows);
  console.log(`Targets: preview and commit each < ${TARGET_MS / 1000} s.`);
}

await runImportBenchmark({
  script: import.meta.url,
  args,
  database: "uptake_bench_import",
  measure: importOnce,
  print: printTable,
});
