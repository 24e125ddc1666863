import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "~/lib/db.server";
import { sqliteFilePath } from "~/lib/sqlite-adapter.server";
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
import { backupFolder, flipByte, tableChecksums } from "../support/backups";
import { makeDepartment, makeUser } from "../support/factories";

// Backups on SQLite (decision 024): a consistent copy, verified by a restore into a scratch
// database, restored only when it is intact, with the database it came from not in use.

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

/** A new database file's URL beside the test's own (restores with --to). */
const newDatabaseUrl = (name: string) => `file:${sqliteFilePath(liveUrl())}-${name}.db`;

/** Rewrites the manifest beside `file` (a forger who also fixes the checksum, say). */
async function editManifest(file: string, edit: (manifest: Record<string, unknown>) => void) {
  const manifest = (await readManifestFile(file)) as unknown as Record<string, unknown>;
  edit(manifest);
  fs.writeFileSync(manifestPathOf(file), JSON.stringify(manifest));
}

describe("backup and restore", () => {
  it("restores exactly the data of the backup moment, not the writes after it", async () => {
    const department = await makeDepartment();
    await makeUser({ departmentId: department.id, role: "ADMIN" });
    await makeUser({ departmentId: department.id });
    const atBackup = tableChecksums(liveUrl());
    const settings = settingsFor("exact");

    const file = await backupNow(settings);
    const manifest = await readManifestFile(file);
    expect(manifest.sha256).toBe(await sha256OfFile(file));
    expect(manifest.tables.User).toBe(atBackup.User!.rows);
    expect(manifest.schemaVersion).toBe(appMigrationNames(manifest.provider).at(-1));

    await makeUser({ departmentId: department.id });
    await makeDepartment();
    expect(tableChecksums(liveUrl()).User!.rows).toBe(atBackup.User!.rows + 1);

    const target = newDatabaseUrl("exact");
    await restoreBackup({ file, databaseUrl: liveUrl(), to: target });
    // Every table, the Backup and BackupLock tables included: the lock row the copy caught is
    // removed on restore, and the Backup row is written after the copy.
    expect(tableChecksums(target)).toEqual(atBackup);
  });

  it("refuses to restore in place while the database is open, and restores once it is not", async () => {
    const settings = settingsFor("in-place");
    const before = await getDb().user.count();
    const file = await backupNow(settings);
    await makeUser();
    expect(await getDb().user.count()).toBe(before + 1);

    // The app's connection is open: the server is running.
    await expect(restoreBackup({ file, databaseUrl: liveUrl() })).rejects.toThrow(
      /is open in another process/,
    );
    expect(await getDb().user.count()).toBe(before + 1);

    await disconnectDb();
    const result = await restoreBackup({ file, databaseUrl: liveUrl() });
    expect(result.kept).toMatch(/\.before-restore-/);
    expect(fs.existsSync(result.kept!)).toBe(true);
    expect(await getDb().user.count()).toBe(before);
  });

  it("refuses a corrupted file, a forged manifest, a newer schema and an existing target", async () => {
    const settings = settingsFor("refusals");
    const file = await backupNow(settings);
    const to = newDatabaseUrl("refused");
    const restore = () => restoreBackup({ file, databaseUrl: liveUrl(), to });

    await expect(restoreBackup({ file, databaseUrl: liveUrl(), to: liveUrl() })).rejects.toThrow(
      /is open in another process/,
    );

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
    expect(fs.existsSync(sqliteFilePath(to))).toBe(false);
    expect(fs.readdirSync(settings.dir).filter((name) => name.startsWith(".scratch"))).toEqual([]);
  });

  it("records a backup whose verification fails as FAILED, with the reason", async () => {
    const settings = settingsFor("failed");
    // A database whose rows break a foreign key (written with the check off): its copy fails
    // the integrity check of the verification.
    const broken = `${sqliteFilePath(liveUrl())}-broken.db`;
    const db = new Database(sqliteFilePath(liveUrl()));
    db.prepare("VACUUM INTO ?").run(broken);
    db.close();
    const copy = new Database(broken);
    copy.pragma("foreign_keys = OFF");
    copy
      .prepare('INSERT INTO "DepartmentManager" ("userId", "departmentId") VALUES (?, ?)')
      .run("no-such-user", "no-such-department");
    copy.close();
    const outcome = await runBackup({
      kind: "SCHEDULED",
      settings: { ...settings, databaseUrl: `file:${broken}` },
    });
    expect(outcome.status).toBe("FAILED");
    const row = await getDb().backup.findUniqueOrThrow({ where: { id: outcome.id } });
    expect(row.status).toBe("FAILED");
    expect(row.message).toMatch(/failed verification: foreign key: a row of DepartmentManager/);
  });
});

describe("encrypted backups", () => {
  it("round-trips with the key and refuses without it, with a wrong one or when altered", async () => {
    const atBackup = tableChecksums(liveUrl());
    const settings = settingsFor("encrypted", KEY);
    const file = await backupNow(settings);
    expect(file.endsWith(".db.enc")).toBe(true);
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 8).toString()).toBe("UPTAKEBK");
    expect(bytes.includes(Buffer.from("SQLite format 3"))).toBe(false);

    const restore = (key: string | undefined, name: string) =>
      restoreBackup({ file, databaseUrl: liveUrl(), to: newDatabaseUrl(name), key });
    await expect(restore(undefined, "no-key")).rejects.toThrow(/is encrypted: set BACKUP_KEY/);
    await expect(restore("another-key-0123456789", "wrong-key")).rejects.toThrow(
      /not the key this backup was encrypted with/,
    );

    await restore(KEY, "decrypted");
    expect(tableChecksums(newDatabaseUrl("decrypted"))).toEqual(atBackup);

    // One byte of ciphertext changed and the manifest's checksum forged to match.
    flipByte(file);
    const forged = await sha256OfFile(file);
    await editManifest(file, (manifest) => (manifest.sha256 = forged));
    await expect(restore(KEY, "tampered")).rejects.toThrow(/failed authentication/);
    expect(fs.existsSync(sqliteFilePath(newDatabaseUrl("tampered")))).toBe(false);
  });
});
