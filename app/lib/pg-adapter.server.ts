import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlQueryable } from "@prisma/driver-adapter-utils";
import type pg from "pg";
import { wrapConnectionAndTransactions } from "./adapter-wrapping.server";
import { logSlowQueries } from "./slow-query-log.server";
import { countStatements } from "./statement-count.server";
import {
  NESTED_TRANSACTION,
  OUTSIDE_TRANSACTION,
  currentTransactionScope,
  holdingScope,
} from "./transaction-scope.server";

/**
 * Pool settings from a `postgresql://user:password@host:port/database?schema=…` URL, as
 * separate fields: the adapter makes the migration shadow database's settings by replacing
 * `database`, which a connection string would override (../shared/STACK.md).
 */
export function pgPoolConfig(databaseUrl: string): pg.PoolConfig & { schema?: string } {
  const url = new URL(databaseUrl);
  const param = (name: string) => url.searchParams.get(name) ?? undefined;
  const poolSize = param("connection_limit");
  return {
    host: decodeURIComponent(url.hostname) || "localhost",
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username) || undefined,
    password: decodeURIComponent(url.password) || undefined,
    database: decodeURIComponent(url.pathname.slice(1)) || undefined,
    ...(poolSize ? { max: Number(poolSize) } : {}),
    ...(param("sslmode") === "require" ? { ssl: { rejectUnauthorized: false } } : {}),
    ...(param("schema") ? { schema: param("schema") } : {}),
  };
}

/** The database name of a PostgreSQL URL. */
export const pgDatabaseName = (databaseUrl: string) => pgPoolConfig(databaseUrl).database ?? "";

// Catalog types the adapter cannot read (prisma/orm#27403), which the migrate commands
// select from pg_catalog: name, "char", int2vector, regproc, oidvector, pg_node_tree, regclass;
// and their arrays. Read as text, which is what the schema engine expects of them.
const CATALOG_TEXT_TYPES = new Set([18, 19, 22, 24, 30, 194, 2205]);
const CATALOG_TEXT_ARRAY_TYPES = new Set([1002, 1003]);
const TEXT = 25;
const TEXT_ARRAY = 1009;

// A multi-statement script (a migration) answers with one result per statement.
type PgResult = { fields?: { dataTypeID: number }[] } | { fields?: { dataTypeID: number }[] }[];

/** Reports catalog type ids as text on one connection or transaction (CLI only). */
function readCatalogTypesAsText(queryable: SqlQueryable) {
  const io = queryable as unknown as { performIO(query: unknown): Promise<PgResult> };
  const performIO = io.performIO.bind(io);
  io.performIO = async (query) => {
    const result = await performIO(query);
    const fields = (Array.isArray(result) ? result : [result]).flatMap((one) => one.fields ?? []);
    for (const field of fields) {
      if (CATALOG_TEXT_TYPES.has(field.dataTypeID)) field.dataTypeID = TEXT;
      else if (CATALOG_TEXT_ARRAY_TYPES.has(field.dataTypeID)) field.dataTypeID = TEXT_ARRAY;
    }
    return result;
  };
}

const withCatalogTypesAsText = (adapter: SqlDriverAdapter) =>
  wrapConnectionAndTransactions(adapter, readCatalogTypesAsText);

/**
 * Misuse of the shared client inside a `$transaction` callback fails at once, as on SQLite
 * (sqlite-adapter.server.ts): a transaction inside another, or a statement through the shared
 * client, would take another pooled connection and commit apart from the transaction.
 */
function guardTransactionScope(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const outside =
    <A, R>(run: (arg: A) => Promise<R>) =>
    (arg: A): Promise<R> => {
      if (holdingScope()) return Promise.reject(new Error(OUTSIDE_TRANSACTION));
      return run(arg);
    };
  adapter.queryRaw = outside(adapter.queryRaw.bind(adapter));
  adapter.executeRaw = outside(adapter.executeRaw.bind(adapter));
  adapter.executeScript = outside(adapter.executeScript.bind(adapter));
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    if (holdingScope()) throw new Error(NESTED_TRANSACTION);
    const scope = currentTransactionScope();
    const tx = await startTransaction(isolationLevel);
    if (!scope) return tx;
    scope.holding = true;
    for (const end of ["commit", "rollback"] as const) {
      const run = tx[end].bind(tx);
      tx[end] = async () => {
        scope.holding = false;
        return run();
      };
    }
    return tx;
  };
  return adapter;
}

/**
 * Driver adapter for PostgreSQL. `forCli` (the Prisma CLI) reads catalog types and closes
 * idle connections quickly so commands exit at once; `slowQueryMs` (the app) logs slow
 * statements. The app counts every statement (statement-count.server.ts).
 */
export function createPgAdapter(
  databaseUrl: string,
  { forCli = false, slowQueryMs }: { forCli?: boolean; slowQueryMs?: number } = {},
): PrismaPg {
  const { schema, ...pool } = pgPoolConfig(databaseUrl);
  const factory = new PrismaPg(
    { ...pool, ...(forCli ? { idleTimeoutMillis: 500 } : {}) },
    schema ? { schema } : undefined,
  );
  // The wrappers change methods on the adapter object itself, so it keeps its class.
  type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    let adapter: SqlDriverAdapter = await connect();
    if (forCli) return withCatalogTypesAsText(adapter) as PgAdapter;
    if (slowQueryMs !== undefined) adapter = logSlowQueries(adapter, slowQueryMs);
    return guardTransactionScope(countStatements(adapter)) as PgAdapter;
  };
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () =>
    withCatalogTypesAsText(await connectToShadowDb()) as PgAdapter;
  return factory;
}
