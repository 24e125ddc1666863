import type { SqlDriverAdapter, SqlQueryable } from "@prisma/driver-adapter-utils";
import { wrapConnectionAndTransactions } from "./adapter-wrapping.server";

let statements = 0;

/** Statements run on app connections since start: a machine-independent measure of work. */
export const statementCount = () => statements;

export function countStatement(): void {
  statements++;
}

function countOn(queryable: SqlQueryable) {
  const queryRaw = queryable.queryRaw.bind(queryable);
  const executeRaw = queryable.executeRaw.bind(queryable);
  queryable.queryRaw = (query) => {
    statements++;
    return queryRaw(query);
  };
  queryable.executeRaw = (query) => {
    statements++;
    return executeRaw(query);
  };
}

/** Counts the statements of a connection and of every transaction it starts. */
export const countStatements = (adapter: SqlDriverAdapter): SqlDriverAdapter =>
  wrapConnectionAndTransactions(adapter, countOn);
