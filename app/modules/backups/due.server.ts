import { getDb } from "~/lib/db.server";
import { insertIfAbsent } from "~/lib/create-once.server";
import { ConflictError } from "~/lib/errors";
import { logger } from "~/lib/logger.server";
import { notify } from "~/modules/notifications/index.server";
import type { NoticeParams } from "~/modules/notifications";
import { activeUserIdsWithRole } from "~/modules/org/index.server";
import { lastVerifiedBackup, runBackup } from "./backups.server";
import { errorMessage } from "./errors.server";
import { isBackupDue, isBackupStale, STALE_GRACE_MS } from "./schedule";
import { backupSettings, type BackupSettings } from "./settings.server";

// The schedule's side (decision 024): the hourly jobs call backupIfDue, which makes a
// scheduled backup when the last verified one is an interval old, and tells the
// administrators once per stale period when backups are out of date.

/** What the admin page shows above the list. */
export async function backupHealth(now = new Date(), settings = backupSettings()) {
  const last = await lastVerifiedBackup();
  const lastAt = last?.createdAt ?? null;
  return {
    lastVerifiedAt: lastAt?.toISOString() ?? null,
    intervalHours: settings.intervalMs === null ? null : settings.intervalMs / 3_600_000,
    graceHours: STALE_GRACE_MS / 3_600_000,
    stale: isBackupStale(settings.intervalMs, lastAt, now),
  };
}

/**
 * When backups are out of date, notifies every active administrator, once for this stale
 * period (the last verified backup's id, or "none"): the BackupAlert row is claimed in the
 * notifications' transaction, so two servers or two hourly runs notify once. True when sent.
 */
export async function alertIfStale(now = new Date(), settings = backupSettings()) {
  const last = await lastVerifiedBackup();
  if (!isBackupStale(settings.intervalMs, last?.createdAt ?? null, now)) return false;
  const admins = await activeUserIdsWithRole("ADMIN");
  const since = last ? `${last.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : "";
  const params: NoticeParams = last ? { since } : { sinceKey: "backups.never" };
  return insertIfAbsent(() =>
    getDb().$transaction(async (tx) => {
      await tx.backupAlert.create({ data: { periodKey: last?.id ?? "none", createdAt: now } });
      await notify(
        tx,
        admins.map((userId) => ({ userId, type: "BACKUP_STALE", params, link: "/admin/backups" })),
      );
    }),
  );
}

export interface ScheduledBackupResult {
  /** The scheduled backup's file and status, "running" (another one was), or null (not due). */
  backup: { fileName: string; status: string } | "running" | "failed" | null;
  alerted: boolean;
}

/** The periodic jobs' backup step: a scheduled backup when due, then the stale check. */
export async function backupIfDue(
  now = new Date(),
  settings: BackupSettings = backupSettings(),
): Promise<ScheduledBackupResult> {
  let backup: ScheduledBackupResult["backup"] = null;
  const last = await lastVerifiedBackup();
  if (isBackupDue(settings.intervalMs, last?.createdAt ?? null, now)) {
    try {
      const outcome = await runBackup({ kind: "SCHEDULED", now, settings });
      backup = { fileName: outcome.fileName, status: outcome.status };
      if (outcome.status !== "VERIFIED") {
        logger.error(
          { backup: outcome.fileName, problem: outcome.message },
          "backup failed verification",
        );
      }
    } catch (error) {
      backup = error instanceof ConflictError ? "running" : "failed";
      if (backup === "failed") {
        logger.error({ err: error, problem: errorMessage(error) }, "scheduled backup failed");
      }
    }
  }
  return { backup, alerted: await alertIfStale(now, settings) };
}
