import { getLucia } from "~/lib/auth.server";
import { getDb } from "~/lib/db.server";
import { TooManyRequestsError, ValidationError } from "~/lib/errors";
import { dummyPasswordHash, verifyPassword } from "~/lib/password.server";
import type { ClientInfo } from "~/lib/request.server";
import { recordSecurityEvent } from "~/lib/security-events.server";
import { endUserSessions } from "~/lib/sessions.server";
import type { LoginInput } from "./schemas";
import { assertNotThrottled, ATTEMPT_RETENTION_MS } from "./throttle.server";
import { hasTwoFactor, startPendingLogin } from "./pending-login.server";

export type { ClientInfo };

/** Throttling first (the attempt row already counts); a refused try is logged and forgotten. */
async function throttle(attemptId: string, input: LoginInput, client: ClientInfo, now: Date) {
  try {
    await assertNotThrottled(attemptId, input.email, client.ipAddress, now);
  } catch (error) {
    if (!(error instanceof TooManyRequestsError)) throw error;
    // Refused tries do not lengthen the delay: only checked passwords count.
    await getDb().loginAttempt.delete({ where: { id: attemptId } });
    await recordSecurityEvent({
      type: "signInThrottled",
      actorId: null,
      subjectType: "Email",
      subjectId: input.email,
      client,
      at: now,
    });
    throw error;
  }
}

/** Checks the password and creates a session; returns the Set-Cookie value. */
export async function signIn(input: LoginInput, client: ClientInfo, now = new Date()) {
  const db = getDb();
  // The attempt is written as a failure before anything is checked, so parallel guesses
  // count each other; it becomes a success only when the password is right.
  const attempt = await db.loginAttempt.create({
    data: { email: input.email, ipAddress: client.ipAddress, success: false, createdAt: now },
  });
  await throttle(attempt.id, input, client, now);
  const user = await db.user.findUnique({
    where: { email: input.email },
    select: { id: true, passwordHash: true, active: true, mustChangePassword: true },
  });
  const passwordOk = await verifyPassword(
    user?.passwordHash ?? (await dummyPasswordHash()),
    input.password,
  );
  // A deactivated account is refused like a wrong password and counts as a failure, so
  // sign-in reveals nothing about which accounts exist or were deactivated.
  if (!user || !user.passwordHash || !passwordOk || !user.active) {
    await recordSecurityEvent({
      type: "signInFailed",
      actorId: user?.id ?? null,
      subjectType: user ? "User" : "Email",
      subjectId: user?.id ?? input.email,
      client,
      at: now,
    });
    throw new ValidationError({}, "auth.invalidCredentials");
  }
  if (await hasTwoFactor(user.id)) {
    // The password step passed; no session until the second factor (routes/auth/two-factor).
    await db.loginAttempt.update({ where: { id: attempt.id }, data: { success: true } });
    const pending = await startPendingLogin(user.id, client, input.redirectTo ?? "/", now);
    return {
      cookie: pending.cookie,
      mustChangePassword: user.mustChangePassword,
      secondFactor: true,
    };
  }
  const lucia = getLucia();
  const session = await lucia.createSession(user.id, {
    userAgent: client.userAgent,
    ipAddress: client.ipAddress,
  });
  await db.$transaction([
    db.loginAttempt.update({ where: { id: attempt.id }, data: { success: true } }),
    // Housekeeping on the way: this user's expired sessions and attempts past the window.
    endUserSessions(db, user.id, { expiredBy: now }),
    db.loginAttempt.deleteMany({
      where: { createdAt: { lt: new Date(now.getTime() - ATTEMPT_RETENTION_MS) } },
    }),
  ]);
  await recordSecurityEvent({ type: "signIn", actorId: user.id, client, at: now });
  return {
    cookie: lucia.createSessionCookie(session.id).serialize(),
    mustChangePassword: user.mustChangePassword,
    secondFactor: false,
  };
}

export async function signOut(session: { id: string; userId: string }, client: ClientInfo) {
  const lucia = getLucia();
  await lucia.invalidateSession(session.id);
  await recordSecurityEvent({ type: "signOut", actorId: session.userId, client });
  return lucia.createBlankSessionCookie().serialize();
}
