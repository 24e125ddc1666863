import crypto from "node:crypto";
import fs from "node:fs";
import Database from "better-sqlite3";
import { sqliteFilePath } from "~/lib/sqlite-adapter.server";

/**
 * Per table of a SQLite file: its row count and a sha256 of every row, rows sorted by all
 * their columns (VACUUM may renumber rowids, so rowid order is not the data's).
 */
export function tableChecksums(
  databaseUrl: string,
): Record<string, { rows: number; sha256: string }> {
  const db = new Database(sqliteFilePath(databaseUrl), { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[];
    const result: Record<string, { rows: number; sha256: string }> = {};
    for (const { name } of tables) {
      const columns = (db.pragma(`table_info("${name}")`) as unknown[]).length;
      const order = Array.from({ length: columns }, (_, index) => index + 1).join(", ");
      const rows = db.prepare(`SELECT * FROM "${name}" ORDER BY ${order}`).raw().all();
      const sha256 = crypto.createHash("sha256").update(JSON.stringify(rows)).digest("hex");
      result[name] = { rows: rows.length, sha256 };
    }
    return result;
  } finally {
    db.close();
  }
}

/** A folder of its own for one test's backups, removed with the test's database. */
export function backupFolder(label: string): string {
  const dir = `${process.env.BACKUP_DIR}/${label}-${crypto.randomUUID().slice(0, 8)}`;
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Changes one byte in the middle of a file (a disk or a copy that went wrong). */
export function flipByte(file: string, at = Math.floor(fs.statSync(file).size / 2)): void {
  const handle = fs.openSync(file, "r+");
  try {
    const byte = Buffer.alloc(1);
    fs.readSync(handle, byte, 0, 1, at);
    byte[0] = byte[0]! ^ 0xff;
    fs.writeSync(handle, byte, 0, 1, at);
  } finally {
    fs.closeSync(handle);
  }
}
