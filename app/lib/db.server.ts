import { PrismaClient } from "../../prisma/generated/client/client";
import { getEnv } from "./env.server";
import { createSqliteAdapter } from "./sqlite-adapter.server";

export { Prisma } from "../../prisma/generated/client/client";
/** A client or an interactive-transaction client: what module functions write through. */
export type DbTx = Omit<
  PrismaClient,
  "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends"
>;

let client: PrismaClient | undefined;

/** The shared client, created on first use from DATABASE_URL. */
export function getDb(): PrismaClient {
  client ??= new PrismaClient({ adapter: createSqliteAdapter(getEnv().DATABASE_URL) });
  return client;
}

export async function disconnectDb(): Promise<void> {
  if (client) await client.$disconnect();
  client = undefined;
}
