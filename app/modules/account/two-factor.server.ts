import crypto from "node:crypto";
import { serialize as serializeCookie } from "cookie";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import {
  cookieIsSecure,
  cookieName,
  getLucia,
  isTwoFactorRequired,
  TWO_FACTOR_POLICY_KEY,
} from "~/lib/auth.server";
import { getDb } from "~/lib/db.server";
import { countReauthFailure, endSession, markReauthenticated } from "~/lib/sessions.server";
import { ConflictError, NotFoundError, TooManyRequestsError, ValidationError } from "~/lib/errors";
import { verifyPassword } from "~/lib/password.server";
import { logger } from "~/lib/logger.server";
import { readCookie, type ClientInfo } from "~/lib/request.server";
import { TWO_FACTOR_POLICY_ROLES, type Principal } from "~/lib/permissions";
import { assertRecentAuth } from "~/lib/session.server";
import { assertMayManageAccount } from "~/modules/org/index.server";
import { hasSecretKey, open, seal, sha256 } from "~/lib/secret-box.server";
import { recordSecurityEvent } from "~/lib/security-events.server";
import { recordAudit } from "~/modules/audit/index.server";

const ISSUER = "Uptake";
const PERIOD = 30;
/** A code from the step before or after is accepted too (clock drift, slow typing). */
const WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
/** Wrong codes in a row before the second step pauses, and for how long. */
export const MAX_CODE_FAILURES = 5;
export const CODE_LOCK_MS = 15 * 60 * 1000;
/** The second step must follow the password within this time, with at most this many tries. */
export const PENDING_LOGIN_MS = 10 * 60 * 1000;
const MAX_PENDING_ATTEMPTS = 5;
/** Wrong re-authentication answers before the session is ended. */
export const MAX_REAUTH_FAILURES = 5;

// Recovery codes: 10 characters from 30 unambiguous ones (≈ 49 bits), shown as XXXXX-XXXXX.
const RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789";

/** The clock (tests) and where the request came from (security events). */
export interface Context {
  now?: Date;
  client?: ClientInfo;
}
const NO_CLIENT: ClientInfo = { ipAddress: "", userAgent: "" };

function totpFor(secretBase32: string, label: string) {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** For tests and the browser test: the code an authenticator app would show at `now`. */
export function totpCode(secretBase32: string, now = new Date()): string {
  return totpFor(secretBase32, "x").generate({ timestamp: now.getTime() });
}

export function stepAt(now: Date): number {
  return TOTP.counter({ period: PERIOD, timestamp: now.getTime() });
}

function normaliseCode(code: string): string {
  return code.replace(/[\s-]/g, "").toUpperCase();
}

function recoveryHash(userId: string, code: string): string {
  return sha256(`${userId}:${normaliseCode(code)}`);
}

function newRecoveryCode(): string {
  let code = "";
  for (let i = 0; i < 10; i++)
    code += RECOVERY_ALPHABET[crypto.randomInt(RECOVERY_ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * The stored secret, or null when it cannot be opened (UPTAKE_SECRET_KEY missing or changed):
 * the authenticator codes then fail like wrong ones, and the recovery codes (hashed, not
 * encrypted) still sign the person in, so they can enrol again.
 */
function openSecret(sealed: string): string | null {
  try {
    return open(sealed);
  } catch (error) {
    logger.warn({ err: String(error) }, "two-factor secret cannot be opened");
    return null;
  }
}

function assertKeyAvailable() {
  if (!hasSecretKey()) throw new ConflictError("twoFactor.unavailable");
}

// ---------------------------------------------------------------- status and enrolment

export async function getTwoFactorStatus(user: { id: string; email: string }) {
  const db = getDb();
  const [row, recoveryCodesLeft] = await Promise.all([
    db.twoFactor.findUnique({ where: { userId: user.id } }),
    db.recoveryCode.count({ where: { userId: user.id } }),
  ]);
  const available = hasSecretKey();
  let enrolment: { secret: string; uri: string; qrCode: string } | null = null;
  const secret = row && !row.enabledAt && available ? openSecret(row.secret) : null;
  if (secret) {
    const uri = totpFor(secret, user.email).toString();
    enrolment = { secret, uri, qrCode: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
  }
  return {
    available,
    enabled: Boolean(row?.enabledAt),
    enabledAt: row?.enabledAt?.toISOString() ?? null,
    recoveryCodesLeft,
    enrolment,
  };
}

/** Starts (or restarts) an enrolment: a new secret, shown until the first code confirms it. */
export async function startEnrolment(userId: string) {
  assertKeyAvailable();
  const db = getDb();
  const existing = await db.twoFactor.findUnique({ where: { userId } });
  if (existing?.enabledAt) throw new ConflictError("twoFactor.alreadyEnabled");
  const secret = seal(new Secret({ size: 20 }).base32);
  await db.twoFactor.upsert({
    where: { userId },
    create: { userId, secret },
    update: { secret, lastUsedStep: 0, failures: 0, lastFailureAt: null },
  });
}

/** The first right code switches two-factor on; returns the ten recovery codes, shown once. */
export async function confirmEnrolment(userId: string, code: string, ctx: Context = {}) {
  const now = ctx.now ?? new Date();
  assertKeyAvailable();
  const db = getDb();
  const row = await db.twoFactor.findUnique({ where: { userId } });
  if (!row) throw new ConflictError("twoFactor.noEnrolment");
  if (row.enabledAt) throw new ConflictError("twoFactor.alreadyEnabled");
  // The key changed since enrolment started: start again (a 409 with a reason, not a 500).
  const secret = openSecret(row.secret);
  if (!secret) throw new ConflictError("twoFactor.noEnrolment");
  const delta = TOTP.validate({
    token: normaliseCode(code),
    secret: Secret.fromBase32(secret),
    period: PERIOD,
    timestamp: now.getTime(),
    window: WINDOW,
  });
  if (delta === null) throw new ValidationError({ code: "twoFactor.invalidCode" });
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.$transaction(async (tx) => {
    // Conditional: two confirmations racing enable once.
    const { count } = await tx.twoFactor.updateMany({
      where: { userId, enabledAt: null },
      data: { enabledAt: now, lastUsedStep: stepAt(now) + delta },
    });
    if (count !== 1) throw new ConflictError("twoFactor.alreadyEnabled");
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.recoveryCode.createMany({
      data: codes.map((c) => ({ userId, codeHash: recoveryHash(userId, c) })),
    });
    await recordSecurityEvent(
      { type: "twoFactor.enable", actorId: userId, client: ctx.client ?? NO_CLIENT, at: now },
      tx,
    );
  });
  return codes;
}

/** Switching two-factor off asks for the password and a current code (or a recovery code). */
export async function disableTwoFactor(
  userId: string,
  input: { password: string; code: string },
  ctx: Context = {},
) {
  const now = ctx.now ?? new Date();
  const db = getDb();
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user) throw new NotFoundError();
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.password))) {
    throw new ValidationError({ password: "auth.wrongCurrentPassword" });
  }
  await verifySecondFactor(userId, input.code, ctx);
  await db.$transaction(async (tx) => {
    await tx.twoFactor.deleteMany({ where: { userId } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await recordSecurityEvent(
      { type: "twoFactor.disable", actorId: userId, client: ctx.client ?? NO_CLIENT, at: now },
      tx,
    );
  });
}

/** New recovery codes replace the old ones; needs a current code. */
export async function regenerateRecoveryCodes(userId: string, code: string, ctx: Context = {}) {
  const now = ctx.now ?? new Date();
  await verifySecondFactor(userId, code, ctx);
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await getDb().$transaction(async (tx) => {
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.recoveryCode.createMany({
      data: codes.map((c) => ({ userId, codeHash: recoveryHash(userId, c) })),
    });
    await recordSecurityEvent(
      {
        type: "twoFactor.regenerateRecoveryCodes",
        actorId: userId,
        client: ctx.client ?? NO_CLIENT,
        at: now,
      },
      tx,
    );
  });
  return codes;
}

// ---------------------------------------------------------------- checking a code

/**
 * Checks a TOTP code (6 digits) or a recovery code for an enrolled user. Throttled per user:
 * the attempt is counted as a failure before it is checked (parallel guesses count each
 * other) and the count is cleared when it is right. A TOTP step is accepted once (the
 * conditional update on lastUsedStep), a recovery code once (its delete must remove one row).
 */
export async function verifySecondFactor(
  userId: string,
  rawCode: string,
  ctx: Context = {},
): Promise<"totp" | "recovery"> {
  const now = ctx.now ?? new Date();
  const client = ctx.client ?? NO_CLIENT;
  const db = getDb();
  const code = normaliseCode(rawCode);
  const row = await db.$transaction(async (tx) => {
    const current = await tx.twoFactor.findUnique({ where: { userId } });
    if (!current?.enabledAt) return null;
    const fresh =
      current.lastFailureAt && now.getTime() - current.lastFailureAt.getTime() < CODE_LOCK_MS;
    const failures = (fresh ? current.failures : 0) + 1;
    // Already paused: refused without moving the window, so that someone posting codes
    // cannot keep the owner paused for ever (the pause ends 15 min after the last counted try).
    if (fresh && current.failures >= MAX_CODE_FAILURES) return { ...current, failures };
    await tx.twoFactor.update({ where: { userId }, data: { failures, lastFailureAt: now } });
    return { ...current, failures };
  });
  if (!row) throw new ValidationError({ code: "twoFactor.invalidCode" });
  if (row.failures > MAX_CODE_FAILURES) {
    await recordSecurityEvent({ type: "twoFactor.throttled", actorId: userId, client, at: now });
    throw new TooManyRequestsError("twoFactor.throttled");
  }

  let kind: "totp" | "recovery" | null = null;
  const secret = /^\d{6}$/.test(code) ? openSecret(row.secret) : null;
  if (secret) {
    const delta = TOTP.validate({
      token: code,
      secret: Secret.fromBase32(secret),
      period: PERIOD,
      timestamp: now.getTime(),
      window: WINDOW,
    });
    if (delta !== null) {
      const step = stepAt(now) + delta;
      const { count } = await db.twoFactor.updateMany({
        where: { userId, lastUsedStep: { lt: step } },
        data: { lastUsedStep: step },
      });
      if (count !== 1) {
        await recordSecurityEvent({
          type: "twoFactor.failed",
          actorId: userId,
          client,
          details: { reason: "replayed" },
          at: now,
        });
        throw new ValidationError({ code: "twoFactor.codeUsed" });
      }
      kind = "totp";
    }
  } else if (code.length === 10) {
    const { count } = await db.recoveryCode.deleteMany({
      where: { userId, codeHash: recoveryHash(userId, code) },
    });
    if (count === 1) kind = "recovery";
  }
  if (!kind) {
    await recordSecurityEvent({ type: "twoFactor.failed", actorId: userId, client, at: now });
    throw new ValidationError({ code: "twoFactor.invalidCode" });
  }
  await db.$transaction(async (tx) => {
    await tx.twoFactor.update({ where: { userId }, data: { failures: 0, lastFailureAt: null } });
    if (kind === "recovery") {
      const left = await tx.recoveryCode.count({ where: { userId } });
      await recordSecurityEvent(
        { type: "twoFactor.recoveryCodeUsed", actorId: userId, client, details: { left }, at: now },
        tx,
      );
    }
  });
  return kind;
}

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

// ---------------------------------------------------------------- re-authentication

/**
 * Confirms the person at the keyboard (password, or a second-factor code) and stamps the
 * session; sensitive actions accept it for 10 minutes. Wrong answers count on the session:
 * after five it is ended (a stolen session cannot be used to guess the password).
 */
export async function reauthenticate(
  session: { id: string; userId: string },
  input: { password?: string; code?: string },
  ctx: Context = {},
): Promise<{ ok: true } | { ok: false; signedOut: boolean }> {
  const now = ctx.now ?? new Date();
  const db = getDb();
  const user = await db.user.findUnique({
    where: { id: session.userId },
    select: { passwordHash: true },
  });
  if (!user) throw new NotFoundError();
  let ok = false;
  if (input.code) {
    try {
      await verifySecondFactor(session.userId, input.code, ctx);
      ok = true;
    } catch (error) {
      if (error instanceof TooManyRequestsError) throw error;
    }
  } else if (input.password) {
    ok = Boolean(user.passwordHash) && (await verifyPassword(user.passwordHash!, input.password));
  }
  if (!ok) {
    if ((await countReauthFailure(session.id)) >= MAX_REAUTH_FAILURES) {
      await endSession(session.id);
      return { ok: false, signedOut: true };
    }
    return { ok: false, signedOut: false };
  }
  await markReauthenticated(session.id, now);
  return { ok: true };
}

// ---------------------------------------------------------------- the policy

export async function getTwoFactorPolicy() {
  const db = getDb();
  const [required, notEnrolled] = await Promise.all([
    isTwoFactorRequired(),
    db.user.count({
      where: {
        active: true,
        role: { in: [...TWO_FACTOR_POLICY_ROLES] },
        OR: [{ twoFactor: null }, { twoFactor: { enabledAt: null } }],
      },
    }),
  ]);
  return { required, notEnrolled, available: hasSecretKey() };
}

/** Switches "two-factor required for ADMIN and HR" on or off; audited. */
export async function setTwoFactorPolicy(actorId: string, required: boolean) {
  if (required) assertKeyAvailable();
  await getDb().$transaction(async (tx) => {
    const before = await tx.appSetting.findUnique({ where: { key: TWO_FACTOR_POLICY_KEY } });
    const value = required ? "true" : "false";
    if (before?.value === value) return;
    await tx.appSetting.upsert({
      where: { key: TWO_FACTOR_POLICY_KEY },
      create: { key: TWO_FACTOR_POLICY_KEY, value, updatedById: actorId },
      update: { value, updatedById: actorId },
    });
    await recordAudit(tx, {
      actorId,
      action: "security.twoFactorPolicy",
      subjectType: "AppSetting",
      subjectId: TWO_FACTOR_POLICY_KEY,
      before: { required: before?.value === "true" },
      after: { required },
    });
  });
}

// ---------------------------------------------------------------- reset by an administrator

/**
 * For someone who lost both their authenticator and their recovery codes: their second
 * factor is removed (they sign in with the password, and enrol again where it is required).
 * Like a password reset: managers of the account only, never one's own, after re-authentication.
 */
export async function resetUserTwoFactor(
  actor: Principal & { reauthenticatedAt?: Date | null },
  id: string,
  client: ClientInfo,
) {
  if (actor.id === id) throw new ConflictError("twoFactor.admin.notOwn");
  await getDb().$transaction(async (tx) => {
    await assertMayManageAccount(tx, actor, id);
    assertRecentAuth(actor);
    const { count } = await tx.twoFactor.deleteMany({ where: { userId: id } });
    await tx.recoveryCode.deleteMany({ where: { userId: id } });
    if (count === 0) return;
    await recordSecurityEvent(
      { type: "twoFactor.resetByAdmin", actorId: actor.id, subjectId: id, client },
      tx,
    );
  });
}
