import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { DAY_MS, HOUR_MS } from "~/lib/dates";
import { securityEventsSettled } from "~/lib/security-events.server";
import {
  alertIfStale,
  backupHealth,
  backupIfDue,
  backupSettings,
  runBackup,
} from "~/modules/backups/index.server";
import * as backupsRoute from "~/routes/admin/backups";
import * as downloadRoute from "~/routes/admin/backups-download";
import { actionArgs, formPost, loaderArgs, outcomeStatus } from "../support/actions";
import { backupFolder } from "../support/backups";
import { makeUser, request, sessionCookie } from "../support/factories";

// The admin side of backups (decision 024): the page and its permission, "Back up now" and
// double submits, downloads, the schedule and the once-per-period stale notification.

async function signedIn(role: "ADMIN" | "HR" | "EMPLOYEE") {
  const user = await makeUser({ role });
  return { user, cookie: (await sessionCookie(user.id)).cookie };
}

// Each backup is verified by a restore: seconds on PostgreSQL (pg_dump, CREATE DATABASE,
// pg_restore, DROP DATABASE) on a busy machine.
const SLOW = { timeout: 90_000 };

describe("/admin/backups", SLOW, () => {
  it("is for administrators only: 403 for HR and employees, download included", async () => {
    for (const role of ["HR", "EMPLOYEE"] as const) {
      const { cookie } = await signedIn(role);
      expect(
        await outcomeStatus(() =>
          backupsRoute.loader(loaderArgs(request("/admin/backups", { cookie }))),
        ),
      ).toBe(403);
      expect(
        await outcomeStatus(() =>
          backupsRoute.action(actionArgs(formPost("/admin/backups", cookie, {}))),
        ),
      ).toBe(403);
      expect(
        await outcomeStatus(() =>
          downloadRoute.loader(
            loaderArgs(request("/admin/backups/x/download", { cookie }), { backupId: "x" }),
          ),
        ),
      ).toBe(403);
    }
    expect(await getDb().backup.count()).toBe(0);
  });

  it("backs up now once for a double click, lists it verified, and streams the download", async () => {
    const admin = await signedIn("ADMIN");
    const post = () =>
      backupsRoute.action(actionArgs(formPost("/admin/backups", admin.cookie, {})));
    const statuses = await Promise.all([outcomeStatus(post), outcomeStatus(post)]);
    expect(statuses.sort()).toEqual([200, 409]);
    const rows = await getDb().backup.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe("VERIFIED");
    expect(await getDb().backupLock.count()).toBe(0);
    const audit = await getDb().auditEvent.findFirst({
      where: { action: "backup.create", subjectId: rows[0]!.id },
    });
    expect(audit?.actorId).toBe(admin.user.id);

    const page = await backupsRoute.loader(
      loaderArgs(request("/admin/backups", { cookie: admin.cookie })),
    );
    expect(page.backups).toMatchObject([{ id: rows[0]!.id, status: "VERIFIED", kind: "MANUAL" }]);
    expect(page.health.lastVerifiedAt).toBe(rows[0]!.createdAt.toISOString());

    const response = (await downloadRoute.loader(
      loaderArgs(request(`/admin/backups/${rows[0]!.id}/download`, { cookie: admin.cookie }), {
        backupId: rows[0]!.id,
      }),
    )) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toContain(rows[0]!.fileName);
    const body = Buffer.from(await response.arrayBuffer());
    const file = path.join(backupSettings().dir, rows[0]!.fileName);
    expect(body.equals(fs.readFileSync(file))).toBe(true);
    await securityEventsSettled();
    expect(
      await getDb().auditEvent.count({
        where: { actorId: admin.user.id, action: "security.export", subjectType: "Backup" },
      }),
    ).toBe(1);

    expect(
      await outcomeStatus(() =>
        downloadRoute.loader(
          loaderArgs(request("/admin/backups/nope/download", { cookie: admin.cookie }), {
            backupId: "nope",
          }),
        ),
      ),
    ).toBe(404);
  });
});

describe("scheduled backups and the stale warning", SLOW, () => {
  it("backs up when due, warns when out of date, and notifies admins once per stale period", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const employee = await makeUser();
    await getDb().backup.deleteMany();
    const settings = backupSettings({ dir: backupFolder("schedule"), intervalMs: DAY_MS });
    const start = new Date("2031-03-03T02:00:00Z");
    const notices = (userId: string) =>
      getDb().notification.count({ where: { userId, type: "BACKUP_STALE" } });

    // No verified backup at all: out of date, one notice however often the check runs.
    expect(await alertIfStale(start, settings)).toBe(true);
    expect(await alertIfStale(new Date(start.getTime() + HOUR_MS), settings)).toBe(false);
    expect(await notices(admin.id)).toBe(1);
    expect(await notices(employee.id)).toBe(0);

    // The job makes the scheduled backup; an hour later none is due.
    const first = await backupIfDue(start, settings);
    expect(first.backup).toMatchObject({ status: "VERIFIED" });
    expect(first.alerted).toBe(false);
    expect((await backupIfDue(new Date(start.getTime() + HOUR_MS), settings)).backup).toBeNull();

    // No backup since (the jobs stopped): after a day plus the grace the backups are stale.
    const late = new Date(start.getTime() + DAY_MS + 3 * HOUR_MS);
    expect(await alertIfStale(new Date(start.getTime() + DAY_MS + HOUR_MS), settings)).toBe(false);
    expect(await alertIfStale(late, settings)).toBe(true);
    expect(await alertIfStale(new Date(late.getTime() + 5 * HOUR_MS), settings)).toBe(false);
    expect(await notices(admin.id)).toBe(2);
    const outbox = await getDb().outboxEmail.count({
      where: { userId: admin.id, eventType: "BACKUP_STALE" },
    });
    expect(outbox).toBe(2);
    expect(await backupHealth(late, settings)).toMatchObject({ stale: true, intervalHours: 24 });

    const admin2 = await signedIn("ADMIN");
    const health = await backupsRoute.loader(
      loaderArgs(request("/admin/backups", { cookie: admin2.cookie })),
    );
    // BACKUP_SCHEDULE is "off" in the tests' environment: the page shows no warning then.
    expect(health.health).toMatchObject({ intervalHours: null, stale: false });

    await runBackup({ kind: "MANUAL", settings, now: late });
    expect(await alertIfStale(late, settings)).toBe(false);
  });
});
