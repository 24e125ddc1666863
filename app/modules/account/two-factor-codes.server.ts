// TOTP and recovery codes: generating, sealing and checking them, throttled per person.
import crypto from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { getDb, lockForUpdate } from "~/lib/db.server";
import { ConflictError, TooManyRequestsError, ValidationError } from "~/lib/errors";
import { logger } from "~/lib/logger.server";
import { type ClientInfo } from "~/lib/request.server";
import { hasSecretKey, open, sha256 } from "~/lib/secret-box.server";
import { recordSecurityEvent } from "~/lib/security-events.server";
import { MINUTE_MS } from "~/lib/dates";

export const ISSUER = "Uptake";
export const PERIOD = 30;
/** A code from the step before or after is accepted too (clock drift, slow typing). */
export const WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
/** Wrong codes in a row before the second step pauses, and for how long. */
export const MAX_CODE_FAILURES = 5;
export const CODE_LOCK_MS = 15 * MINUTE_MS;
/** The second step must follow the password within this time, with at most this many tries. */
export const PENDING_LOGIN_MS = 10 * MINUTE_MS;
export const MAX_PENDING_ATTEMPTS = 5;
/** Wrong re-authentication answers before the session is ended. */
export const MAX_REAUTH_FAILURES = 5;

// Recovery codes: 10 characters from 30 unambiguous ones (≈ 49 bits), shown as XXXXX-XXXXX.
export const RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789";

/** The clock (tests) and where the request came from (security events). */
export interface Context {
  now?: Date;
  client?: ClientInfo;
}
export const NO_CLIENT: ClientInfo = { ipAddress: "", userAgent: "" };

export function totpFor(secretBase32: string, label: string) {
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

export function normaliseCode(code: string): string {
  return code.replace(/[\s-]/g, "").toUpperCase();
}

export function recoveryHash(userId: string, code: string): string {
  return sha256(`${userId}:${normaliseCode(code)}`);
}

export function newRecoveryCode(): string {
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
export function openSecret(sealed: string): string | null {
  try {
    return open(sealed);
  } catch (error) {
    logger.warn({ err: String(error) }, "two-factor secret cannot be opened");
    return null;
  }
}

export function assertKeyAvailable() {
  if (!hasSecretKey()) throw new ConflictError("twoFactor.unavailable");
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
  const code = normaliseCode(rawCode);
  const row = await countAttempt(userId, now);
  if (!row) throw new ValidationError({ code: "twoFactor.invalidCode" });
  if (row.failures > MAX_CODE_FAILURES) {
    await recordSecurityEvent({ type: "twoFactor.throttled", actorId: userId, client, at: now });
    throw new TooManyRequestsError("twoFactor.throttled");
  }
  const secret = /^\d{6}$/.test(code) ? openSecret(row.secret) : null;
  let kind: "totp" | "recovery" | null = null;
  if (secret) {
    if (await acceptTotp(userId, code, secret, now, client)) kind = "totp";
  } else if (code.length === 10) {
    if (await acceptRecoveryCode(userId, code)) kind = "recovery";
  }
  if (!kind) {
    await recordSecurityEvent({ type: "twoFactor.failed", actorId: userId, client, at: now });
    throw new ValidationError({ code: "twoFactor.invalidCode" });
  }
  await clearFailures(userId, kind, client, now);
  return kind;
}

/**
 * Counts the attempt as a failure before it is checked; null when the user has no second
 * factor. Returns the row with the failure count this attempt makes.
 */
async function countAttempt(userId: string, now: Date) {
  return getDb().$transaction(async (tx) => {
    // Parallel guesses count one after the other.
    await lockForUpdate(tx, "TwoFactor", "userId", userId);
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
}

/** A right TOTP code is accepted once: a replay of its step is refused with its own message. */
async function acceptTotp(
  userId: string,
  code: string,
  secret: string,
  now: Date,
  client: ClientInfo,
): Promise<boolean> {
  const delta = TOTP.validate({
    token: code,
    secret: Secret.fromBase32(secret),
    period: PERIOD,
    timestamp: now.getTime(),
    window: WINDOW,
  });
  if (delta === null) return false;
  const step = stepAt(now) + delta;
  const { count } = await getDb().twoFactor.updateMany({
    where: { userId, lastUsedStep: { lt: step } },
    data: { lastUsedStep: step },
  });
  if (count === 1) return true;
  await recordSecurityEvent({
    type: "twoFactor.failed",
    actorId: userId,
    client,
    details: { reason: "replayed" },
    at: now,
  });
  throw new ValidationError({ code: "twoFactor.codeUsed" });
}

/** A recovery code is used up by the delete that finds it: of two parallel uses, one wins. */
async function acceptRecoveryCode(userId: string, code: string): Promise<boolean> {
  const { count } = await getDb().recoveryCode.deleteMany({
    where: { userId, codeHash: recoveryHash(userId, code) },
  });
  return count === 1;
}

async function clearFailures(
  userId: string,
  kind: "totp" | "recovery",
  client: ClientInfo,
  now: Date,
) {
  await getDb().$transaction(async (tx) => {
    await tx.twoFactor.update({ where: { userId }, data: { failures: 0, lastFailureAt: null } });
    if (kind === "recovery") {
      const left = await tx.recoveryCode.count({ where: { userId } });
      await recordSecurityEvent(
        { type: "twoFactor.recoveryCodeUsed", actorId: userId, client, details: { left }, at: now },
        tx,
      );
    }
  });
}
