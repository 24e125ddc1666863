// One step of bench:eventloop in a process of its own (DATABASE_URL: a scratch copy of the
// benchmark organisation): prepares the step, then runs it while measuring this process's
// event-loop delay (monitorEventLoopDelay, and a 10 ms timer probe that records how late it
// fires, and how much CPU the process used between two ticks). BENCH_STEP: remind | rules | reminders | overdueSweep | counters; BENCH_CHUNKS:
// new (decision 027's sizes) or old (the sizes before it); BENCH_SECONDS: the step is cut
// off after this long, its figures covering the part that ran.
import "~/subscribers.server";
import { createHistogram, monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { reportResult } from "./child";
import { HR_EMAIL } from "./generate";

const step = process.env.BENCH_STEP ?? "";
const oldChunks = process.env.BENCH_CHUNKS === "old";
const seconds = Number(process.env.BENCH_SECONDS ?? "30");

// Before decision 027: 500 reminders and 50 recounted pairs per transaction, every renewal
// in one. A rule went to everyone it covers in one transaction, whose lookup of their
// enrolments passes SQLite's parameter limit beyond 999 people (P2029): 900 stands in.
const OLD_CHUNK_SIZES = {
  lookups: 900,
  reminders: 500,
  ruleEnrolments: 900,
  renewals: 1_000_000,
  recountPairs: 50,
  // The sweep was one transaction however much had fallen due.
  sweepRows: 1_000_000,
  importRows: 500,
};

const { overrideChunkSizes } = await import("~/lib/chunks.server");
if (oldChunks) overrideChunkSizes(OLD_CHUNK_SIZES);
const { disconnectDb, getDb } = await import("~/lib/db.server");
const { statementCount } = await import("~/lib/statement-count.server");
const learning = await import("~/modules/learning/index.server");

const REMINDED = 1000;
const db = getDb();

/** What each step runs, made ready outside the measurement. */
async function prepare(): Promise<() => Promise<unknown>> {
  const now = new Date();
  switch (step) {
    case "remind": {
      const hr = await db.user.findUniqueOrThrow({ where: { email: HR_EMAIL } });
      const overdue = await db.enrolment.findMany({
        where: learning.fellDueWhere(new Date(0), now),
        orderBy: { id: "asc" },
        take: REMINDED,
        select: { id: true },
      });
      const sender = { id: hr.id, role: hr.role, scopeDepartmentIds: [], name: hr.name };
      return () =>
        learning.sendManualReminders(
          sender,
          overdue.map((e) => e.id),
          now,
        );
    }
    case "rules": {
      // A rule for everyone, stored without being applied: the job enrols 20,000 people.
      const course = await db.course.findFirstOrThrow({
        where: { status: "PUBLISHED" },
        orderBy: { id: "asc" },
      });
      await db.assignmentRule.create({
        data: { courseId: course.id, targetType: "ALL", dueMode: "DAYS", dueDays: 30 },
      });
      return () => learning.applyAllRules(now);
    }
    case "reminders":
      return () => learning.sendScheduledReminders(now);
    case "overdueSweep":
      // A month without a sweep: every pair with an enrolment that fell due since is recounted.
      await learning.overdueAsOf(db);
      await db.reportState.update({
        where: { id: "reports" },
        data: { overdueAsOf: new Date(now.getTime() - 30 * 86_400_000) },
      });
      return () => learning.sweepOverdue(now);
    case "counters":
      return () => learning.rebuildProgressStats(now);
    default:
      throw new Error(`BENCH_STEP must be remind, rules, reminders, overdueSweep or counters`);
  }
}

const ms = (nanoseconds: number) => Math.round(nanoseconds / 1e4) / 100;

const work = await prepare();
const delay = monitorEventLoopDelay({ resolution: 10 });
const probe = createHistogram();
// The CPU this process used between two ticks: a pause's length without the other
// processes' share of the two cores (the wall-clock figures grow with the machine's load).
const probeCpu = createHistogram();
const PROBE_MS = 10;
let lastTick = performance.now();
let lastCpu = process.cpuUsage();
const timer = setInterval(() => {
  const now = performance.now();
  const cpu = process.cpuUsage(lastCpu);
  probe.record(Math.max(1, Math.round((now - lastTick - PROBE_MS) * 1e6)));
  probeCpu.record(Math.max(1, (cpu.user + cpu.system) * 1000));
  lastTick = now;
  lastCpu = process.cpuUsage();
}, PROBE_MS);
delay.enable();
const statementsBefore = statementCount();
const started = performance.now();
const outcome = await Promise.race([
  work().then(
    (result) => ({ finished: true, result }),
    // A failure is a figure too (before 027 a month's sweep passed the 5 s transaction limit).
    (error: unknown) => ({ finished: true, result: { failed: String(error).slice(0, 300) } }),
  ),
  sleep(seconds * 1000).then(() => ({ finished: false, result: null })),
]);
const elapsedMs = performance.now() - started;
// The samples of a pause are taken when it ends: give the monitors one more turn.
await sleep(2 * PROBE_MS);
delay.disable();
clearInterval(timer);
reportResult({
  step,
  chunks: oldChunks ? "old" : "new",
  finished: outcome.finished,
  elapsedMs,
  statements: statementCount() - statementsBefore,
  delay: { p99: ms(delay.percentile(99)), max: ms(delay.max) },
  probe: { p99: ms(probe.percentile(99)), max: ms(probe.max) },
  cpuPerTick: { p99: ms(probeCpu.percentile(99)), max: ms(probeCpu.max) },
  result: outcome.result,
});
if (outcome.finished) await disconnectDb();
// A step cut off is still running: the scratch copy is thrown away.
process.exit(0);
