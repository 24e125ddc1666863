import { logger } from "~/lib/logger.server";
import { pruneSecurityEvents } from "~/lib/security-events.server";
import {
  rebuildProgressStatsIfDue,
  sweepOverdue,
  sendScheduledReminders,
  applyAllRules,
} from "~/modules/learning/index.server";
import { deliverOutbox } from "~/modules/notifications/index.server";
import { backupIfDue } from "~/modules/backups/index.server";
import { HOUR_MS, MINUTE_MS } from "~/lib/dates";

/**
 * Periodic work, idempotent: safe to run twice in a row or from two servers. Rules first
 * (so new enrolments are announced in the same run), then the reminders, then e-mail.
 */
export async function runJobs(now = new Date()) {
  const enrolmentsCreated = await applyAllRules(now);
  const reminders = await sendScheduledReminders(now);
  const overduePairs = await sweepOverdue(now);
  // The full recount heals counters a write path missed; daily is enough.
  const reportPairs = await rebuildProgressStatsIfDue(now);
  // Security events past AUDIT_SECURITY_RETENTION_DAYS (data changes are kept).
  const securityEventsPruned = await pruneSecurityEvents(now);
  const email = { sent: 0, failed: 0, skipped: false };
  // Deliver the whole backlog (a weekly overdue wave can be thousands), within a time budget.
  const deadline = Date.now() + 5 * MINUTE_MS;
  for (;;) {
    const round = await deliverOutbox({ now });
    email.sent += round.sent;
    email.failed += round.failed;
    email.skipped = round.skipped;
    if (round.skipped || round.sent + round.failed === 0 || Date.now() > deadline) break;
  }
  // Last: a scheduled backup (when BACKUP_SCHEDULE says one is due) includes this run's work.
  const backup = await backupIfDue(now);
  return {
    enrolmentsCreated,
    reminders,
    overduePairs,
    reportPairs,
    securityEventsPruned,
    email,
    backup,
  };
}

const EVERY_MS = HOUR_MS;

/** Runs the jobs shortly after start and every hour, once per process. */
export function scheduleJobs() {
  const state = globalThis as { __uptakeJobs?: boolean };
  if (state.__uptakeJobs) return;
  state.__uptakeJobs = true;
  const run = () =>
    runJobs()
      .then((result) => logger.info(result, "jobs finished"))
      .catch((error: unknown) => logger.error({ err: error }, "jobs failed"));
  setTimeout(run, 10_000).unref();
  setInterval(run, EVERY_MS).unref();
}
