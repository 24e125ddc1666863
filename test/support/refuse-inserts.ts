import { getDb } from "~/lib/db.server";
import { TEST_PROVIDER } from "./test-database";

/*
 * A trigger that makes every insert into one table fail with `message`, as a full disk or a
 * broken write would, in each provider's dialect.
 */

export async function refuseInserts(table: string, trigger: string, message: string) {
  const db = getDb();
  if (TEST_PROVIDER === "postgresql") {
    await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION "${trigger}"() RETURNS trigger
      LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${message}'; END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER "${trigger}" BEFORE INSERT ON "${table}"
      FOR EACH ROW EXECUTE FUNCTION "${trigger}"()`);
    return;
  }
  await db.$executeRawUnsafe(`CREATE TRIGGER "${trigger}" BEFORE INSERT ON "${table}"
    BEGIN SELECT RAISE(ABORT, '${message}'); END`);
}

export async function allowInserts(table: string, trigger: string) {
  await getDb().$executeRawUnsafe(
    TEST_PROVIDER === "postgresql"
      ? `DROP TRIGGER IF EXISTS "${trigger}" ON "${table}"`
      : `DROP TRIGGER IF EXISTS "${trigger}"`,
  );
}

/**
 * True for the error the trigger raised, as Prisma passes it on: wrapped on SQLite
 * (`meta.driverAdapterError`), the adapter's own error on PostgreSQL.
 */
export const raisedBy = (message: string) => (error: unknown) => {
  const adapterError =
    (error as { meta?: { driverAdapterError?: unknown } }).meta?.driverAdapterError ?? error;
  return (
    (adapterError as { cause?: { originalMessage?: string } }).cause?.originalMessage === message
  );
};
