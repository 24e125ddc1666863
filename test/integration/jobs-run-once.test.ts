import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { HOUR_MS } from "~/lib/dates";
import {
  PERIODIC_JOBS,
  periodStart,
  runJobs,
  type JobDefinition,
  type JobsReport,
} from "~/modules/ops/index.server";
import { createRule } from "~/modules/learning/index.server";
import { makeDepartment, makeUser, principalFor } from "../support/factories";
import { publishedCourse, ruleForm } from "../support/learning";
import { runAtOnce, startProcess, stopProcesses, type SecondProcess } from "../support/processes";
import { startSmtpServer, type SmtpCapture } from "../support/smtp";

// Several app processes on one database (decision 023): each periodic job runs once per
// period and never twice at once, and each e-mail goes out once. The other processes are real
// Node processes (test/support/second-process.ts) on this file's database, SQLite or
// PostgreSQL (`npm run test:pg`).

// A process loads the app in seconds, more on a busy two-core machine.
const PROCESS_TEST = { timeout: 60_000 };

let smtp: SmtpCapture;
/** Two other servers for the whole file; each test gives both the same task at one moment. */
let pair: SecondProcess[];
/** Processes a test kills: started per test. */
const killed: SecondProcess[] = [];
const startToKill = () => {
  const child = startProcess();
  killed.push(child);
  return child;
};

beforeAll(async () => {
  // Slow acknowledgements keep both deliverers busy at once.
  smtp = await startSmtpServer({ delayMs: 15 });
  pair = [0, 1].map(() => startProcess({ SMTP_URL: smtp.url }));
  await Promise.all(pair.map((p) => p.ready));
});

afterEach(async () => {
  for (const p of killed.splice(0)) p.child.kill("SIGKILL");
  smtp.received.length = 0;
  await getDb().outboxEmail.deleteMany();
  await getDb().jobLease.deleteMany();
});

afterAll(async () => {
  await stopProcesses(pair);
  await smtp.close();
});

async function queueEmails(count: number) {
  const addresses = Array.from({ length: count }, (_, i) => `person-${i}@example.test`);
  await getDb().outboxEmail.createMany({
    data: addresses.map((toAddress) => ({
      toAddress,
      language: "en",
      eventType: "ENROLMENT_CREATED",
      subject: "You have a new course",
      body: "Open Uptake to start it.",
    })),
  });
  return addresses;
}

/** People who joined a department after its rule was made: the next tick's rules enrol them. */
async function newcomersARuleWillEnrol(count: number) {
  const hr = await principalFor("HR");
  const course = await publishedCourse(await principalFor("TRAINER"), 1, 0);
  const department = await makeDepartment();
  await createRule(
    hr,
    ruleForm(course.id, { targetType: "DEPARTMENT", departmentId: department.id, dueDays: "30" }),
  );
  // Created directly, as an HR-system sync would: no enrolment until the rules run.
  return Promise.all(
    Array.from({ length: count }, () => makeUser({ departmentId: department.id })),
  );
}

const receivedAddresses = () => smtp.received.flatMap((m) => m.recipients).sort();

/** A job that counts its runs and waits for `gate` (when given) before finishing. */
function probe(name: string, gate?: Promise<void>) {
  const job: { runs: number; definition: JobDefinition } = {
    runs: 0,
    definition: {
      name,
      periodMs: HOUR_MS,
      run: async () => {
        job.runs++;
        await gate;
        return job.runs;
      },
    },
  };
  return job;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("two processes ticking at the same moment", PROCESS_TEST, () => {
  it("run each job once and send each e-mail once", async () => {
    const queued = await queueEmails(20);
    const newcomers = await newcomersARuleWillEnrol(3);
    const now = new Date().toISOString();
    const reports = (await runAtOnce(pair, "jobs", now)) as JobsReport[];

    for (const job of PERIODIC_JOBS) {
      const ran = reports.filter((r) => r.ran.includes(job.name));
      expect(ran, job.name).toHaveLength(1);
    }
    expect(reports.flatMap((r) => r.failed)).toEqual([]);
    const leases = await getDb().jobLease.findMany({ orderBy: { name: "asc" } });
    expect(leases.map((l) => l.name)).toEqual(PERIODIC_JOBS.map((j) => j.name).sort());
    for (const lease of leases) {
      const job = PERIODIC_JOBS.find((j) => j.name === lease.name)!;
      expect(lease).toMatchObject({ holder: null, leaseUntil: null, lastError: null });
      expect(lease.lastPeriodStart).toEqual(periodStart(new Date(now), job.periodMs));
    }
    // The tick's own work, done once: one enrolment each (rules), one notice (reminders), one
    // e-mail of it (email), beside the messages queued before.
    const ran = (name: string) =>
      reports.flatMap((r) => r.outcomes).find((o) => o.name === name && o.status === "ran");
    expect(ran("rules")).toMatchObject({ result: newcomers.length });
    expect(ran("reminders")).toMatchObject({ result: { ASSIGNED: newcomers.length } });
    const userId = { in: newcomers.map((u) => u.id) };
    expect(await getDb().enrolment.count({ where: { userId } })).toBe(newcomers.length);
    expect(
      await getDb().outboxEmail.count({ where: { userId, eventType: "ASSIGNED", status: "SENT" } }),
    ).toBe(newcomers.length);
    expect(receivedAddresses()).toEqual([...queued, ...newcomers.map((u) => u.email)].sort());
    expect(await getDb().outboxEmail.count({ where: { status: { not: "SENT" } } })).toBe(0);

    // A third tick in the same hour finds everything done.
    const again = await runJobs(new Date(now));
    expect(again.ran).toEqual([]);
    expect(again.outcomes.every((o) => o.status === "done")).toBe(true);
  });

  it("two deliverers in separate processes send every message exactly once", async () => {
    const addresses = await queueEmails(40);
    const results = (await runAtOnce(pair, "deliver", smtp.url)) as { sent: number }[];

    expect(receivedAddresses()).toEqual(addresses.sort());
    expect(results[0]!.sent + results[1]!.sent).toBe(40);
    // Both really delivered: the claims raced, they did not run one after the other.
    expect(results.every((r) => r.sent > 0)).toBe(true);
    expect(await getDb().outboxEmail.count({ where: { status: { not: "SENT" } } })).toBe(0);
  });
});

describe("job leases", PROCESS_TEST, () => {
  // The claim is one conditional UPDATE. A read, then a write, would let several of these win
  // on PostgreSQL, where the pooled claims really run at once (READ COMMITTED).
  it.each([
    ["its first run anywhere (the row is created in the race)", false],
    ["a due period, its last lease run out", true],
  ])("twenty claims from two processes at one instant: one wins, for %s", async (_, existing) => {
    if (existing) {
      await getDb().jobLease.create({
        data: {
          name: "race",
          lastPeriodStart: new Date(Date.now() - 2 * HOUR_MS),
          leaseUntil: new Date(Date.now() - 1000),
          holder: "a-holder-that-died",
        },
      });
    }
    const results = (await runAtOnce(pair, "claim", "race")) as { holders: string[] }[];
    const holders = results.flatMap((r) => r.holders);
    expect(holders).toHaveLength(1);
    const winner = pair[results[0]!.holders.length === 1 ? 0 : 1]!.child.pid;
    expect(holders[0]).toContain(`/${winner}/`);
    // The winner ran its period: the job is done for it, its lease released.
    const lease = await getDb().jobLease.findUniqueOrThrow({ where: { name: "race" } });
    expect(lease).toMatchObject({ holder: null, leaseUntil: null });
    expect(lease.lastPeriodStart!.getTime()).toBeGreaterThan(Date.now() - HOUR_MS);
  });

  it("a holder that dies keeps the job until its lease runs out; the next tick then runs it", async () => {
    const job = probe("probe");
    const holder = startToKill();
    expect(await runAtOnce([holder], "hold", "probe")).toEqual([{ claimed: true }]);

    const held = await runJobs(new Date(), { jobs: [job.definition] });
    expect(held.outcomes).toEqual([
      {
        name: "probe",
        status: "heldElsewhere",
        holder: expect.stringContaining(`/${holder.child.pid}/`),
      },
    ]);
    holder.child.kill("SIGKILL");
    // Killed: nothing renews the lease any more; until it runs out the job stays held.
    expect((await runJobs(new Date(), { jobs: [job.definition] })).heldElsewhere).toEqual([
      "probe",
    ]);
    const lease = await getDb().jobLease.findUniqueOrThrow({ where: { name: "probe" } });
    await sleep(lease.leaseUntil!.getTime() - Date.now() + 50);

    expect((await runJobs(new Date(), { jobs: [job.definition] })).ran).toEqual(["probe"]);
    expect(job.runs).toBe(1);
  });

  it("a job that throws is retried on the next tick, and the jobs after it still run", async () => {
    let calls = 0;
    const flaky: JobDefinition = {
      name: "flaky",
      periodMs: HOUR_MS,
      run: async () => {
        if (++calls === 1) throw new Error("disk full");
        return calls;
      },
    };
    const next = probe("next");
    const now = new Date("2026-12-01T10:05:00.000Z");

    const first = await runJobs(now, { jobs: [flaky, next.definition] });
    expect(first).toMatchObject({ ran: ["next"], failed: ["flaky"] });
    expect(await getDb().jobLease.findUniqueOrThrow({ where: { name: "flaky" } })).toMatchObject({
      holder: null,
      lastPeriodStart: null,
      lastError: "disk full",
    });

    const second = await runJobs(new Date(now.getTime() + 5 * 60_000), {
      jobs: [flaky, next.definition],
    });
    expect(second).toMatchObject({ ran: ["flaky"], failed: [] });
    expect(second.outcomes[1]).toEqual({ name: "next", status: "done" });
    expect(await getDb().jobLease.findUniqueOrThrow({ where: { name: "flaky" } })).toMatchObject({
      lastPeriodStart: new Date("2026-12-01T10:00:00.000Z"),
      lastError: null,
    });
    expect([calls, next.runs]).toEqual([2, 1]);
  });

  it("a slow job outlives its lease length but is skipped by the next tick, not run twice", async () => {
    let release!: () => void;
    const slow = probe("slow", new Promise<void>((resolve) => (release = resolve)));
    const leaseMs = 300;
    const running = runJobs(new Date(), { jobs: [slow.definition], leaseMs });
    // Three lease lengths: only the renewals keep the claim alive.
    await sleep(3 * leaseMs);
    const tick = await runJobs(new Date(), { jobs: [slow.definition], leaseMs });
    expect(tick.heldElsewhere).toEqual(["slow"]);
    release();
    expect((await running).ran).toEqual(["slow"]);
    expect(slow.runs).toBe(1);
    expect((await runJobs(new Date(), { jobs: [slow.definition], leaseMs })).ran).toEqual([]);
  });

  it("a job whose predecessor runs elsewhere waits for that process to run it", async () => {
    const first = probe("first");
    const second = probe("second");
    const holder = startToKill();
    await runAtOnce([holder], "hold", "first");
    const jobs = [first.definition, { ...second.definition, after: ["first"] }];
    expect((await runJobs(new Date(), { jobs })).heldElsewhere).toEqual(["first", "second"]);
    expect(second.runs).toBe(0);
  });

  it("periods are UTC hours or days counted from the epoch", () => {
    const now = new Date("2026-12-01T10:59:59.999Z");
    expect(periodStart(now, HOUR_MS)).toEqual(new Date("2026-12-01T10:00:00.000Z"));
    expect(periodStart(now, 24 * HOUR_MS)).toEqual(new Date("2026-12-01T00:00:00.000Z"));
  });
});

describe("rate limits across processes", PROCESS_TEST, () => {
  it("count requests from two processes against one shared limit", async () => {
    const key = crypto.randomUUID();
    const results = (await runAtOnce(pair, "consume", key)) as { allowed: number }[];
    // 40 requests at once against 30 points: exactly 30 pass, whichever process made them.
    expect(results[0]!.allowed + results[1]!.allowed).toBe(30);
  });
});
