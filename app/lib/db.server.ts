import { PrismaClient } from "../../prisma/generated/client/client";
import { getEnv } from "./env.server";
import { createSqliteAdapter, inTransactionScope } from "./sqlite-adapter.server";

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
 * runs inside the transaction that holds the connection (see sqlite-adapter.server.ts).
 */
function scopeTransactions(db: PrismaClient): PrismaClient {
  const transaction = db.$transaction.bind(db) as (...args: unknown[]) => Promise<unknown>;
  db.$transaction = ((...args: unknown[]) =>
    inTransactionScope(() => transaction(...args))) as PrismaClient["$transaction"];
  return db;
}

/**
 * A client as the app uses it: reads on their own connection, statements slower than
 * `slowQueryMs` logged. Options default to the environment (DATABASE_URL, SLOW_QUERY_MS).
 */
export function createDb({
  databaseUrl = getEnv().DATABASE_URL,
  slowQueryMs = getEnv().SLOW_QUERY_MS,
} = {}): PrismaClient {
  return scopeTransactions(
    new PrismaClient({
      adapter: createSqliteAdapter(databaseUrl, { separateReads: true, slowQueryMs }),
    }),
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
