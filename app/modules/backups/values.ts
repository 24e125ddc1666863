// The backups module's closed value sets (the database enums BackupProvider, BackupKind,
// BackupStatus; enums.test.ts keeps them equal).
export const BACKUP_PROVIDERS = ["SQLITE", "POSTGRESQL"] as const;
export type BackupProvider = (typeof BACKUP_PROVIDERS)[number];

/** MANUAL: "Back up now" or `npm run backup`; SCHEDULED: the periodic jobs. */
export const BACKUP_KINDS = ["MANUAL", "SCHEDULED"] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** UNVERIFIED only while its verification runs (or when that was interrupted). */
export const BACKUP_STATUSES = ["UNVERIFIED", "VERIFIED", "FAILED"] as const;
export type BackupStatus = (typeof BACKUP_STATUSES)[number];
