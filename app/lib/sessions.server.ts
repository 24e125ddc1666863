// Writes to the Session table outside Lucia's own adapter. lib owns the table (decision 017):
// modules end or mark sessions through these functions, never with their own queries.
import { getDb, type DbTx } from "./db.server";

/**
 * Ends a person's sessions: all of them, all but `except` (the one in use), or only those
 * already past their expiry (`expiredBy`). Returns the query unawaited so it can join a
 * batch transaction; the count is how many ended.
 */
export function endUserSessions(
  tx: DbTx,
  userId: string,
  options: { except?: string; expiredBy?: Date } = {},
) {
  return tx.session.deleteMany({
    where: {
      userId,
      ...(options.except ? { id: { not: options.except } } : {}),
      ...(options.expiredBy ? { expiresAt: { lte: options.expiredBy } } : {}),
    },
  });
}

export async function endSession(sessionId: string, tx: DbTx = getDb()): Promise<void> {
  await tx.session.deleteMany({ where: { id: sessionId } });
}

/** A failed re-authentication on this session; returns how many there have been in a row. */
export async function countReauthFailure(sessionId: string): Promise<number> {
  const updated = await getDb().session.update({
    where: { id: sessionId },
    data: { reauthFailures: { increment: 1 } },
    select: { reauthFailures: true },
  });
  return updated.reauthFailures;
}

export async function markReauthenticated(sessionId: string, at: Date): Promise<void> {
  await getDb().session.update({
    where: { id: sessionId },
    data: { reauthenticatedAt: at, reauthFailures: 0 },
  });
}
