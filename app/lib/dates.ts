// Dates render the same on the server and in the browser (no locale or time-zone
// differences to break hydration): ISO-like, in UTC, which reads well in both languages.

export const DAY_MS = 24 * 3600 * 1000;

function toDate(value: Date | string): Date {
  return typeof value === "string" ? new Date(value) : value;
}

/** "2026-11-28 07:52 UTC" */
export function formatDateTime(value: Date | string): string {
  return `${toDate(value).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** "2026-11-28" */
export function formatDate(value: Date | string): string {
  return toDate(value).toISOString().slice(0, 10);
}
