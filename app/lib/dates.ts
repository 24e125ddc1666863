// Time spans, and dates as people read them and as machines read them.
//
// People see dates in their own language (Intl), always in one fixed time zone (UTC, said
// after the time), so that the server's HTML and the browser's first render are the same text
// and hydration never mismatches. Only the calendar date and a 24-hour clock are formatted,
// separately: the patterns that join them (", " or " at ") differ between ICU versions, and a
// 12-hour clock's space before "PM" differs too. Machines (CSV, stored notice parameters, form
// inputs) get ISO dates.

export const MINUTE_MS = 60 * 1000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

/** The zone every date is shown in, on the server and in the browser. */
export const DISPLAY_TIME_ZONE = "UTC";

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

function toDate(value: Date | string): Date {
  return typeof value === "string" ? new Date(value) : value;
}

/** "2026-11-28", for machines. */
export function isoDate(value: Date | string): string {
  return toDate(value).toISOString().slice(0, 10);
}

const LOCALES: Record<string, string> = { en: "en-US", zh: "zh-CN" };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: string, part: "date" | "time"): Intl.DateTimeFormat {
  const locale = LOCALES[language] ?? LOCALES.en!;
  const key = `${locale}:${part}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(
      locale,
      part === "date"
        ? { timeZone: DISPLAY_TIME_ZONE, year: "numeric", month: "short", day: "numeric" }
        : { timeZone: DISPLAY_TIME_ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
    );
    formatters.set(key, format);
  }
  return format;
}

/** "Nov 28, 2026" / "2026年11月28日" */
export function formatDate(value: Date | string, language: string): string {
  return formatter(language, "date").format(toDate(value));
}

/** "Nov 28, 2026 07:52 UTC" / "2026年11月28日 07:52 UTC" */
export function formatDateTime(value: Date | string, language: string): string {
  const date = toDate(value);
  return `${formatter(language, "date").format(date)} ${formatter(language, "time").format(date)} UTC`;
}
