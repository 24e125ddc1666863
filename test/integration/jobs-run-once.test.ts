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
import { runAtOnce, startProcess, type SecondProcess } from "../support/processes";
import { startSmtpServer, type SmtpCapture } from "../support/smtp";

// Several app processes on one database (decision 023): each periodic job runs once per
// period and never twice at once, and each e-mail goes out once. The other processes are real
// Node processes (test/support/second-process.ts) on this file's SQLite database.

let smtp: SmtpCapture;
const started: SecondProcess[] = [];
const start = (...args: Parameters<typeof startProcess>) => {
  const child = startProcess(...args);
  started.push(child);
  return child;
};

beforeAll(async () => {
  // Slow acknowledgements keep both deliverers busy at once.
  smtp = await startSmtpServer({ delayMs: 15 });
});

afterEach(async () => {
  for (const p of started.splice(0)) p.child.kill("SIGKILL");
  smtp.received.length = 0;
  await getDb().outboxEmail.deleteMany();
  await getDb().jobLease.deleteMany();
});

afterAll(async () => {
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

describe("two processes ticking at the same moment", () => {
  it("run each job once and send each e-mail once", async () => {
    const addresses = await queueEmails(20);
    const now = "2026-12-01T10:20:00.000Z";
    const env = { SMTP_URL: smtp.url };
    const reports = (await runAtOnce([
      start("jobs", now, env),
      start("jobs", now, env),
    ])) as JobsReport[];

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
    expect(receivedAddresses()).toEqual(addresses.sort());

    // A third tick in the same hour finds everything done.
    const again = await runJobs(new Date(now));
    expect(again.ran).toEqual([]);
    expect(again.outcomes.every((o) => o.status === "done")).toBe(true);
  });

  it("two deliverers in separate processes send every message exactly once", async () => {
    const addresses = await queueEmails(40);
    const results = (await runAtOnce([start("deliver", smtp.url), start("deliver", smtp.url)])) as {
      sent: number;
    }[];

    expect(receivedAddresses()).toEqual(addresses.sort());
    expect(results[0]!.sent + results[1]!.sent).toBe(40);
    // Both really delivered: the claims raced, they did not run one after the other.
    expect(results.every((r) => r.sent > 0)).toBe(true);
    expect(await getDb().outboxEmail.count({ where: { status: { not: "SENT" } } })).toBe(0);
  });
});

describe("job leases", () => {
  it("a holder that dies keeps the job until its lease runs out; the next tick then runs it", async () => {
    const job = probe("probe");
    const holder = start("hold", "probe");
    expect(await (await runAtOnce([holder]))[0]).toEqual({ claimed: true });

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
    const holder = start("hold", "first");
    await runAtOnce([holder]);
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

describe("rate limits across processes", () => {
  it("count requests from two processes against one shared limit", async () => {
    const key = crypto.randomUUID();
    const results = (await runAtOnce([start("consume", key), start("consume", key)])) as {
      allowed: number;
    }[];
    // 40 requests at once against 30 points: exactly 30 pass, whichever process made them.
    expect(results[0]!.allowed + results[1]!.allowed).toBe(30);
  });
});
