import { logger } from "~/lib/logger.server";
import { pruneSecurityEvents } from "~/lib/security-events.server";
import {
  rebuildProgressStats,
  sweepOverdue,
  sendScheduledReminders,
  applyAllRules,
} from "~/modules/learning/index.server";
import { deliverOutbox } from "~/modules/notifications/index.server";
import { backupIfDue } from "~/modules/backups/index.server";
import { checkPointsTotals, ensureBadgeRules } from "~/modules/incentives/index.server";
import { runPulseSchedule } from "~/modules/initiatives/index.server";
import { notifyOverdueRiskReviews } from "~/modules/risks/index.server";
import { runWebhookJob, startWebhookPolling } from "~/modules/webhooks/index.server";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "~/lib/dates";
import { claimJob, DEFAULT_LEASE_MS } from "./leases.server";

/** A periodic job: run at most once per period across every process on the database. */
export interface JobDefinition {
  name: string;
  periodMs: number;
  /** Jobs this one follows in a tick: while another process runs one of them, wait for it. */
  after?: string[];
  run: (now: Date) => Promise<unknown>;
}

/** Delivering the whole backlog (a weekly overdue wave can be thousands) takes at most this. */
const EMAIL_BUDGET_MS = 5 * MINUTE_MS;

async function deliverBacklog() {
  const email = { sent: 0, failed: 0, skipped: false };
  const deadline = Date.now() + EMAIL_BUDGET_MS;
  for (;;) {
    // The real clock, not the tick's: each claim is stamped with the time it was made.
    const round = await deliverOutbox();
    email.sent += round.sent;
    email.failed += round.failed;
    email.skipped = round.skipped;
    if (round.skipped || round.sent + round.failed === 0 || Date.now() > deadline) break;
  }
  return email;
}

/**
 * In tick order: rules first (so new enrolments are announced in the same tick), then the
 * reminders, then e-mail. Each job is idempotent on its own as well.
 */
export const PERIODIC_JOBS: JobDefinition[] = [
  { name: "rules", periodMs: HOUR_MS, run: applyAllRules },
  { name: "reminders", periodMs: HOUR_MS, after: ["rules"], run: sendScheduledReminders },
  { name: "overdueSweep", periodMs: HOUR_MS, run: sweepOverdue },
  // The full recount heals counters a write path missed; daily is enough.
  { name: "counters", periodMs: DAY_MS, run: rebuildProgressStats },
  // Security events past AUDIT_SECURITY_RETENTION_DAYS (data changes are kept).
  { name: "securityEventPruning", periodMs: HOUR_MS, run: pruneSecurityEvents },
  // Badges introduced since the last run, and any a race left unawarded (decision 032).
  { name: "badges", periodMs: HOUR_MS, run: ensureBadgeRules },
  // The leaderboards' running totals against the ledger; a difference is logged (decision 031).
  { name: "pointsTotals", periodMs: DAY_MS, run: checkPointsTotals },
  // Webhook deliveries due (retries) and old events; between ticks each server also polls
  // (claims are per delivery, decision 045).
  { name: "webhooks", periodMs: MINUTE_MS, run: runWebhookJob },
  // The jobs that write e-mails form one chain ending in "email", each after the one before:
  // a process that finds a link busy elsewhere skips the rest, and the holder runs them. With
  // several predecessors each of two processes could find one busy and both skip e-mail.
  // Pulse surveys open and close by their dates; the announcement and the one reminder (039).
  { name: "pulses", periodMs: HOUR_MS, after: ["reminders"], run: runPulseSchedule },
  // Overdue risk reviews, one notice to the owner per review date (decision 043).
  { name: "riskReviews", periodMs: HOUR_MS, after: ["pulses"], run: notifyOverdueRiskReviews },
  { name: "email", periodMs: HOUR_MS, after: ["riskReviews"], run: deliverBacklog },
  // Last: a backup (when BACKUP_SCHEDULE says one is due) includes this tick's work.
  { name: "backup", periodMs: HOUR_MS, after: ["email"], run: backupIfDue },
];

export type JobOutcome =
  | { name: string; status: "ran"; result: unknown }
  | { name: string; status: "failed"; error: string }
  /** Done for this period already (here or on another server). */
  | { name: string; status: "done" }
  /** Another process holds the job's lease, or one of the jobs it follows. */
  | { name: string; status: "heldElsewhere"; holder: string | null };

export interface JobsReport {
  outcomes: JobOutcome[];
  ran: string[];
  heldElsewhere: string[];
  failed: string[];
}

/**
 * One tick: every job due in the period holding `now` that no other process holds runs
 * here, in order. A job that throws is reported, its lease released and its period left
 * due, so the next tick (here or elsewhere) retries it; the other jobs still run.
 */
export async function runJobs(
  now = new Date(),
  { jobs = PERIODIC_JOBS, leaseMs = DEFAULT_LEASE_MS } = {},
): Promise<JobsReport> {
  const outcomes: JobOutcome[] = [];
  const busyElsewhere = new Set<string>();
  for (const job of jobs) {
    const waitsFor = job.after?.find((name) => busyElsewhere.has(name));
    if (waitsFor) {
      busyElsewhere.add(job.name);
      outcomes.push({ name: job.name, status: "heldElsewhere", holder: null });
      continue;
    }
    const outcome = await runJob(job, now, leaseMs);
    if (outcome.status === "heldElsewhere") busyElsewhere.add(job.name);
    outcomes.push(outcome);
  }
  const named = (status: JobOutcome["status"]) =>
    outcomes.filter((o) => o.status === status).map((o) => o.name);
  return {
    outcomes,
    ran: named("ran"),
    heldElsewhere: named("heldElsewhere"),
    failed: named("failed"),
  };
}

async function runJob(job: JobDefinition, now: Date, leaseMs: number): Promise<JobOutcome> {
  const claim = await claimJob(job.name, now, job.periodMs, leaseMs);
  if (!claim.claimed) {
    return claim.reason === "done"
      ? { name: job.name, status: "done" }
      : { name: job.name, status: "heldElsewhere", holder: claim.holder };
  }
  let result: unknown;
  try {
    result = await job.run(now);
  } catch (error) {
    await claim.lease.finish(error);
    logger.error({ err: error, job: job.name }, "job failed");
    return { name: job.name, status: "failed", error: String(error) };
  }
  await claim.lease.finish();
  return { name: job.name, status: "ran", result };
}

/** Ticks this often: a job done for its period costs one conditional update per tick. */
const TICK_MS = 5 * MINUTE_MS;

/**
 * Ticks shortly after start and every five minutes, once per process. Every server may
 * run this: the leases make each job run once per period across all of them.
 */
export function scheduleJobs() {
  const state = globalThis as { __uptakeJobs?: boolean };
  if (state.__uptakeJobs) return;
  state.__uptakeJobs = true;
  const tick = () =>
    runJobs()
      .then((report) => {
        if (report.ran.length > 0 || report.failed.length > 0) logger.info(report, "jobs tick");
      })
      .catch((error: unknown) => logger.error({ err: error }, "jobs tick failed"));
  setTimeout(tick, 10_000).unref();
  setInterval(tick, TICK_MS).unref();
  startWebhookPolling();
}
