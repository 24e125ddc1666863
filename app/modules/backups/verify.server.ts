import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sqliteFilePath } from "~/lib/sqlite-adapter.server";
import { decryptFile } from "./encryption.server";
import type { DatabaseEngine, ScratchDatabase } from "./engine.server";
import { BackupError } from "./errors.server";
import { factDifferences, sha256OfFile, type BackupManifest } from "./manifest.server";
import { postgresEngine } from "./postgres-engine.server";
import { sqliteEngine } from "./sqlite-engine.server";
import type { BackupProvider } from "./values";

const ENGINES: Record<BackupProvider, DatabaseEngine> = {
  SQLITE: sqliteEngine,
  POSTGRESQL: postgresEngine,
};

/** The engine for a DATABASE_URL: file: is SQLite, postgres(ql):// is PostgreSQL. */
export function engineForUrl(databaseUrl: string): DatabaseEngine {
  if (databaseUrl.startsWith("file:")) return sqliteEngine;
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return postgresEngine;
  throw new BackupError("The database URL must start with file: or postgresql://.");
}

/** Where a SQLite scratch copy goes to be renamed into `databaseUrl` later: its folder. */
export function scratchDirFor(databaseUrl: string): string {
  return engineForUrl(databaseUrl) === sqliteEngine
    ? path.dirname(sqliteFilePath(databaseUrl))
    : os.tmpdir();
}

export interface VerifyOptions {
  /** BACKUP_KEY, for encrypted backups. */
  key?: string;
  /** PostgreSQL: the server the scratch database is created on. */
  databaseUrl: string;
  /** SQLite: the folder of the scratch file. */
  scratchDir: string;
}

/**
 * Every check a backup passes before it counts as verified or is restored: the file's
 * sha256 against the manifest, decryption (wrong key and any changed byte are refused), a
 * restore into a scratch database, its integrity check, and its schema version and row
 * counts against the manifest. Returns the scratch database (the caller drops or promotes
 * it); throws BackupError saying what failed.
 */
export async function loadVerifiedBackup(
  file: string,
  manifest: BackupManifest,
  options: VerifyOptions,
): Promise<ScratchDatabase> {
  const name = path.basename(file);
  if ((await sha256OfFile(file)) !== manifest.sha256) {
    throw new BackupError(
      `${name} does not match its manifest (sha256 differs): the file is damaged or was altered.`,
    );
  }
  const key = options.key;
  if (manifest.encrypted && !key) {
    throw new BackupError(`${name} is encrypted: set BACKUP_KEY to the key it was made with.`);
  }
  const materialize = (plainFile: string) =>
    key && manifest.encrypted
      ? decryptFile(file, plainFile, key)
      : fs.promises.copyFile(file, plainFile, fs.constants.COPYFILE_EXCL);
  const scratch = await ENGINES[manifest.provider].loadScratch(materialize, options);
  const problems =
    scratch.problems.length > 0 ? scratch.problems : factDifferences(manifest, scratch.facts);
  if (problems.length > 0) {
    await scratch.drop();
    throw new BackupError(`${name} failed verification: ${problems.slice(0, 5).join("; ")}`);
  }
  return scratch;
}

/** Verifies and drops the scratch: a summary of what was checked, or a BackupError. */
export async function verifyBackupFile(
  file: string,
  manifest: BackupManifest,
  options: VerifyOptions,
): Promise<string> {
  const scratch = await loadVerifiedBackup(file, manifest, options);
  await scratch.drop();
  const rows = Object.values(manifest.tables).reduce((sum, count) => sum + count, 0);
  const tables = Object.keys(manifest.tables).length;
  return `restored into a scratch database: integrity ok, ${tables} tables and ${rows} rows as in the manifest`;
}
