import { createHash, randomBytes } from "node:crypto";
import { getDb, type DbTx } from "~/lib/db.server";
import { DAY_MS } from "~/lib/dates";
import { ValidationError } from "~/lib/errors";
import { hashPassword } from "~/lib/password.server";
import { recordAudit } from "~/modules/audit/index.server";
import { notify } from "~/modules/notifications/index.server";

// Imported people have no password: each gets a one-time link by e-mail (the outbox, in the
// import's transaction) to set their first one. Only the token's sha-256 is stored.

const INVITATION_DAYS = 14;
const CHUNK = 500;

const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

export const invitationPath = (token: string) => `/invite/${token}`;

/** Invites each person (replacing an earlier invitation of theirs), in the caller's transaction. */
export async function inviteUsers(tx: DbTx, userIds: readonly string[], now = new Date()) {
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * DAY_MS);
  const invitations = userIds.map((userId) => ({
    userId,
    token: randomBytes(32).toString("base64url"),
  }));
  // In chunks: SQLite takes at most 999 bound parameters per statement.
  for (let i = 0; i < invitations.length; i += CHUNK) {
    const chunk = invitations.slice(i, i + CHUNK);
    await tx.invitation.deleteMany({ where: { userId: { in: chunk.map((c) => c.userId) } } });
    await tx.invitation.createMany({
      data: chunk.map((c) => ({ tokenHash: tokenHash(c.token), userId: c.userId, expiresAt })),
    });
    await notify(
      tx,
      chunk.map((c) => ({
        userId: c.userId,
        type: "INVITATION" as const,
        params: { days: INVITATION_DAYS },
        link: invitationPath(c.token),
      })),
    );
  }
}

/** The invited person's name, or null when the link is unknown, used or expired. */
export async function findInvitation(token: string, now = new Date()) {
  const invitation = await getDb().invitation.findUnique({
    where: { tokenHash: tokenHash(token) },
  });
  if (!invitation || invitation.expiresAt <= now) return null;
  const user = await getDb().user.findUnique({
    where: { id: invitation.userId },
    select: { id: true, name: true, email: true, active: true },
  });
  return user?.active ? user : null;
}

/** Sets the first password and uses the link up (one transaction: a link works once). */
export async function acceptInvitation(token: string, password: string, now = new Date()) {
  const passwordHash = await hashPassword(password);
  await getDb().$transaction(async (tx) => {
    const where = { tokenHash: tokenHash(token), expiresAt: { gt: now } };
    const invitation = await tx.invitation.findFirst({ where });
    // deleteMany's count settles a race: only one of two simultaneous uses gets the row.
    if (!invitation || (await tx.invitation.deleteMany({ where })).count !== 1) {
      throw new ValidationError({ password: "org.invitation.invalid" });
    }
    const userId = invitation.userId;
    await tx.user.update({
      where: { id: userId },
      data: { passwordHash, mustChangePassword: false },
    });
    await recordAudit(tx, {
      actorId: userId,
      action: "user.acceptInvitation",
      subjectType: "User",
      subjectId: userId,
    });
  });
}
