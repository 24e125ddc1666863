import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { z } from "zod";
import { readJsonColumn } from "~/lib/json-column.server";
import { BackupError } from "./errors.server";
import { BACKUP_PROVIDERS } from "./values";

// The manifest (decision 024): written beside every backup file as `<file>.manifest.json`
// and stored on its Backup row. Verification and restore compare the file and the database
// restored from it with these facts.

export const manifestSchema = z.object({
  format: z.literal(1),
  backupId: z.string().min(1),
  fileName: z.string().min(1),
  provider: z.enum(BACKUP_PROVIDERS),
  createdAt: z.iso.datetime(),
  appVersion: z.string(),
  /** The latest migration applied to the database that was copied. */
  schemaVersion: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  sizeBytes: z.number().int().nonnegative(),
  encrypted: z.boolean(),
  /** Rows per table in the copy, read from the copy itself. */
  tables: z.record(z.string(), z.number().int().nonnegative()),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

/** What a database copy holds: row counts per table and the latest applied migration. */
export interface DatabaseFacts {
  tables: Record<string, number>;
  schemaVersion: string;
}

export const readManifestColumn = (value: unknown) =>
  readJsonColumn("Backup.manifest", manifestSchema, value);

export const manifestPathOf = (backupFile: string) => `${backupFile}.manifest.json`;

export async function writeManifest(backupFile: string, manifest: BackupManifest) {
  await fs.promises.writeFile(
    manifestPathOf(backupFile),
    `${JSON.stringify(manifest, null, 2)}\n`,
    { flag: "wx" },
  );
}

/** The manifest beside a backup file; a missing or malformed one refuses the file. */
export async function readManifestFile(backupFile: string): Promise<BackupManifest> {
  const file = manifestPathOf(backupFile);
  let text: string;
  try {
    text = await fs.promises.readFile(file, "utf8");
  } catch {
    throw new BackupError(`The manifest ${path.basename(file)} is missing beside the backup.`);
  }
  let parsed: z.ZodSafeParseResult<BackupManifest>;
  try {
    parsed = manifestSchema.safeParse(JSON.parse(text));
  } catch {
    throw new BackupError(`The manifest ${path.basename(file)} is not JSON.`);
  }
  if (!parsed.success) {
    throw new BackupError(`The manifest ${path.basename(file)} is not a backup manifest.`);
  }
  return parsed.data;
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = crypto.createHash("sha256");
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest("hex");
}

/** The app's version, from package.json in the working directory (the app's root). */
export function appVersion(): string {
  const text = fs.readFileSync(path.resolve("package.json"), "utf8");
  return (JSON.parse(text) as { version?: string }).version ?? "unknown";
}

/**
 * The migrations this app knows for a provider, oldest first: each provider has its own
 * folder and history (decision 021).
 */
export function appMigrationNames(provider: BackupManifest["provider"]): string[] {
  const folder =
    provider === "POSTGRESQL"
      ? path.resolve("prisma", "postgresql", "migrations")
      : path.resolve("prisma", "migrations");
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Differences between what the manifest promises and what a restored copy holds. */
export function factDifferences(manifest: BackupManifest, facts: DatabaseFacts): string[] {
  const problems: string[] = [];
  if (facts.schemaVersion !== manifest.schemaVersion) {
    problems.push(`schema version ${facts.schemaVersion}, manifest says ${manifest.schemaVersion}`);
  }
  const names = new Set([...Object.keys(manifest.tables), ...Object.keys(facts.tables)]);
  for (const name of [...names].sort()) {
    const expected = manifest.tables[name];
    const found = facts.tables[name];
    if (expected !== found) {
      problems.push(`${name}: ${found ?? "missing"} rows, manifest says ${expected ?? "none"}`);
    }
  }
  return problems;
}
