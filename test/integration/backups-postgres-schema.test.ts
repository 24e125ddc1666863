import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  appMigrationNames,
  backupSettings,
  readManifestFile,
  restoreBackup,
  runBackup,
} from "~/modules/backups/index.server";
import {
  backupFolder,
  inSchema,
  moveAppToSchema,
  newDatabaseUrl,
  tableChecksums,
} from "../support/backups";
import { dropDatabase, freshDatabaseUrl } from "../support/test-database";

// PostgreSQL only (vitest.config.ts runs this file in the PostgreSQL pass): `?schema=`,
// Prisma's parameter for an app kept in a schema of its own, has no SQLite counterpart.

describe("PostgreSQL: an app kept in a schema of its own (?schema=)", { timeout: 90_000 }, () => {
  it("counts the URL's schema's tables and restores them", async () => {
    const fresh = await freshDatabaseUrl();
    const target = inSchema(newDatabaseUrl(fresh, "schema"), "uptake_app");
    try {
      const source = await moveAppToSchema(fresh, "uptake_app");
      const atBackup = await tableChecksums(source);
      const settings = backupSettings({ dir: backupFolder("schema"), intervalMs: null });
      const outcome = await runBackup({
        kind: "MANUAL",
        settings: { ...settings, databaseUrl: source },
      });
      expect(outcome.status, outcome.message).toBe("VERIFIED");
      const file = path.join(settings.dir, outcome.fileName);
      const manifest = await readManifestFile(file);
      expect(manifest.tables._prisma_migrations).toBe(atBackup._prisma_migrations!.rows);
      expect(manifest.schemaVersion).toBe(appMigrationNames("POSTGRESQL").at(-1));

      await restoreBackup({ file, databaseUrl: source, to: target });
      expect(await tableChecksums(target)).toEqual(atBackup);
    } finally {
      await dropDatabase(fresh);
      await dropDatabase(target);
    }
  });
});
