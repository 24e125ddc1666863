// The change record: one AuditEvent row per change, written in the change's transaction.
// lib owns the AuditEvent table (decision 017) because the security events beside it are
// written from lib; the audit module re-exports this and reads the log.
import { currentApiTokenId } from "./api-token-scope.server";
import { insertRows, MAX_BOUND_PARAMETERS } from "./bulk-insert.server";
import type { DbTx } from "./db.server";
import { toJsonColumn } from "./json-column.server";

export interface AuditEntry {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
}

/** Writes one audit row through the caller's transaction, so it commits with the change. */
export async function recordAudit(tx: DbTx, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      before: toJsonColumn(entry.before),
      after: toJsonColumn(entry.after),
      apiTokenId: currentApiTokenId(),
    },
  });
}

/**
 * Writes many audit rows in a few multi-row statements (bulk writes such as an import's
 * thousands of changes): the same rows `recordAudit` writes, at a fraction of its cost.
 */
export async function recordAudits(
  tx: DbTx,
  entries: readonly AuditEntry[],
  createdAt = new Date(),
): Promise<void> {
  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
  const apiTokenId = currentApiTokenId();
  await insertRows(
    tx,
    "AuditEvent",
    entries.map((entry) => ({
      actorId: entry.actorId,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      before: json(entry.before),
      after: json(entry.after),
      apiTokenId,
      createdAt,
    })),
    { pgCasts: { before: "jsonb", after: "jsonb" }, parametersPerStatement: MAX_BOUND_PARAMETERS },
  );
}
