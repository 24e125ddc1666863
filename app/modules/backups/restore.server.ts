import path from "node:path";
import { BackupError } from "./errors.server";
import { appMigrationNames, readManifestFile, type BackupManifest } from "./manifest.server";
import { engineForUrl, loadVerifiedBackup, scratchDirFor } from "./verify.server";

// Restore (decision 024): the file is verified first (the same checks as after every backup),
// into a scratch database beside the target, which then replaces the target (in place, only
// with no other process on it) or becomes the new file or database named by --to.

export interface RestoreRequest {
  /** The backup file; its manifest is `<file>.manifest.json` beside it. */
  file: string;
  /** The app's database (DATABASE_URL). */
  databaseUrl: string;
  /** A new file or database to restore into instead (`--to`); it must not exist. */
  to?: string;
  key?: string;
}

export interface RestoreResult {
  manifest: BackupManifest;
  target: string;
  /** Where the replaced database was kept (in-place restores). */
  kept: string | null;
  /** The backup's schema is older than the app's: `npm run db:migrate` brings it up. */
  needsMigration: boolean;
}

/** A database URL as messages show it: the password left out. */
export function urlForDisplay(databaseUrl: string): string {
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) return databaseUrl;
  const url = new URL(databaseUrl);
  if (url.password) url.password = "***";
  return url.toString();
}

/** Refuses a backup made by a newer app (or one whose migrations this app never had). */
function assertKnownSchema(manifest: BackupManifest): boolean {
  const known = appMigrationNames(manifest.provider);
  const latest = known.at(-1) ?? "none";
  if (known.includes(manifest.schemaVersion)) return manifest.schemaVersion !== latest;
  throw new BackupError(
    manifest.schemaVersion > latest
      ? `The backup's schema (${manifest.schemaVersion}) is newer than this app's ` +
          `(${latest}): upgrade the app (app ${manifest.appVersion}) before restoring it.`
      : `The backup's schema (${manifest.schemaVersion}) is not one of this app's migrations.`,
  );
}

export async function restoreBackup(request: RestoreRequest): Promise<RestoreResult> {
  const file = path.resolve(request.file);
  const manifest = await readManifestFile(file);
  const needsMigration = assertKnownSchema(manifest);
  const targetUrl = request.to ?? request.databaseUrl;
  const target = { databaseUrl: targetUrl, inPlace: targetUrl === request.databaseUrl };
  const engine = engineForUrl(targetUrl);
  if (engine.provider !== manifest.provider) {
    throw new BackupError(
      `This is a ${manifest.provider} backup; ${urlForDisplay(targetUrl)} is a ${engine.provider} database.`,
    );
  }
  // Refused before the slow part, and checked again at the swap.
  if (target.inPlace && (await engine.exists(targetUrl))) await engine.assertNotInUse(targetUrl);
  if (!target.inPlace && (await engine.exists(targetUrl))) {
    throw new BackupError(
      `${urlForDisplay(targetUrl)} exists already: --to must name a new file or database.`,
    );
  }
  const scratch = await loadVerifiedBackup(file, manifest, {
    key: request.key,
    databaseUrl: targetUrl,
    scratchDir: scratchDirFor(targetUrl),
  });
  try {
    const kept = await scratch.promote(target);
    return { manifest, target: targetUrl, kept, needsMigration };
  } catch (error) {
    await scratch.drop();
    throw error;
  }
}
