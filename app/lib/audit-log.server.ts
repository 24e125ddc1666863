// The change record: one AuditEvent row per change, written in the change's transaction.
// lib owns the AuditEvent table (decision 017) because the security events beside it are
// written from lib; the audit module re-exports this and reads the log.
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
    },
  });
}
