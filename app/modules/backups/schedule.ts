import { DAY_MS, HOUR_MS, WEEK_MS } from "~/lib/dates";

// BACKUP_SCHEDULE (decision 024): "off", "hourly", "daily" (the default), "weekly", or an
// interval in whole hours or days ("6h", "2d"). The periodic jobs run hourly, so an interval
// shorter than an hour is refused.
const NAMED: Record<string, number | null> = {
  off: null,
  hourly: HOUR_MS,
  daily: DAY_MS,
  weekly: WEEK_MS,
};

/** The interval between scheduled backups in ms, null for "off", undefined when invalid. */
export function parseBackupSchedule(value: string): number | null | undefined {
  const text = value.trim().toLowerCase();
  if (text in NAMED) return NAMED[text];
  // The same form env.server.ts accepts for BACKUP_SCHEDULE.
  const match = /^([1-9]\d{0,3})([hd])$/.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * (match[2] === "h" ? HOUR_MS : DAY_MS);
}

/** A backup due at the next run may start this much early: the jobs' hour is not exact. */
const DUE_TOLERANCE_MS = 10 * 60 * 1000;

/** Past the schedule by this much, the last verified backup counts as out of date. */
export const STALE_GRACE_MS = 2 * HOUR_MS;

/** Is a scheduled backup due, given the time of the last verified one? */
export function isBackupDue(intervalMs: number | null, lastVerifiedAt: Date | null, now: Date) {
  if (intervalMs === null) return false;
  if (!lastVerifiedAt) return true;
  return now.getTime() - lastVerifiedAt.getTime() >= intervalMs - DUE_TOLERANCE_MS;
}

/**
 * Are backups out of date: no verified backup at all, or the last one older than the
 * schedule allows (interval + grace)? Never with the schedule off.
 */
export function isBackupStale(intervalMs: number | null, lastVerifiedAt: Date | null, now: Date) {
  if (intervalMs === null) return false;
  if (!lastVerifiedAt) return true;
  return now.getTime() - lastVerifiedAt.getTime() > intervalMs + STALE_GRACE_MS;
}
