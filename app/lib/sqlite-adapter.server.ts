import { AsyncLocalStorage } from "node:async_hooks";
import path from "node:path";
import fs from "node:fs";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";
import type { SqlDriverAdapter, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import { logSlowQueries } from "./slow-query-log.server";

// WAL lets readers run beside the writer; foreign keys are off in SQLite unless asked for.
const CONNECTION_PRAGMAS =
  "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";

export function sqliteFilePath(databaseUrl: string): string {
  return path.resolve(databaseUrl.replace(/^file:/, ""));
}

// The shadow database replays each migration as one executeRaw, which better-sqlite3
// refuses for multi-statement SQL; argument-less statements go through executeScript.
function withScriptFallback(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (query.args.length === 0) {
      await adapter.executeScript(query.sql);
      return 0;
    }
    return executeRaw(query);
  };
  return adapter;
}

/** A first-come-first-served lock: one open transaction at a time, statements queue behind it. */
class ConnectionLock {
  #held = false;
  readonly #waiters: (() => void)[] = [];

  get busy() {
    return this.#held || this.#waiters.length > 0;
  }

  acquire(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  release() {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#held = false;
  }
}

/** One `$transaction` call; `holding` while its transaction owns the connection lock. */
interface Scope {
  parent: Scope | undefined;
  holding: boolean;
}

// Marks the async context of each `$transaction` call (see db.server.ts), so a statement
// can tell whether it comes from code running inside the transaction that holds the lock.
const transactionScope = new AsyncLocalStorage<Scope>();

/** Runs a `$transaction` call in its own scope (the lock holder is known by its context). */
export function inTransactionScope<T>(run: () => Promise<T>): Promise<T> {
  return transactionScope.run({ parent: transactionScope.getStore(), holding: false }, run);
}

/** The scope, in this context's chain, whose transaction holds the lock now, if any. */
function holdingScope(): Scope | undefined {
  for (let scope = transactionScope.getStore(); scope; scope = scope.parent)
    if (scope.holding) return scope;
  return undefined;
}

let statements = 0;

/** Statements run on app connections since start: a machine-independent measure of work. */
export const statementCount = () => statements;

const NESTED_TRANSACTION =
  "A transaction was started inside another transaction's callback: use that callback's transaction client (tx) instead.";

// Prisma writes with INSERT/UPDATE/DELETE … RETURNING through queryRaw: only SELECT is a read.
const isRead = (query: SqlQuery) => /^\s*SELECT\b/i.test(query.sql);

const isEnd = (query: SqlQuery) => /^\s*(COMMIT|ROLLBACK)\b/i.test(query.sql);

/**
 * Isolation on the shared connection (decision 015): better-sqlite3 runs every statement
 * synchronously, so a statement outside a transaction runs at once when no transaction is
 * open, and otherwise queues until the open one commits or rolls back. Without this, another
 * request's statements would run inside that transaction. Plain reads may go to a second,
 * query-only connection instead: in WAL mode it sees what is committed and never waits.
 */
function withTransactionLock(
  adapter: SqlDriverAdapter,
  reader?: SqlDriverAdapter,
): SqlDriverAdapter {
  const lock = new ConnectionLock();
  const plain =
    <A, R>(run: (arg: A) => Promise<R>) =>
    async (arg: A): Promise<R> => {
      statements++;
      // The shared client used from inside the open transaction's own callback (getDb()
      // instead of tx): on this one connection the statement is part of that transaction
      // already, and waiting for the lock would wait for itself until the timeout.
      if (!lock.busy || holdingScope()) return run(arg);
      await lock.acquire();
      try {
        // Synchronous underneath: the statement has run once the call returns.
        return run(arg);
      } finally {
        lock.release();
      }
    };
  const queryRaw = plain(adapter.queryRaw.bind(adapter));
  adapter.queryRaw = async (query) => {
    if (!reader || !isRead(query) || holdingScope()) return queryRaw(query);
    statements++;
    return reader.queryRaw(query);
  };
  adapter.executeRaw = plain(adapter.executeRaw.bind(adapter));
  adapter.executeScript = plain(adapter.executeScript.bind(adapter));

  const startTransaction = adapter.startTransaction.bind(adapter);
  if (reader) {
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await reader.dispose();
      await dispose();
    };
  }
  adapter.startTransaction = async (isolationLevel) => {
    // SQLite cannot nest transactions, and this one would wait for its parent for ever.
    if (holdingScope()) throw new Error(NESTED_TRANSACTION);
    const scope = transactionScope.getStore();
    await lock.acquire();
    let tx: Transaction;
    try {
      tx = await startTransaction(isolationLevel);
    } catch (error) {
      lock.release();
      throw error;
    }
    if (scope) scope.holding = true;
    return holdUntilEnd(tx, () => {
      if (scope) scope.holding = false;
      lock.release();
    });
  };
  return adapter;
}

/** Releases the lock when the transaction ends, also when the database refuses its COMMIT. */
function holdUntilEnd(tx: Transaction, release: () => void): Transaction {
  let ended = false;
  const end = () => {
    if (!ended) release();
    ended = true;
  };
  const commit = tx.commit.bind(tx);
  const rollback = tx.rollback.bind(tx);
  const executeRaw = tx.executeRaw.bind(tx);
  const queryRaw = tx.queryRaw.bind(tx);
  tx.queryRaw = (query) => {
    statements++;
    return queryRaw(query);
  };
  tx.commit = async () => {
    try {
      await commit();
    } finally {
      end();
    }
  };
  tx.rollback = async () => {
    try {
      await rollback();
    } finally {
      end();
    }
  };
  // Prisma sends COMMIT as a statement and only then calls commit(); when the statement
  // fails (a deferred constraint, a full disk) it never calls either, which would hold the
  // connection for good. Roll back what is still open and end the transaction here.
  tx.executeRaw = async (query) => {
    statements++;
    try {
      return await executeRaw(query);
    } catch (error) {
      if (isEnd(query)) {
        await executeRaw({ sql: "ROLLBACK", args: [], argTypes: [] }).catch(() => 0);
        await tx.rollback();
      }
      throw error;
    }
  };
  return tx;
}

// Several server processes share the file (decision 022); only SQLite's file lock orders their
// writers. better-sqlite3 waits for that lock synchronously (the busy timeout), freezing this
// process's event loop, and with it the other process's transaction it waits for is no faster,
// while every request here stalls: under load, renders passed their 5 s limit. So the writer
// connection has no busy timeout, and a statement refused with SQLITE_BUSY is tried again
// after a pause that lets the event loop run, for up to BUSY_WAIT_MS.
const BUSY_WAIT_MS = 5000;

const isBusy = (error: unknown) => {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { originalCode?: unknown } };
  return /^SQLITE_BUSY/.test(String(cause?.originalCode ?? code ?? ""));
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `attempt`, tried again while another process holds the write lock, up to BUSY_WAIT_MS. */
async function whileBusy<T>(attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + BUSY_WAIT_MS;
  for (let wait = 1; ; wait = Math.min(2 * wait, 20)) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error) || Date.now() + wait > deadline) throw error;
    }
    await pause(wait);
  }
}

/**
 * The writer connection's transactions begin with BEGIN IMMEDIATE, waited for as above. The
 * adapter's own startTransaction is not used: its BEGIN is deferred, taking the write lock
 * only at the first write, and when another process committed after this transaction's first
 * read SQLite refuses that upgrade at once (the snapshot is stale; waiting cannot help); and a
 * BEGIN that fails leaves the adapter's internal mutex locked for good. Prisma ends the
 * transaction with a COMMIT or ROLLBACK statement and then calls commit() or rollback().
 * Scripts (migrations, pragmas) keep SQLite's blocking wait: one that failed half-way could
 * not simply be run again.
 */
function immediateTransactions(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const connection = (adapter as unknown as { client: BetterSqlite3.Database }).client;
  connection.pragma("busy_timeout = 0");
  const executeScript = adapter.executeScript.bind(adapter);
  adapter.executeScript = async (script) => {
    connection.pragma(`busy_timeout = ${BUSY_WAIT_MS}`);
    try {
      await executeScript(script);
    } finally {
      connection.pragma("busy_timeout = 0");
    }
  };
  const queryable = {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: adapter.queryRaw.bind(adapter),
    executeRaw: adapter.executeRaw.bind(adapter),
  };
  adapter.startTransaction = async (isolationLevel) => {
    if (isolationLevel && isolationLevel !== "SERIALIZABLE") {
      throw new Error(`SQLite transactions are serializable, not ${isolationLevel}`);
    }
    await whileBusy(async () => connection.exec("BEGIN IMMEDIATE"));
    const end = async () => {};
    return { ...queryable, options: { usePhantomQuery: false }, commit: end, rollback: end };
  };
  return adapter;
}

/** Plain statements outside transactions wait for another process's write lock (above). */
function waitForOtherProcesses(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const queryRaw = adapter.queryRaw.bind(adapter);
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.queryRaw = (query) => whileBusy(() => queryRaw(query));
  adapter.executeRaw = (query) => whileBusy(() => executeRaw(query));
  return adapter;
}

/**
 * Driver adapter for the app and the Prisma CLI: creates the file, sets pragmas on connect.
 * `separateReads` (the app) opens a second connection for plain reads; `slowQueryMs` (the
 * app) logs statements that take at least that long (slow-query-log.server.ts).
 */
export function createSqliteAdapter(
  databaseUrl: string,
  { separateReads = false, slowQueryMs }: { separateReads?: boolean; slowQueryMs?: number } = {},
): PrismaBetterSQLite3 {
  const filePath = sqliteFilePath(databaseUrl);
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
  // `timeout` is better-sqlite3's busy timeout, kept by the reader (in WAL mode reads wait only
  // in rare moments, e.g. recovery); the writer waits without blocking (immediateTransactions).
  const factory = new PrismaBetterSQLite3(
    { url: `file:${filePath}`, timeout: BUSY_WAIT_MS },
    { shadowDatabaseUrl: ":memory:" },
  );
  const connectRaw = factory.connect.bind(factory);
  const connect = async () => {
    const adapter = await connectRaw();
    return slowQueryMs === undefined ? adapter : logSlowQueries(adapter, slowQueryMs);
  };
  factory.connect = async () => {
    const adapter = immediateTransactions(await connect());
    await adapter.executeScript(CONNECTION_PRAGMAS);
    // Outside the lock: each new attempt queues for it again, never joining a transaction
    // that this process opened in the meantime.
    if (!separateReads) return waitForOtherProcesses(withTransactionLock(adapter));
    const reader = await connect();
    await reader.executeScript("PRAGMA query_only = ON;");
    return waitForOtherProcesses(withTransactionLock(adapter, reader));
  };
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => withScriptFallback(await connectToShadowDb());
  return factory;
}
