// Leaderboard periods (decision 031). Months and quarters are calendar periods in UTC, the
// time zone every date in the app is shown in (lib/dates.ts): the giving allowance resets at
// 00:00 UTC on the 1st.

export const PERIOD_KINDS = ["month", "quarter", "all"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const ALL_TIME = "all";

/** "2026-12" */
export function monthKey(at: Date): string {
  return `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** "2026-Q4" */
export function quarterKey(at: Date): string {
  return `${at.getUTCFullYear()}-Q${Math.floor(at.getUTCMonth() / 3) + 1}`;
}

/** The keys of every period `at` falls in: its month, its quarter and all time. */
export function periodKeysOf(at: Date): string[] {
  return [monthKey(at), quarterKey(at), ALL_TIME];
}

export function periodKey(kind: PeriodKind, at: Date): string {
  if (kind === "month") return monthKey(at);
  if (kind === "quarter") return quarterKey(at);
  return ALL_TIME;
}

/** The first instant of `at`'s month, and of the next one (UTC). */
export function monthBounds(at: Date): { start: Date; end: Date } {
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const end = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
  return { start, end };
}
