// Retention (decision 024): keep the newest verified backup of each of the last N days,
// N weeks and N months that have one (UTC calendar: ISO weeks starting Monday), the union of
// the three, and always the newest verified one. Unverified or failed backups are kept only while they are among the newest few,
// for diagnosis. Pure, so the rule is tested without files.

export interface RetentionPolicy {
  daily: number;
  weekly: number;
  monthly: number;
}

export interface RetainedBackup {
  id: string;
  createdAt: Date;
  verified: boolean;
}

/** Failed or unverified backups kept (the newest), so their messages can be read. */
export const FAILED_KEPT = 3;

const dayKey = (date: Date) => date.toISOString().slice(0, 10);
const monthKey = (date: Date) => date.toISOString().slice(0, 7);

/** The Monday (UTC) of the date's ISO week, as a day key. */
function weekKey(date: Date): string {
  const monday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  return dayKey(monday);
}

/** The newest backup of each of the first `count` periods (newest first) that have one. */
function newestPerPeriod(
  newestFirst: readonly RetainedBackup[],
  periodOf: (date: Date) => string,
  count: number,
): string[] {
  const kept: string[] = [];
  const seen = new Set<string>();
  for (const backup of newestFirst) {
    if (seen.size >= count) break;
    const period = periodOf(backup.createdAt);
    if (seen.has(period)) continue;
    seen.add(period);
    kept.push(backup.id);
  }
  return kept;
}

/** The ids of the backups to keep; every other one is pruned (file and row). */
export function backupsToKeep(
  backups: readonly RetainedBackup[],
  policy: RetentionPolicy,
): Set<string> {
  const newestFirst = [...backups].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const verified = newestFirst.filter((backup) => backup.verified);
  const unverified = newestFirst.filter((backup) => !backup.verified);
  return new Set([
    // The newest verified backup stays whatever the policy says (all counts 0 included).
    ...verified.slice(0, 1).map((backup) => backup.id),
    ...newestPerPeriod(verified, dayKey, policy.daily),
    ...newestPerPeriod(verified, weekKey, policy.weekly),
    ...newestPerPeriod(verified, monthKey, policy.monthly),
    ...unverified.slice(0, FAILED_KEPT).map((backup) => backup.id),
  ]);
}
