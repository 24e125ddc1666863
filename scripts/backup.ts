// `npm run backup`: a consistent copy of the database while the app keeps serving, its
// manifest beside it in BACKUP_DIR (encrypted when BACKUP_KEY is set), then verified by
// restoring it into a scratch database. Exit code 1 when it could not be made or verified.
// docs/decisions/024-backups.md
import fs from "node:fs";
import { disconnectDb } from "~/lib/db.server";
import { ConflictError } from "~/lib/errors";
import { BackupError, backupSettings, runBackup } from "~/modules/backups/index.server";

if (fs.existsSync(".env")) process.loadEnvFile(".env");

let failed = true;
try {
  const settings = backupSettings();
  const outcome = await runBackup({ kind: "MANUAL", settings });
  console.log(
    `${outcome.status === "VERIFIED" ? "Verified" : "FAILED"}: ${settings.dir}/${outcome.fileName}`,
  );
  console.log(`  ${outcome.message}`);
  if (outcome.pruned > 0) console.log(`  retention removed ${outcome.pruned} older backup(s)`);
  failed = outcome.status !== "VERIFIED";
} catch (error) {
  if (error instanceof ConflictError)
    console.error("Another backup is running; try again when it has finished.");
  else if (error instanceof BackupError) console.error(`Backup failed: ${error.message}`);
  else throw error;
} finally {
  await disconnectDb();
}
process.exitCode = failed ? 1 : 0;
