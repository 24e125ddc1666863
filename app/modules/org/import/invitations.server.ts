import { createHash, randomBytes } from "node:crypto";
import { insertRows } from "~/lib/bulk-insert.server";
import { forEachChunk } from "~/lib/chunks.server";
import { getDb, type DbTx } from "~/lib/db.server";
import { DAY_MS } from "~/lib/dates";
import { ValidationError } from "~/lib/errors";
import { hashPassword } from "~/lib/password.server";
import { assertStrongPassword } from "~/lib/password-strength";
import { enforceRateLimit, type RateRule } from "~/lib/rate-limit.server";
import { recordAudit } from "~/modules/audit/index.server";
import { notify } from "~/modules/notifications/index.server";

// Imported people have no password: each gets a one-time link by e-mail (the outbox, in the
// import's transaction) to set their first one. Only the token's sha-256 is stored.

const INVITATION_DAYS = 14;

const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

export const invitationPath = (token: string) => `/invite/${token}`;

/** Invites each person (replacing an earlier invitation of theirs), in the caller's transaction. */
export async function inviteUsers(tx: DbTx, userIds: readonly string[], now = new Date()) {
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * DAY_MS);
  const invitations = userIds.map((userId) => ({
    userId,
    token: randomBytes(32).toString("base64url"),
  }));
  // In chunks (under SQLite's 999 bound parameters), yielding to the event loop between
  // them: an import invites 20,000 people in its one transaction (decision 027).
  await forEachChunk(invitations, "importRows", async (chunk) => {
    await tx.invitation.deleteMany({ where: { userId: { in: chunk.map((c) => c.userId) } } });
    await insertRows(
      tx,
      "Invitation",
      chunk.map((c) => ({
        tokenHash: tokenHash(c.token),
        userId: c.userId,
        expiresAt,
        createdAt: now,
      })),
      { id: null },
    );
    await notify(
      tx,
      chunk.map((c) => ({
        userId: c.userId,
        type: "INVITATION" as const,
        params: { days: INVITATION_DAYS },
        link: invitationPath(c.token),
      })),
    );
  });
}

/**
 * Unknown, used or expired links one address may open per window before it gets 429. The
 * tokens are 256 bits, so this does not protect them; it stops a script hammering the page.
 */
export const INVITATION_MISSES: RateRule = {
  name: "invitation-miss",
  points: 20,
  seconds: 15 * 60,
};

/** The invited person, or null when the link is unknown, used or expired. */
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

/** As findInvitation, counting a miss against the client's address (429 past the limit). */
export async function openInvitation(token: string, address: string, now = new Date()) {
  const person = await findInvitation(token, now);
  if (!person) await enforceRateLimit([[INVITATION_MISSES, address]]);
  return person;
}

/**
 * Sets the first password (the change-password page's strength rules) and uses the link up,
 * in one transaction: a link works once.
 */
export async function acceptInvitation(
  token: string,
  input: { password: string },
  address: string,
  now = new Date(),
) {
  const person = await openInvitation(token, address, now);
  if (!person) throw new ValidationError({}, "org.invitation.invalid");
  assertStrongPassword(input.password, person, "password");
  const passwordHash = await hashPassword(input.password);
  await getDb().$transaction(async (tx) => {
    const where = { tokenHash: tokenHash(token), userId: person.id, expiresAt: { gt: now } };
    // deleteMany's count settles a race: only one of two simultaneous uses gets the row.
    if ((await tx.invitation.deleteMany({ where })).count !== 1) {
      throw new ValidationError({}, "org.invitation.invalid");
    }
    await tx.user.update({
      where: { id: person.id },
      data: { passwordHash, mustChangePassword: false },
    });
    await recordAudit(tx, {
      actorId: person.id,
      action: "user.acceptInvitation",
      subjectType: "User",
      subjectId: person.id,
    });
  });
  return { email: person.email };
}
