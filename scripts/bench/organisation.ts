// The large benchmark organisation shared by bench:reports and bench:rewards: the SQLite file
// (generated unless --keep finds a current one), the providers to measure, and its PostgreSQL
// copy.
import path from "node:path";
import { ROOT } from "./child";
import {
  generateOrganisation,
  migrationsFingerprint,
  storedFingerprint,
  storedGenerationTime,
} from "./generate";
import { postgresUnreachable, preparePostgresCopy } from "./postgres-load";

export const PROVIDERS = { sqlite: "SQLite", postgresql: "PostgreSQL" } as const;
export type Provider = keyof typeof PROVIDERS;

export const DEFAULT_ADMIN_URL = "postgresql://uptake:uptake@localhost:5432/uptake";

/** The SQLite file, generated unless `keep` finds a current one; the generation time. */
export function ensureOrganisationFile(dbFile: string, keep: boolean): number | undefined {
  const migrationsDir = path.join(ROOT, "prisma/migrations");
  const shown = path.relative(ROOT, dbFile);
  if (keep && storedFingerprint(dbFile) === migrationsFingerprint(migrationsDir)) {
    console.log(`Reusing ${shown} (--keep); generation skipped.`);
    return undefined;
  }
  if (keep) console.log(`--keep: ${shown} is missing or predates the current migrations.`);
  console.log(`Generating the benchmark organisation in ${shown} …`);
  const { ms } = generateOrganisation(dbFile, migrationsDir, Date.now());
  console.log(`  generated in ${(ms / 1000).toFixed(1)} s`);
  return ms;
}

/** Which providers to measure: `provider`, else both when PostgreSQL answers. */
export async function chooseProviders(
  adminUrl: string,
  provider: string | undefined,
): Promise<Provider[]> {
  if (provider && !["sqlite", "postgresql", "both"].includes(provider)) {
    throw new Error(`--provider must be sqlite, postgresql or both, not ${provider}`);
  }
  if (provider === "sqlite") return ["sqlite"];
  const unreachable = await postgresUnreachable(adminUrl);
  const wanted: Provider[] = provider === "postgresql" ? ["postgresql"] : ["sqlite", "postgresql"];
  if (!unreachable) return wanted;
  const where = new URL(adminUrl).host;
  if (provider) throw new Error(`PostgreSQL at ${where} does not answer: ${unreachable}`);
  console.log(
    `Note: PostgreSQL at ${where} does not answer (${unreachable}); measuring SQLite only. ` +
      `Give --postgres URL or UPTAKE_TEST_POSTGRES_URL (a role that may create databases).`,
  );
  return ["sqlite"];
}

/**
 * The PostgreSQL copy of the SQLite file: made, or kept when `keep` finds the same
 * generation (`extra`: more of the file's state that the copy must match).
 */
export async function copyToPostgres(options: {
  adminUrl: string;
  dbFile: string;
  keep: boolean;
  extra?: string;
}) {
  const fingerprint = [
    storedFingerprint(options.dbFile),
    storedGenerationTime(options.dbFile),
    migrationsFingerprint(path.join(ROOT, "prisma/postgresql/migrations")),
    ...(options.extra ? [options.extra] : []),
  ].join(":");
  const copy = await preparePostgresCopy({
    adminUrl: options.adminUrl,
    sqliteFile: options.dbFile,
    fingerprint,
    keep: options.keep,
  });
  if (copy.loadMs !== undefined) {
    const seconds = (copy.loadMs / 1000).toFixed(1);
    console.log(`  ${copy.rows.toLocaleString("en")} rows copied in ${seconds} s`);
  }
  return copy;
}
