import { getLucia } from "~/lib/auth.server";
import { getDb } from "~/lib/db.server";
import { TooManyRequestsError, ValidationError } from "~/lib/errors";
import { dummyPasswordHash, verifyPassword } from "~/lib/password.server";
import type { LoginInput } from "./schemas";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export interface ClientInfo {
  ipAddress: string;
  userAgent: string;
}

/**
 * Refuses the attempt when, counting it, an e-mail has more than 5 failures or an address
 * more than 20 inside the window. For an e-mail, failures before its last successful
 * sign-in do not count.
 */
async function assertNotThrottled(email: string, ipAddress: string, now: Date) {
  const db = getDb();
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const lastSuccess = await db.loginAttempt.findFirst({
    where: { email, success: true, createdAt: { gte: windowStart } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const [emailFailures, addressFailures] = await Promise.all([
    db.loginAttempt.count({
      where: { email, success: false, createdAt: { gt: lastSuccess?.createdAt ?? windowStart } },
    }),
    db.loginAttempt.count({
      where: { ipAddress, success: false, createdAt: { gte: windowStart } },
    }),
  ]);
  if (emailFailures > MAX_FAILURES_PER_EMAIL || addressFailures > MAX_FAILURES_PER_ADDRESS) {
    throw new TooManyRequestsError("auth.throttled");
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
  await assertNotThrottled(input.email, client.ipAddress, now);
  const user = await db.user.findUnique({
    where: { email: input.email },
    select: { id: true, passwordHash: true, active: true, mustChangePassword: true },
  });
  const passwordOk = await verifyPassword(
    user?.passwordHash ?? (await dummyPasswordHash()),
    input.password,
  );
  if (!user || !user.passwordHash || !passwordOk) {
    throw new ValidationError({}, "auth.invalidCredentials");
  }
  if (!user.active) {
    // The password was right: say why, without counting it as a guess.
    await db.loginAttempt.delete({ where: { id: attempt.id } });
    throw new ValidationError({}, "auth.deactivated");
  }
  const lucia = getLucia();
  const session = await lucia.createSession(user.id, {
    userAgent: client.userAgent,
    ipAddress: client.ipAddress,
  });
  await db.$transaction([
    db.loginAttempt.update({ where: { id: attempt.id }, data: { success: true } }),
    // Housekeeping on the way: this user's expired sessions and attempts past the window.
    db.session.deleteMany({ where: { userId: user.id, expiresAt: { lte: now } } }),
    db.loginAttempt.deleteMany({
      where: { createdAt: { lt: new Date(now.getTime() - THROTTLE_WINDOW_MS) } },
    }),
  ]);
  return {
    cookie: lucia.createSessionCookie(session.id).serialize(),
    mustChangePassword: user.mustChangePassword,
  };
}

export async function signOut(sessionId: string) {
  const lucia = getLucia();
  await lucia.invalidateSession(sessionId);
  return lucia.createBlankSessionCookie().serialize();
}
