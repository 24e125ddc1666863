import { randomUUID } from "node:crypto";
import os from "node:os";
import { getDb, isUniqueViolation } from "~/lib/db.server";
import { logger } from "~/lib/logger.server";
import { MINUTE_MS } from "~/lib/dates";

/*
 * Job leases (decision 023): one JobLease row per job. A run claims the row with one
 * conditional UPDATE (its period not done yet, no live lease). On SQLite the write lock
 * makes that atomic; on PostgreSQL the second UPDATE waits for the first one's row lock
 * and then re-checks its WHERE on the committed row, so it matches nothing. Either way
 * exactly one process gets `count: 1`. Lease times are this machine's clock: servers
 * are expected to keep their clocks in step (NTP), well within DEFAULT_LEASE_MS.
 */

/** How long a claim lives without renewal: a holder that dies frees its job after this. */
export const DEFAULT_LEASE_MS = 2 * MINUTE_MS;

/** The start of the period (UTC, a multiple of `periodMs` since the epoch) holding `now`. */
export function periodStart(now: Date, periodMs: number): Date {
  return new Date(Math.floor(now.getTime() / periodMs) * periodMs);
}

export type ClaimOutcome =
  | { claimed: true; lease: Lease }
  | { claimed: false; reason: "done" | "heldElsewhere"; holder: string | null };

export interface Lease {
  name: string;
  holder: string;
  period: Date;
  /** Stops renewing and records the run: done for the period, or failed (retried next tick). */
  finish: (error?: unknown) => Promise<void>;
}

const claimable = (period: Date, now: Date) => ({
  AND: [
    { OR: [{ lastPeriodStart: null }, { lastPeriodStart: { lt: period } }] },
    { OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
  ],
});

/** Claims job `name` for the period holding `now`; the lease is renewed until `finish`. */
export async function claimJob(
  name: string,
  now: Date,
  periodMs: number,
  leaseMs = DEFAULT_LEASE_MS,
): Promise<ClaimOutcome> {
  const db = getDb();
  const period = periodStart(now, periodMs);
  const holder = `${os.hostname()}/${process.pid}/${randomUUID()}`;
  const claim = () => {
    const at = new Date();
    return db.jobLease.updateMany({
      where: { name, ...claimable(period, at) },
      data: { holder, leaseUntil: new Date(at.getTime() + leaseMs), startedAt: at },
    });
  };
  let { count } = await claim();
  if (count === 0) {
    const row = await db.jobLease.findUnique({ where: { name } });
    if (row) {
      const done = row.lastPeriodStart !== null && row.lastPeriodStart >= period;
      return { claimed: false, reason: done ? "done" : "heldElsewhere", holder: row.holder };
    }
    await createLeaseRow(name);
    ({ count } = await claim());
    if (count === 0) return { claimed: false, reason: "heldElsewhere", holder: null };
  }
  return { claimed: true, lease: holdLease(name, holder, period, leaseMs) };
}

/** The job's first run anywhere: its row, created once (a second creator finds it there). */
async function createLeaseRow(name: string) {
  try {
    await getDb().jobLease.create({ data: { name } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}

/**
 * Renews the lease every third of its length while the job runs, so a run that outlives
 * one lease length is never taken over; `finish` releases it (only if still ours).
 */
function holdLease(name: string, holder: string, period: Date, leaseMs: number): Lease {
  const db = getDb();
  const ours = { name, holder };
  const renew = async () => {
    const { count } = await db.jobLease.updateMany({
      where: ours,
      data: { leaseUntil: new Date(Date.now() + leaseMs) },
    });
    if (count === 0) logger.warn({ job: name, holder }, "job lease lost while running");
  };
  const timer = setInterval(() => {
    renew().catch((error: unknown) => logger.warn({ err: error, job: name }, "lease renewal"));
  }, leaseMs / 3);
  timer.unref();
  return {
    name,
    holder,
    period,
    finish: async (error?: unknown) => {
      clearInterval(timer);
      const released = { holder: null, leaseUntil: null, finishedAt: new Date() };
      // A failed run keeps lastPeriodStart, so the period is still due on the next tick.
      const data =
        error === undefined
          ? { ...released, lastPeriodStart: period, lastError: null }
          : { ...released, lastError: errorText(error) };
      const { count } = await db.jobLease.updateMany({ where: ours, data });
      if (count === 0) logger.warn({ job: name, holder }, "job finished after losing its lease");
    },
  };
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500) || "error";
}
