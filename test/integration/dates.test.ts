import { describe, expect, it } from "vitest";
import { addDays, DAY_MS, formatDate, formatDateTime, isoDate } from "~/lib/dates";

describe("dates", () => {
  const at = new Date("2026-11-28T23:52:00Z");

  it("shows dates in the viewer's language, in UTC whatever the server's zone", () => {
    expect(formatDate(at, "en")).toBe("Nov 28, 2026");
    expect(formatDate(at, "zh")).toBe("2026年11月28日");
    expect(formatDateTime(at, "en")).toBe("Nov 28, 2026 23:52 UTC");
    expect(formatDateTime(at, "zh")).toBe("2026年11月28日 23:52 UTC");
    // Midnight is 00, not 24 (a known ICU difference with some hour cycles).
    expect(formatDateTime("2026-11-29T00:05:00Z", "en")).toBe("Nov 29, 2026 00:05 UTC");
  });

  it("falls back to English for a language it does not know", () => {
    expect(formatDate(at, "fr")).toBe("Nov 28, 2026");
  });

  it("gives machines ISO dates and counts days in milliseconds", () => {
    expect(isoDate(at)).toBe("2026-11-28");
    expect(isoDate("2026-11-28T23:52:00Z")).toBe("2026-11-28");
    expect(addDays(at, 2).getTime() - at.getTime()).toBe(2 * DAY_MS);
  });
});
