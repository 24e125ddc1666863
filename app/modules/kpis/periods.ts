// KPI periods (decision 041): a weekly actual belongs to the ISO week starting on its Monday,
// a monthly one to its calendar month; both are stored as the period's first day, UTC midnight.
export const KPI_PERIODS = ["WEEKLY", "MONTHLY"] as const;
export type KpiPeriodValue = (typeof KPI_PERIODS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

function utcMidnight(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** The first day of the period `date` falls in. */
export function periodStartOf(date: Date, period: KpiPeriodValue): Date {
  if (period === "MONTHLY") return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
  const day = utcMidnight(date);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * DAY_MS);
}

/** The first day of the period after the one starting on `start`. */
export function nextPeriodStart(start: Date, period: KpiPeriodValue): Date {
  if (period === "MONTHLY")
    return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  return new Date(start.getTime() + 7 * DAY_MS);
}

/** The last day of the period starting on `start` (a target path is read there). */
export function periodEndOf(start: Date, period: KpiPeriodValue): Date {
  return new Date(nextPeriodStart(start, period).getTime() - DAY_MS);
}

function pad(value: number, width = 2) {
  return String(value).padStart(width, "0");
}

/** ISO week-numbering year and week of a Monday. */
function isoWeek(monday: Date): { year: number; week: number } {
  const thursday = new Date(monday.getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursday = periodStartOf(new Date(Date.UTC(year, 0, 4)), "WEEKLY");
  const week = Math.round((monday.getTime() - firstThursday.getTime()) / (7 * DAY_MS)) + 1;
  return { year, week };
}

/** The period as people and CSV files write it: "2026-03" (a month) or "2026-W10" (a week). */
export function periodKey(start: Date, period: KpiPeriodValue): string {
  if (period === "MONTHLY") return `${start.getUTCFullYear()}-${pad(start.getUTCMonth() + 1)}`;
  const { year, week } = isoWeek(start);
  return `${year}-W${pad(week)}`;
}

/**
 * Reads a period: "2026-03" for a month, "2026-W10" for an ISO week, or any calendar day
 * "2026-03-04" (the period it falls in). Null when it is none of these, or not of this KPI's
 * kind (a week given for a monthly KPI).
 */
export function parsePeriod(text: string, period: KpiPeriodValue): Date | null {
  const value = text.trim();
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (month) {
    const m = Number(month[2]);
    if (period !== "MONTHLY" || m < 1 || m > 12) return null;
    return new Date(Date.UTC(Number(month[1]), m - 1, 1));
  }
  const week = /^(\d{4})-W(\d{2})$/i.exec(value);
  if (week) {
    if (period !== "WEEKLY") return null;
    const year = Number(week[1]);
    const number = Number(week[2]);
    const firstMonday = periodStartOf(new Date(Date.UTC(year, 0, 4)), "WEEKLY");
    const monday = new Date(firstMonday.getTime() + (number - 1) * 7 * DAY_MS);
    if (number < 1 || isoWeek(monday).year !== year) return null;
    return monday;
  }
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) {
    const date = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
    if (
      date.getUTCFullYear() !== Number(day[1]) ||
      date.getUTCMonth() !== Number(day[2]) - 1 ||
      date.getUTCDate() !== Number(day[3])
    )
      return null;
    return periodStartOf(date, period);
  }
  return null;
}
