import { getDb } from "~/lib/db.server";
import { TEST_PROVIDER } from "./test-database";

/*
 * A trigger that makes every insert into one table fail with `message`, as a full disk or a
 * broken write would, in each provider's dialect. `events` refuses updates and deletes too;
 * `fromRowCount` lets writes through until the table holds that many rows, so a long write
 * fails partway (a chunk after the first ones committed).
 */

type WriteEvent = "INSERT" | "UPDATE" | "DELETE";
const WRITE_EVENTS: WriteEvent[] = ["INSERT", "UPDATE", "DELETE"];

interface Refusal {
  events?: WriteEvent[];
  fromRowCount?: number;
}

/** SQLite takes one event per trigger: the insert trigger keeps the plain name. */
const sqliteTrigger = (trigger: string, event: WriteEvent) =>
  event === "INSERT" ? trigger : `${trigger}_${event.toLowerCase()}`;

export async function refuseInserts(
  table: string,
  trigger: string,
  message: string,
  refusal: Refusal = {},
) {
  const db = getDb();
  const events = refusal.events ?? ["INSERT"];
  const condition =
    refusal.fromRowCount === undefined
      ? null
      : `(SELECT COUNT(*) FROM "${table}") >= ${refusal.fromRowCount}`;
  if (TEST_PROVIDER === "postgresql") {
    await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION "${trigger}"() RETURNS trigger
      LANGUAGE plpgsql AS $$ BEGIN
        IF ${condition ?? "TRUE"} THEN RAISE EXCEPTION '${message}'; END IF;
        RETURN COALESCE(NEW, OLD);
      END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER "${trigger}" BEFORE ${events.join(" OR ")}
      ON "${table}" FOR EACH ROW EXECUTE FUNCTION "${trigger}"()`);
    return;
  }
  for (const event of events) {
    await db.$executeRawUnsafe(`CREATE TRIGGER "${sqliteTrigger(trigger, event)}" BEFORE ${event}
      ON "${table}" ${condition ? `WHEN ${condition}` : ""}
      BEGIN SELECT RAISE(ABORT, '${message}'); END`);
  }
}

/** Every insert, update and delete of the table fails (a read must not write). */
export const refuseWrites = (table: string, trigger: string, message: string) =>
  refuseInserts(table, trigger, message, { events: WRITE_EVENTS });

export async function allowInserts(table: string, trigger: string) {
  if (TEST_PROVIDER === "postgresql") {
    await getDb().$executeRawUnsafe(`DROP TRIGGER IF EXISTS "${trigger}" ON "${table}"`);
    return;
  }
  for (const event of WRITE_EVENTS) {
    await getDb().$executeRawUnsafe(`DROP TRIGGER IF EXISTS "${sqliteTrigger(trigger, event)}"`);
  }
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
