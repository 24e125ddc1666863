import type { SqlDriverAdapter, SqlQueryable } from "@prisma/driver-adapter-utils";

/**
 * Applies `wrap` (which replaces methods in place) to a driver adapter's connection and to
 * every transaction it starts: a statement runs on one or the other.
 */
export function wrapConnectionAndTransactions(
  adapter: SqlDriverAdapter,
  wrap: (queryable: SqlQueryable) => void,
): SqlDriverAdapter {
  wrap(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const tx = await startTransaction(isolationLevel);
    wrap(tx);
    return tx;
  };
  return adapter;
}
