import { describe, expect, it } from "vitest";
import { DAY_MS, HOUR_MS, WEEK_MS } from "~/lib/dates";
import {
  backupsToKeep,
  FAILED_KEPT,
  isBackupDue,
  isBackupStale,
  parseBackupSchedule,
  STALE_GRACE_MS,
  type RetainedBackup,
} from "~/modules/backups";

// The pure rules of decision 024: which backups retention keeps, and BACKUP_SCHEDULE.

/** One verified backup a day at 02:00 UTC for `days` days up to `last`, newest first. */
function daily(last: string, days: number): RetainedBackup[] {
  const end = new Date(`${last}T02:00:00Z`).getTime();
  return Array.from({ length: days }, (_, index) => ({
    id: new Date(end - index * DAY_MS).toISOString().slice(0, 10),
    createdAt: new Date(end - index * DAY_MS),
    verified: true,
  }));
}

describe("retention", () => {
  it("keeps the last N daily, weekly (ISO, Monday) and monthly backups, the union of the three", () => {
    // 2031-01-01 .. 2031-06-30, one a day; 2031-06-30 is a Monday.
    const backups = daily("2031-06-30", 181);
    const kept = [...backupsToKeep(backups, { daily: 7, weekly: 4, monthly: 6 })].sort();
    expect(kept).toEqual(
      [
        // Days: the newest seven.
        "2031-06-24",
        "2031-06-25",
        "2031-06-26",
        "2031-06-27",
        "2031-06-28",
        "2031-06-29",
        "2031-06-30",
        // Weeks: the newest of each of the last four: the 30th (this week), then Sundays, the
        // 29th being a day kept already.
        "2031-06-15",
        "2031-06-22",
        // Months: the last day of each of the last six (June's is the 30th).
        "2031-01-31",
        "2031-02-28",
        "2031-03-31",
        "2031-04-30",
        "2031-05-31",
      ].sort(),
    );
  });

  it("keeps the newest of several backups in one day, and always the newest verified one", () => {
    const morning = { id: "morning", createdAt: new Date("2031-05-05T08:00:00Z"), verified: true };
    const evening = { id: "evening", createdAt: new Date("2031-05-05T20:00:00Z"), verified: true };
    expect([...backupsToKeep([morning, evening], { daily: 7, weekly: 0, monthly: 0 })]).toEqual([
      "evening",
    ]);
    expect([...backupsToKeep([morning, evening], { daily: 0, weekly: 0, monthly: 0 })]).toEqual([
      "evening",
    ]);
  });

  it("lets failed backups count for no period and keeps only the newest few of them", () => {
    const failed = Array.from({ length: FAILED_KEPT + 2 }, (_, index) => ({
      id: `failed-${index}`,
      createdAt: new Date(Date.UTC(2031, 4, 10 - index)),
      verified: false,
    }));
    const verified = { id: "good", createdAt: new Date("2031-05-01T02:00:00Z"), verified: true };
    const kept = backupsToKeep([...failed, verified], { daily: 7, weekly: 4, monthly: 6 });
    expect([...kept].sort()).toEqual(["failed-0", "failed-1", "failed-2", "good"]);
  });
});

describe("BACKUP_SCHEDULE", () => {
  it("reads names and intervals and refuses anything else", () => {
    expect(parseBackupSchedule("daily")).toBe(DAY_MS);
    expect(parseBackupSchedule(" Hourly ")).toBe(HOUR_MS);
    expect(parseBackupSchedule("weekly")).toBe(WEEK_MS);
    expect(parseBackupSchedule("off")).toBeNull();
    expect(parseBackupSchedule("6h")).toBe(6 * HOUR_MS);
    expect(parseBackupSchedule("2d")).toBe(2 * DAY_MS);
    for (const bad of ["0h", "30m", "daily!", "", "1.5h", "-1d"]) {
      expect(parseBackupSchedule(bad), bad).toBeUndefined();
    }
  });

  it("is due a little before the interval is over, stale only past it plus the grace", () => {
    const last = new Date("2031-05-05T02:00:00Z");
    const at = (ms: number) => new Date(last.getTime() + ms);
    expect(isBackupDue(DAY_MS, null, last)).toBe(true);
    expect(isBackupDue(DAY_MS, last, at(DAY_MS - HOUR_MS))).toBe(false);
    expect(isBackupDue(DAY_MS, last, at(DAY_MS - 5 * 60_000))).toBe(true);
    expect(isBackupDue(null, null, last)).toBe(false);

    expect(isBackupStale(DAY_MS, last, at(DAY_MS + STALE_GRACE_MS))).toBe(false);
    expect(isBackupStale(DAY_MS, last, at(DAY_MS + STALE_GRACE_MS + 1))).toBe(true);
    expect(isBackupStale(DAY_MS, null, last)).toBe(true);
    expect(isBackupStale(null, null, last)).toBe(false);
  });
});
