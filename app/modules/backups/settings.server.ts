import path from "node:path";
import { getEnv } from "~/lib/env.server";
import type { RetentionPolicy } from "./retention";
import { parseBackupSchedule } from "./schedule";

/** Everything a backup run reads from the environment, so tests can pass their own. */
export interface BackupSettings {
  databaseUrl: string;
  /** BACKUP_DIR, absolute. */
  dir: string;
  /** BACKUP_KEY; unset: files are not encrypted. */
  key?: string;
  /** BACKUP_SCHEDULE as read; null: off. */
  intervalMs: number | null;
  retention: RetentionPolicy;
}

export function backupSettings(overrides: Partial<BackupSettings> = {}): BackupSettings {
  const env = getEnv();
  return {
    databaseUrl: env.DATABASE_URL,
    dir: path.resolve(env.BACKUP_DIR),
    key: env.BACKUP_KEY,
    intervalMs: parseBackupSchedule(env.BACKUP_SCHEDULE) ?? null,
    retention: {
      daily: env.BACKUP_KEEP_DAILY,
      weekly: env.BACKUP_KEEP_WEEKLY,
      monthly: env.BACKUP_KEEP_MONTHLY,
    },
    ...overrides,
  };
}
