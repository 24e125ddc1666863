import { PrismaClient } from "../../prisma/generated/client/client";
import { PrismaClient as PgPrismaClient } from "../../prisma/generated/pg-client/client";
import { databaseProviderOf, type DatabaseProvider } from "./database-provider";
import { getEnv } from "./env.server";
import { createPgAdapter } from "./pg-adapter.server";
import { createSqliteAdapter } from "./sqlite-adapter.server";
import { inTransactionScope } from "./transaction-scope.server";

import { Prisma } from "../../prisma/generated/client/client";

export { Prisma };
/** The database's enum types (Role, EnrolmentStatus, ...); the values live in the app's lists. */
export type * from "../../prisma/generated/client/enums";

/** A unique key refused the write: the row exists already (double submit, race). */
export const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
/** A client or an interactive-transaction client: what module functions write through. */
export type DbTx = Omit<
  PrismaClient,
  "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends"
>;

let client: PrismaClient | undefined;

/**
 * Every `$transaction` call runs in its own async scope, so the adapter knows which code
 * runs inside an open transaction (transaction-scope.server.ts).
 */
function scopeTransactions(db: PrismaClient): PrismaClient {
  const transaction = db.$transaction.bind(db) as (...args: unknown[]) => Promise<unknown>;
  db.$transaction = ((...args: unknown[]) =>
    inTransactionScope(() => transaction(...args))) as PrismaClient["$transaction"];
  return db;
}

const PG_TRANSACTION_MAX_WAIT_MS = 10_000;

/** The database DATABASE_URL names (env.server.ts refuses any other scheme). */
export const databaseProvider = (): DatabaseProvider =>
  databaseProviderOf(getEnv().DATABASE_URL) ?? "sqlite";

/**
 * A client as the app uses it, for SQLite or PostgreSQL by the URL's scheme (decision 021):
 * on SQLite reads on their own connection; statements slower than `slowQueryMs` logged.
 * Options default to the environment (DATABASE_URL, SLOW_QUERY_MS).
 */
export function createDb({
  databaseUrl = getEnv().DATABASE_URL,
  slowQueryMs = getEnv().SLOW_QUERY_MS,
} = {}): PrismaClient {
  if (databaseProviderOf(databaseUrl) === "postgresql") {
    // The two generated clients have the same models and API; the SQLite one is the type the
    // code is written against (its runtime refuses the pg adapter, hence two clients).
    return scopeTransactions(
      new PgPrismaClient({
        adapter: createPgAdapter(databaseUrl, { slowQueryMs }),
        // A transaction first waits for a pooled connection: a burst of transactions that
        // queue on one row's lock (50 votes on one idea) holds the pool for a while.
        transactionOptions: { maxWait: PG_TRANSACTION_MAX_WAIT_MS },
      }) as unknown as PrismaClient,
    );
  }
  return scopeTransactions(
    new PrismaClient({
      adapter: createSqliteAdapter(databaseUrl, { separateReads: true, slowQueryMs }),
    }),
  );
}

/**
 * Locks the rows where `column` = `value` until the transaction ends, so that a read, then a
 * write based on it, cannot lose a parallel transaction's write. PostgreSQL needs it (its
 * default isolation lets two transactions read the same row); SQLite runs one writing
 * transaction at a time already. `FOR NO KEY UPDATE`, not `FOR UPDATE`: the rows' keys do not
 * change, and a `FOR UPDATE` would deadlock with transactions that have just inserted a row
 * referencing them (a vote on the idea being recounted holds a key-share lock on it).
 */
export async function lockForUpdate(
  tx: DbTx,
  table: Prisma.ModelName,
  column: string,
  value: string,
): Promise<void> {
  if (databaseProvider() !== "postgresql") return;
  await tx.$queryRawUnsafe(
    `SELECT 1 FROM "${table}" WHERE "${column}" = $1 FOR NO KEY UPDATE`,
    value,
  );
}

/** The shared client, created on first use. */
export function getDb(): PrismaClient {
  client ??= createDb();
  return client;
}

export async function disconnectDb(): Promise<void> {
  if (client) await client.$disconnect();
  client = undefined;
}
