import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { getDb } from "~/lib/db.server";
import { insertIfAbsent } from "~/lib/create-once.server";
import { ConflictError, NotFoundError } from "~/lib/errors";
import { HOUR_MS } from "~/lib/dates";
import { logger } from "~/lib/logger.server";
import { paginate } from "~/lib/pagination.server";
import { recordAudit } from "~/modules/audit/index.server";
import { encryptFile } from "./encryption.server";
import { BackupError, errorMessage } from "./errors.server";
import {
  appVersion,
  manifestPathOf,
  sha256OfFile,
  writeManifest,
  type BackupManifest,
} from "./manifest.server";
import { backupsToKeep } from "./retention";
import { backupSettings, type BackupSettings } from "./settings.server";
import { engineForUrl, verifyBackupFile } from "./verify.server";
import type { BackupKind, BackupStatus } from "./values";

// Making a backup (decision 024): one at a time across servers (the BackupLock row), a
// consistent copy and its manifest written to BACKUP_DIR, the Backup row, the verification
// (restore into a scratch database), then retention. A failed verification is recorded on
// the row, not thrown: the file stays for diagnosis until retention removes it.

const LOCK_NAME = "backup";
/** A lock older than this was left by a process that died mid-backup; it is taken over. */
const STALE_LOCK_MS = 6 * HOUR_MS;

async function acquireBackupLock(holder: string): Promise<void> {
  const db = getDb();
  const now = new Date();
  await db.backupLock.deleteMany({
    where: { name: LOCK_NAME, acquiredAt: { lt: new Date(now.getTime() - STALE_LOCK_MS) } },
  });
  const taken = await insertIfAbsent(() =>
    db.backupLock.create({ data: { name: LOCK_NAME, holder, acquiredAt: now } }),
  );
  if (!taken) throw new ConflictError("backups.errors.running");
}

async function releaseBackupLock(holder: string): Promise<void> {
  await getDb().backupLock.deleteMany({ where: { name: LOCK_NAME, holder } });
}

const fileStamp = (date: Date) =>
  date.toISOString().replace(/[-:]/g, "").replace("T", "-").replace(/\..*$/, "");

/** The copy, encrypted when a key is set, and its manifest beside it. */
async function writeBackupFiles(settings: BackupSettings, id: string, now: Date) {
  const engine = engineForUrl(settings.databaseUrl);
  await fs.promises.mkdir(settings.dir, { recursive: true });
  const base = `uptake-${fileStamp(now)}-${id.slice(0, 8)}${engine.extension}`;
  const fileName = settings.key ? `${base}.enc` : base;
  const file = path.join(settings.dir, fileName);
  const partial = path.join(settings.dir, `.partial-${base}`);
  try {
    const facts = await engine.snapshot(settings.databaseUrl, partial);
    if (settings.key) await encryptFile(partial, file, settings.key);
    else await fs.promises.rename(partial, file);
    const manifest: BackupManifest = {
      format: 1,
      backupId: id,
      fileName,
      provider: engine.provider,
      createdAt: now.toISOString(),
      appVersion: appVersion(),
      schemaVersion: facts.schemaVersion,
      sha256: await sha256OfFile(file),
      sizeBytes: (await fs.promises.stat(file)).size,
      encrypted: Boolean(settings.key),
      tables: facts.tables,
    };
    await writeManifest(file, manifest);
    return { file, manifest };
  } finally {
    await fs.promises.rm(partial, { force: true });
  }
}

export interface BackupRun {
  kind: BackupKind;
  /** Who asked ("Back up now"); null for the schedule and the command line. */
  actorId?: string | null;
  /** The backup's time (file name, manifest, retention); defaults to now. */
  now?: Date;
  settings?: BackupSettings;
}

export interface BackupOutcome {
  id: string;
  fileName: string;
  status: BackupStatus;
  message: string;
  pruned: number;
}

/**
 * Makes, records and verifies one backup, then applies retention. Throws ConflictError
 * ("backups.errors.running") while another backup runs, BackupError when no copy could be
 * written; a copy that fails verification is recorded as FAILED and returned.
 */
export async function runBackup(run: BackupRun): Promise<BackupOutcome> {
  const settings = run.settings ?? backupSettings();
  const now = run.now ?? new Date();
  const holder = crypto.randomUUID();
  await acquireBackupLock(holder);
  try {
    const id = crypto.randomUUID();
    const { file, manifest } = await writeBackupFiles(settings, id, now);
    await getDb().$transaction(async (tx) => {
      await tx.backup.create({
        data: {
          id,
          fileName: manifest.fileName,
          provider: manifest.provider,
          kind: run.kind,
          sizeBytes: BigInt(manifest.sizeBytes),
          sha256: manifest.sha256,
          encrypted: manifest.encrypted,
          manifest,
          createdById: run.actorId ?? null,
          createdAt: now,
        },
      });
      if (run.actorId) {
        await recordAudit(tx, {
          actorId: run.actorId,
          action: "backup.create",
          subjectType: "Backup",
          subjectId: id,
          after: { fileName: manifest.fileName, sizeBytes: manifest.sizeBytes },
        });
      }
    });
    const { status, message } = await verifyRecorded(id, file, manifest, settings);
    const pruned = status === "VERIFIED" ? await pruneBackups(settings) : 0;
    return { id, fileName: manifest.fileName, status, message, pruned };
  } finally {
    await releaseBackupLock(holder);
  }
}

/**
 * "Back up now": the backup, or, when no copy could be written (disk full, pg_dump missing),
 * a FAILED answer with the reason; logged either way when it failed.
 */
export async function backUpNow(actorId: string, settings?: BackupSettings) {
  try {
    const outcome = await runBackup({ kind: "MANUAL", actorId, settings });
    if (outcome.status !== "VERIFIED") {
      logger.error(
        { backup: outcome.fileName, problem: outcome.message },
        "backup failed verification",
      );
    }
    return {
      fileName: outcome.fileName as string | null,
      status: outcome.status,
      message: outcome.message,
    };
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    logger.error({ problem: error.message }, "backup failed");
    return { fileName: null, status: "FAILED" as BackupStatus, message: error.message };
  }
}

/** A download's Response: the file streamed from disk, never read into memory. */
export function downloadResponse(download: { path: string; fileName: string; sizeBytes: number }) {
  const body = Readable.toWeb(fs.createReadStream(download.path)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "Content-Type": download.fileName.endsWith(".json")
        ? "application/json"
        : "application/octet-stream",
      "Content-Disposition": `attachment; filename="${download.fileName}"`,
      "Content-Length": String(download.sizeBytes),
      "Cache-Control": "no-store",
    },
  });
}

async function verifyRecorded(
  id: string,
  file: string,
  manifest: BackupManifest,
  settings: BackupSettings,
): Promise<{ status: BackupStatus; message: string }> {
  let outcome: { status: BackupStatus; message: string };
  try {
    const message = await verifyBackupFile(file, manifest, {
      key: settings.key,
      databaseUrl: settings.databaseUrl,
      scratchDir: settings.dir,
    });
    outcome = { status: "VERIFIED", message };
  } catch (error) {
    outcome = { status: "FAILED", message: errorMessage(error) };
  }
  await getDb().backup.update({
    where: { id },
    data: { ...outcome, verifiedAt: new Date() },
  });
  return outcome;
}

/** Retention: deletes the files, manifests and rows of the backups the policy lets go. */
async function pruneBackups(settings: BackupSettings): Promise<number> {
  const db = getDb();
  const rows = await db.backup.findMany({
    select: { id: true, fileName: true, createdAt: true, status: true },
  });
  const keep = backupsToKeep(
    rows.map((row) => ({ ...row, verified: row.status === "VERIFIED" })),
    settings.retention,
  );
  const gone = rows.filter((row) => !keep.has(row.id));
  for (const row of gone) {
    const file = path.join(settings.dir, row.fileName);
    await fs.promises.rm(file, { force: true });
    await fs.promises.rm(manifestPathOf(file), { force: true });
    await db.backup.delete({ where: { id: row.id } });
  }
  return gone.length;
}

/** The newest verified backup, if any. */
export async function lastVerifiedBackup() {
  return getDb().backup.findFirst({
    where: { status: "VERIFIED" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, fileName: true, createdAt: true },
  });
}

export const BACKUP_PAGE_SIZE = 20;

export async function listBackups(pageNumber: number) {
  const db = getDb();
  const page = paginate(pageNumber, BACKUP_PAGE_SIZE);
  const [total, rows] = await Promise.all([
    db.backup.count(),
    db.backup.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: page.skip,
      take: page.take,
    }),
  ]);
  return {
    ...page.summary(total),
    backups: rows.map((row) => ({
      id: row.id,
      fileName: row.fileName,
      kind: row.kind,
      provider: row.provider,
      sizeBytes: Number(row.sizeBytes),
      encrypted: row.encrypted,
      status: row.status,
      message: row.message,
      createdAt: row.createdAt.toISOString(),
      verifiedAt: row.verifiedAt?.toISOString() ?? null,
    })),
  };
}

/**
 * A backup's file (or its manifest) for download: its path, name and size. 404 when the row
 * or the file is gone.
 */
export async function backupDownload(
  id: string,
  part: "file" | "manifest",
  dir = backupSettings().dir,
) {
  const row = await getDb().backup.findUnique({ where: { id } });
  if (!row) throw new NotFoundError();
  const file = path.join(dir, row.fileName);
  const chosen = part === "file" ? file : manifestPathOf(file);
  const stat = await fs.promises.stat(chosen).catch(() => null);
  if (!stat) throw new NotFoundError("backups.errors.fileMissing");
  return { path: chosen, fileName: path.basename(chosen), sizeBytes: stat.size };
}
