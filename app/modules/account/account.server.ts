import { liveSessionWhere } from "~/lib/auth.server";
import { getDb } from "~/lib/db.server";
import { NotFoundError, ValidationError } from "~/lib/errors";
import { hashPassword, verifyPassword } from "~/lib/password.server";
import { assertStrongPassword } from "~/lib/password-strength";
import type { ClientInfo } from "~/lib/request.server";
import { recordSecurityEvent } from "~/lib/security-events.server";
import { endUserSessions } from "~/lib/sessions.server";
import { describeUserAgent } from "~/lib/user-agent.server";
import { recordAudit } from "~/modules/audit/index.server";
import {
  replacePasswordHash,
  writeOwnProfile,
  writePreferredLanguage,
} from "~/modules/org/index.server";
import type { ChangePasswordInput } from "./schemas";

/** Changes the user's own password; every other session of theirs ends. */
export async function changeOwnPassword(
  userId: string,
  currentSessionId: string,
  input: ChangePasswordInput,
  client?: ClientInfo,
) {
  const db = getDb();
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { passwordHash: true, name: true, email: true },
  });
  if (!user) throw new NotFoundError();
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new ValidationError({ currentPassword: "auth.wrongCurrentPassword" });
  }
  assertStrongPassword(input.newPassword, user, "newPassword");
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    // Of parallel changes made with the same current password only the first applies; the
    // others find the hash changed.
    const replaced = await replacePasswordHash(tx, userId, {
      checked: user.passwordHash,
      next: passwordHash,
    });
    if (!replaced) throw new ValidationError({ currentPassword: "auth.wrongCurrentPassword" });
    await endUserSessions(tx, userId, { except: currentSessionId });
    if (client) await recordSecurityEvent({ type: "passwordChanged", actorId: userId, client }, tx);
    await recordAudit(tx, {
      actorId: userId,
      action: "user.changePassword",
      subjectType: "User",
      subjectId: userId,
    });
  });
}

export async function updateProfile(
  userId: string,
  input: { name: string; preferredLanguage: "" | "en" | "zh" },
) {
  await getDb().$transaction(async (tx) => {
    const before = await tx.user.findUnique({
      where: { id: userId },
      select: { name: true, preferredLanguage: true },
    });
    if (!before) throw new NotFoundError();
    const after = { name: input.name, preferredLanguage: input.preferredLanguage || null };
    await writeOwnProfile(tx, userId, after);
    await recordAudit(tx, {
      actorId: userId,
      action: "user.updateProfile",
      subjectType: "User",
      subjectId: userId,
      before,
      after,
    });
  });
}

export async function setPreferredLanguage(userId: string, language: "en" | "zh") {
  await writePreferredLanguage(userId, language);
}

export async function listOwnSessions(userId: string, currentSessionId: string) {
  const sessions = await getDb().session.findMany({
    // Idle or too old sessions are over even before they are next presented and deleted.
    where: { userId, ...liveSessionWhere() },
    orderBy: { createdAt: "desc" },
    take: 50,
  });
  return sessions.map((session) => ({
    id: session.id.slice(0, 8),
    createdAt: session.createdAt.toISOString(),
    device: describeUserAgent(session.userAgent),
    ipAddress: session.ipAddress,
    current: session.id === currentSessionId,
  }));
}

/** "Sign out of all other sessions": one delete, audited with it. */
export async function revokeOtherSessions(userId: string, currentSessionId: string) {
  return getDb().$transaction(async (tx) => {
    const { count } = await endUserSessions(tx, userId, { except: currentSessionId });
    await recordAudit(tx, {
      actorId: userId,
      action: "session.revokeOthers",
      subjectType: "User",
      subjectId: userId,
      after: { revoked: count },
    });
    return count;
  });
}
