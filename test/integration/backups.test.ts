import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "~/lib/db.server";
import {
  appMigrationNames,
  backupSettings,
  manifestPathOf,
  readManifestFile,
  restoreBackup,
  runBackup,
  sha256OfFile,
  type BackupSettings,
} from "~/modules/backups/index.server";
import {
  BACKUP_EXTENSION,
  IN_USE,
  PLAIN_BACKUP_SIGNATURE,
  backupFolder,
  createEmptyDatabase,
  databaseExists,
  flipByte,
  keptDatabaseUrl,
  leftoverScratches,
  newDatabaseUrl,
  openConnection,
  tableChecksums,
  unrestorableDatabase,
} from "../support/backups";
import { makeDepartment, makeUser } from "../support/factories";
import { dropDatabase } from "../support/test-database";

// Backups on SQLite and PostgreSQL (decision 024): a consistent copy, verified by a restore
// into a scratch database, restored only when it is intact, with the database it came from
// not in use. Every test runs in both passes (`npm test`, `npm run test:pg`); what differs
// by provider (checksums, new databases, the way a copy is broken) is in ../support/backups.

const KEY = "test-backup-key-0123456789";
const liveUrl = () => process.env.DATABASE_URL!;

function settingsFor(label: string, key?: string): BackupSettings {
  return backupSettings({ dir: backupFolder(label), key, intervalMs: null });
}

async function backupNow(settings: BackupSettings) {
  const outcome = await runBackup({ kind: "MANUAL", settings });
  expect(outcome.status, outcome.message).toBe("VERIFIED");
  return path.join(settings.dir, outcome.fileName);
}

/** A new database's URL beside the test's own (restores with --to). */
const newDatabase = (label: string) => newDatabaseUrl(liveUrl(), label);

/** Rewrites the manifest beside `file` (a forger who also fixes the checksum, say). */
async function editManifest(file: string, edit: (manifest: Record<string, unknown>) => void) {
  const manifest = (await readManifestFile(file)) as unknown as Record<string, unknown>;
  edit(manifest);
  fs.writeFileSync(manifestPathOf(file), JSON.stringify(manifest));
}

// A PostgreSQL backup is pg_dump, CREATE DATABASE, pg_restore and DROP DATABASE, a restore as
// many again: seconds each on a busy 2-core machine, more than the default test timeout.
const SLOW = { timeout: 90_000 };

describe("backup and restore", SLOW, () => {
  it("restores exactly the data of the backup moment, not the writes after it", async () => {
    const department = await makeDepartment();
    await makeUser({ departmentId: department.id, role: "ADMIN" });
    await makeUser({ departmentId: department.id });
    const atBackup = await tableChecksums(liveUrl());
    const settings = settingsFor("exact");

    const file = await backupNow(settings);
    const manifest = await readManifestFile(file);
    expect(manifest.sha256).toBe(await sha256OfFile(file));
    expect(manifest.tables.User).toBe(atBackup.User!.rows);
    expect(manifest.schemaVersion).toBe(appMigrationNames(manifest.provider).at(-1));

    await makeUser({ departmentId: department.id });
    await makeDepartment();
    expect((await tableChecksums(liveUrl())).User!.rows).toBe(atBackup.User!.rows + 1);

    const target = newDatabase("exact");
    try {
      await restoreBackup({ file, databaseUrl: liveUrl(), to: target });
      // Every table, the Backup and BackupLock tables included: the lock row the copy caught
      // is removed on restore, and the Backup row is written after the copy.
      expect(await tableChecksums(target)).toEqual(atBackup);
    } finally {
      await dropDatabase(target);
    }
  });

  it("refuses to restore in place while the database is open, and restores once it is not", async () => {
    const settings = settingsFor("in-place");
    const before = await getDb().user.count();
    const file = await backupNow(settings);
    await makeUser();
    // The app has just queried: its connection is open, as a running server's is.
    expect(await getDb().user.count()).toBe(before + 1);
    await expect(restoreBackup({ file, databaseUrl: liveUrl() })).rejects.toThrow(IN_USE);
    expect(await getDb().user.count()).toBe(before + 1);

    // The app stopped, but another process (a shell, `npm run jobs`) still has it open.
    await disconnectDb();
    const closeOther = await openConnection(liveUrl());
    await expect(restoreBackup({ file, databaseUrl: liveUrl() })).rejects.toThrow(IN_USE);
    await closeOther();

    const result = await restoreBackup({ file, databaseUrl: liveUrl() });
    expect(result.kept).toMatch(/[._]before[-_]restore[-_]/);
    const kept = keptDatabaseUrl(liveUrl(), result.kept!);
    try {
      expect(await databaseExists(kept)).toBe(true);
      expect(await getDb().user.count()).toBe(before);
    } finally {
      await dropDatabase(kept);
    }
  });

  it("refuses a corrupted file, a forged manifest, a newer schema and an existing target", async () => {
    const settings = settingsFor("refusals");
    const file = await backupNow(settings);
    const to = newDatabase("refused");
    const restore = () => restoreBackup({ file, databaseUrl: liveUrl(), to });

    await expect(restoreBackup({ file, databaseUrl: liveUrl(), to: liveUrl() })).rejects.toThrow(
      IN_USE,
    );
    const existing = newDatabase("existing");
    await createEmptyDatabase(existing);
    try {
      const refusal = await restoreBackup({ file, databaseUrl: liveUrl(), to: existing }).then(
        () => null,
        (error: Error) => error.message,
      );
      expect(refusal).toMatch(/exists already/);
      // The message names the database without its password (PostgreSQL URLs carry one).
      const password = new URL(existing).password;
      if (password) expect(refusal).not.toContain(`:${password}@`);
    } finally {
      await dropDatabase(existing);
    }

    const copy = `${file}.copy`;
    fs.copyFileSync(file, copy);
    flipByte(file);
    await expect(restore()).rejects.toThrow(/sha256 differs/);

    // The damage is re-hashed into the manifest: the restore into a scratch database finds it.
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));
    const damagedSha = await sha256OfFile(file);
    await editManifest(file, (manifest) => (manifest.sha256 = damagedSha));
    await expect(restore()).rejects.toThrow(/failed verification/);

    fs.copyFileSync(copy, file);
    const sound = await sha256OfFile(file);
    await editManifest(file, (manifest) => {
      manifest.sha256 = sound;
      (manifest.tables as Record<string, number>).User = 999;
    });
    await expect(restore()).rejects.toThrow(/User: \d+ rows, manifest says 999/);

    await editManifest(file, (manifest) => (manifest.schemaVersion = "29991231000000_future"));
    await expect(restore()).rejects.toThrow(/newer than this app's/);
    expect(await databaseExists(to)).toBe(false);
    expect(await leftoverScratches(liveUrl(), settings.dir)).toEqual([]);
  });

  it("records a backup whose verification fails as FAILED, with the reason", async () => {
    const settings = settingsFor("failed");
    const broken = await unrestorableDatabase();
    try {
      const outcome = await runBackup({
        kind: "SCHEDULED",
        settings: { ...settings, databaseUrl: broken.databaseUrl },
      });
      expect(outcome.status).toBe("FAILED");
      const row = await getDb().backup.findUniqueOrThrow({ where: { id: outcome.id } });
      expect(row.status).toBe("FAILED");
      expect(row.message).toMatch(broken.reason);
      expect(await leftoverScratches(broken.databaseUrl, settings.dir)).toEqual([]);
    } finally {
      await dropDatabase(broken.databaseUrl);
    }
  });
});

describe("encrypted backups", SLOW, () => {
  it("round-trips with the key and refuses without it, with a wrong one or when altered", async () => {
    const atBackup = await tableChecksums(liveUrl());
    const settings = settingsFor("encrypted", KEY);
    const file = await backupNow(settings);
    expect(file.endsWith(`${BACKUP_EXTENSION}.enc`)).toBe(true);
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 8).toString()).toBe("UPTAKEBK");
    expect(bytes.includes(Buffer.from(PLAIN_BACKUP_SIGNATURE))).toBe(false);

    const restore = (key: string | undefined, label: string) =>
      restoreBackup({ file, databaseUrl: liveUrl(), to: newDatabase(label), key });
    await expect(restore(undefined, "no-key")).rejects.toThrow(/is encrypted: set BACKUP_KEY/);
    await expect(restore("another-key-0123456789", "wrong-key")).rejects.toThrow(
      /not the key this backup was encrypted with/,
    );

    const decrypted = newDatabase("decrypted");
    try {
      await restore(KEY, "decrypted");
      expect(await tableChecksums(decrypted)).toEqual(atBackup);
    } finally {
      await dropDatabase(decrypted);
    }

    // One byte of ciphertext changed and the manifest's checksum forged to match.
    flipByte(file);
    const forged = await sha256OfFile(file);
    await editManifest(file, (manifest) => (manifest.sha256 = forged));
    await expect(restore(KEY, "tampered")).rejects.toThrow(/failed authentication/);
    expect(await databaseExists(newDatabase("tampered"))).toBe(false);
    expect(await leftoverScratches(liveUrl(), settings.dir)).toEqual([]);
  });
});
