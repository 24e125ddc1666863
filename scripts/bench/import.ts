// Benchmark of the staff import (npm run bench:import):
//
//   npx tsx scripts/bench/import.ts [--db data/bench/import.db] [--people 20000] [--departments 150]
//
// Generates a CSV of `people` staff in a tree of `departments` departments, migrates a fresh
// SQLite file (never the app's database) with one published course, a new-hire rule and a
// department rule, then times the preview and the commit (new people, their enrolments and
// invitations in one transaction) and prints the peak memory (RSS, sampled every 50 ms).
// Targets: each under 20 s. Exits 0 when targets are missed (it is a measurement).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TARGET_MS = 20_000;

const { values: args } = parseArgs({
  options: {
    db: { type: "string", default: "data/bench/import.db" },
    people: { type: "string", default: "20000" },
    departments: { type: "string", default: "150" },
  },
});
const dbFile = path.resolve(ROOT, args.db!);
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

function freshDatabase() {
  fs.mkdirSync(path.dirname(dbFile), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(dbFile + suffix, { force: true });
  process.env.DATABASE_URL = `file:${dbFile}`;
  process.env.SLOW_QUERY_MS = "60000";
  const migrate = spawnSync("node", ["scripts/migrate.mjs"], { cwd: ROOT, stdio: "inherit" });
  if (migrate.status !== 0) throw new Error("migration failed");
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

freshDatabase();
const org = await import("~/modules/org/index.server");
const { disconnectDb, getDb } = await import("~/lib/db.server");
const actor = await seedRules();
const paths = departmentPaths(departmentCount);
const text = staffCsv(paths);
console.log(
  `File: ${people} people, ${paths.length} departments, ${(text.length / 1e6).toFixed(1)} MB`,
);

const [plan, previewMs] = await timed(async () => {
  const parsed = org.parseStaffCsv(text);
  if (!parsed.ok) throw new Error(parsed.problem.messageKey);
  return org.planStaffImport(getDb(), parsed.rows, actor, { deactivateMissing: false });
});
console.log(`Preview: ${(previewMs / 1000).toFixed(1)} s — ${JSON.stringify(plan.counts)}`);
const [result, commitMs] = await timed(async () => {
  const parsed = org.parseStaffCsv(text);
  if (!parsed.ok) throw new Error(parsed.problem.messageKey);
  return org.commitStaffImport(actor, parsed.rows, {
    deactivateMissing: false,
    confirmDeactivation: false,
    source: { id: "bench", sha256: org.sha256Of(text) },
  });
});
const db = getDb();
const [enrolments, outbox] = await Promise.all([db.enrolment.count(), db.outboxEmail.count()]);
console.log(
  `Commit: ${(commitMs / 1000).toFixed(1)} s — written ${result.written}, ${enrolments} enrolments, ${outbox} invitations queued`,
);
const [again, againMs] = await timed(async () => {
  const parsed = org.parseStaffCsv(text);
  if (!parsed.ok) throw new Error(parsed.problem.messageKey);
  return org.commitStaffImport(actor, parsed.rows, {
    deactivateMissing: false,
    confirmDeactivation: false,
    source: { id: "bench", sha256: org.sha256Of(text) },
  });
});
console.log(
  `Re-import of the same file: ${(againMs / 1000).toFixed(1)} s — written ${again.written}`,
);
clearInterval(sampler);
const verdict = (ms: number) => (ms < TARGET_MS ? "PASS" : "FAIL");
console.log(
  `Summary: preview ${(previewMs / 1000).toFixed(1)} s ${verdict(previewMs)}, commit ${(commitMs / 1000).toFixed(1)} s ${verdict(commitMs)} (target < 20 s each); peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB`,
);
await disconnectDb();
