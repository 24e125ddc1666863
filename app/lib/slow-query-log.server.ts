import type { SqlDriverAdapter, SqlQuery, SqlQueryable } from "@prisma/driver-adapter-utils";
import { wrapConnectionAndTransactions } from "./adapter-wrapping.server";
import { logger } from "./logger.server";

/** Long statements (IN lists of a thousand placeholders) are cut to this many characters. */
const MAX_SQL_LENGTH = 2000;

/**
 * Logs every statement that takes at least `thresholdMs` (SLOW_QUERY_MS) as a warning, with its
 * SQL and duration. The SQL keeps its `?` placeholders: the values can be personal data (an
 * e-mail, a name searched for) and never reach the log.
 */
function timeStatements(queryable: SqlQueryable, thresholdMs: number) {
  const timed =
    <R>(run: (query: SqlQuery) => Promise<R>) =>
    async (query: SqlQuery): Promise<R> => {
      const started = performance.now();
      try {
        return await run(query);
      } finally {
        const ms = performance.now() - started;
        if (ms >= thresholdMs) {
          logger.warn(
            { sql: query.sql.slice(0, MAX_SQL_LENGTH), ms: Math.round(ms * 100) / 100 },
            "slow query",
          );
        }
      }
    };
  queryable.queryRaw = timed(queryable.queryRaw.bind(queryable));
  queryable.executeRaw = timed(queryable.executeRaw.bind(queryable));
}

/**
 * Times the statements of a connection and of every transaction it starts. Applied to the raw
 * connection, beneath the transaction lock (sqlite-adapter.server.ts), so the time is the
 * statement's own and not the wait for another request's transaction.
 */
export function logSlowQueries(adapter: SqlDriverAdapter, thresholdMs: number): SqlDriverAdapter {
  return wrapConnectionAndTransactions(adapter, (queryable) =>
    timeStatements(queryable, thresholdMs),
  );
}
