import { AsyncLocalStorage } from "node:async_hooks";

/** One `$transaction` call; `holding` while its transaction is open. */
export interface TransactionScope {
  parent: TransactionScope | undefined;
  holding: boolean;
}

// Marks the async context of each `$transaction` call (see db.server.ts), so a statement can
// tell whether it comes from code running inside an open transaction's callback.
const transactionScope = new AsyncLocalStorage<TransactionScope>();

/** Runs a `$transaction` call in its own scope (its transaction is known by its context). */
export function inTransactionScope<T>(run: () => Promise<T>): Promise<T> {
  return transactionScope.run({ parent: transactionScope.getStore(), holding: false }, run);
}

/** The scope of this `$transaction` call, if the code runs inside one. */
export const currentTransactionScope = () => transactionScope.getStore();

/** The scope, in this context's chain, whose transaction is open now, if any. */
export function holdingScope(): TransactionScope | undefined {
  for (let scope = transactionScope.getStore(); scope; scope = scope.parent)
    if (scope.holding) return scope;
  return undefined;
}

export const NESTED_TRANSACTION =
  "A transaction was started inside another transaction's callback: use that callback's transaction client (tx) instead.";

export const OUTSIDE_TRANSACTION =
  "The shared client was used inside a transaction's callback, where its statement would run outside the transaction: use that callback's transaction client (tx) instead.";
