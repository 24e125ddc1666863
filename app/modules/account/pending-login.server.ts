// The second sign-in step: a password that was right waits here for its code.
import crypto from "node:crypto";
import { serialize as serializeCookie } from "cookie";
import { cookieIsSecure, cookieName, getLucia } from "~/lib/auth.server";
import { getDb } from "~/lib/db.server";
import { ConflictError } from "~/lib/errors";
import { readCookie, type ClientInfo } from "~/lib/request.server";
import { sha256 } from "~/lib/secret-box.server";
import { recordSecurityEvent } from "~/lib/security-events.server";
import {
  Context,
  MAX_PENDING_ATTEMPTS,
  PENDING_LOGIN_MS,
  verifySecondFactor,
} from "./two-factor-codes.server";

// ---------------------------------------------------------------- the second sign-in step

const PENDING_COOKIE = "uptake_2fa";

function pendingCookieName() {
  return cookieName(PENDING_COOKIE);
}

function pendingCookie(value: string, maxAgeSeconds: number) {
  return serializeCookie(pendingCookieName(), value, {
    httpOnly: true,
    sameSite: "lax",
    secure: cookieIsSecure(),
    path: "/",
    maxAge: maxAgeSeconds,
  });
}

export function clearPendingCookie() {
  return pendingCookie("", 0);
}

export async function hasTwoFactor(userId: string): Promise<boolean> {
  const row = await getDb().twoFactor.findUnique({
    where: { userId },
    select: { enabledAt: true },
  });
  return Boolean(row?.enabledAt);
}

/**
 * The password was right and the user has a second factor: no session yet, only a
 * pending sign-in (10 minutes) that the cookie names by a random token (stored hashed).
 */
export async function startPendingLogin(
  userId: string,
  client: ClientInfo,
  redirectTo: string,
  now = new Date(),
) {
  const token = crypto.randomBytes(32).toString("base64url");
  const db = getDb();
  await db.$transaction([
    // Housekeeping on the way: pending sign-ins past their time.
    db.pendingLogin.deleteMany({ where: { expiresAt: { lte: now } } }),
    db.pendingLogin.create({
      data: {
        id: sha256(token),
        userId,
        redirectTo: redirectTo.slice(0, 500),
        ipAddress: client.ipAddress.slice(0, 64),
        userAgent: client.userAgent.slice(0, 300),
        expiresAt: new Date(now.getTime() + PENDING_LOGIN_MS),
        createdAt: now,
      },
    }),
  ]);
  return { cookie: pendingCookie(token, PENDING_LOGIN_MS / 1000) };
}

/** The pending sign-in this request's cookie names, if it is still open. */
export async function findPendingLogin(request: Request, now = new Date()) {
  const token = readCookie(request, pendingCookieName());
  if (!token) return null;
  const row = await getDb().pendingLogin.findUnique({ where: { id: sha256(token) } });
  if (!row || row.expiresAt <= now) return null;
  return row;
}

export class PendingLoginExpiredError extends ConflictError {
  constructor() {
    super("twoFactor.pendingExpired");
  }
}

/**
 * Second step: a right code turns the pending sign-in into a session (Set-Cookie values for
 * the session and for clearing the pending cookie). Wrong codes count against the pending
 * sign-in (5 tries) and against the user (verifySecondFactor).
 */
export async function completePendingLogin(request: Request, code: string, ctx: Context = {}) {
  const now = ctx.now ?? new Date();
  const db = getDb();
  const pending = await findPendingLogin(request, now);
  if (!pending) throw new PendingLoginExpiredError();
  const bumped = await db.pendingLogin.updateMany({
    where: { id: pending.id, attempts: { lt: MAX_PENDING_ATTEMPTS } },
    data: { attempts: { increment: 1 } },
  });
  if (bumped.count !== 1) {
    await db.pendingLogin.deleteMany({ where: { id: pending.id } });
    throw new PendingLoginExpiredError();
  }
  const client = ctx.client ?? { ipAddress: pending.ipAddress, userAgent: pending.userAgent };
  const kind = await verifySecondFactor(pending.userId, code, { now, client });
  // Consumed once: two tabs posting the same right code make one session.
  const { count } = await db.pendingLogin.deleteMany({ where: { id: pending.id } });
  if (count !== 1) throw new PendingLoginExpiredError();
  const user = await db.user.findUnique({
    where: { id: pending.userId },
    select: { active: true, mustChangePassword: true },
  });
  if (!user?.active) throw new PendingLoginExpiredError();
  const lucia = getLucia();
  const session = await lucia.createSession(pending.userId, {
    userAgent: client.userAgent,
    ipAddress: client.ipAddress,
  });
  await recordSecurityEvent({
    type: "signIn",
    actorId: pending.userId,
    client,
    details: { secondFactor: kind },
    at: now,
  });
  return {
    userId: pending.userId,
    cookies: [lucia.createSessionCookie(session.id).serialize(), clearPendingCookie()],
    redirectTo: pending.redirectTo,
    mustChangePassword: user.mustChangePassword,
  };
}
