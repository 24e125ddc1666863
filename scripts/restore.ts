// `npm run restore -- FILE [--to URL]`: verifies the backup (sha256 against its manifest,
// decryption with BACKUP_KEY, a restore into a scratch database, integrity check, row counts
// and schema version), then restores it. Without --to it replaces DATABASE_URL's database,
// refused while any process (the server, `npm run jobs`) has it open; the replaced database is
// kept beside it. With --to file:PATH or --to postgresql://…/NEWDB it creates that new one.
// docs/decisions/024-backups.md
import fs from "node:fs";
import { parseArgs } from "node:util";
import { getEnv } from "~/lib/env.server";
import { BackupError, restoreBackup, urlForDisplay } from "~/modules/backups/index.server";

if (fs.existsSync(".env")) process.loadEnvFile(".env");

const { values, positionals } = parseArgs({
  options: { to: { type: "string" } },
  allowPositionals: true,
});
const file = positionals[0];
if (!file || positionals.length > 1) {
  console.error("usage: npm run restore -- FILE [--to file:PATH | --to postgresql://…/NEWDB]");
  process.exit(2);
}

const env = getEnv();
try {
  const result = await restoreBackup({
    file,
    databaseUrl: env.DATABASE_URL,
    to: values.to,
    key: env.BACKUP_KEY,
  });
  const { manifest } = result;
  console.log(
    `Verified and restored ${manifest.fileName} (${manifest.createdAt}) into ${urlForDisplay(result.target)}.`,
  );
  if (result.kept) console.log(`The database it replaced was kept as ${result.kept}.`);
  if (result.needsMigration) {
    console.log(
      `Its schema (${manifest.schemaVersion}) is older than this app's: run npm run db:migrate.`,
    );
  }
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(`Restore refused: ${error.message}`);
  process.exitCode = 1;
}
