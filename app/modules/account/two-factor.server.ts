// Two-factor enrolment and status, the sign-in policy, and an administrator's reset.
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { isTwoFactorRequired, TWO_FACTOR_POLICY_KEY } from "~/lib/auth.server";
import { getDb } from "~/lib/db.server";
import { ConflictError, NotFoundError, ValidationError } from "~/lib/errors";
import { verifyPassword } from "~/lib/password.server";
import { type ClientInfo } from "~/lib/request.server";
import { TWO_FACTOR_POLICY_ROLES, type Principal } from "~/lib/permissions";
import { assertRecentAuth } from "~/lib/session.server";
import { assertMayManageAccount } from "~/modules/org/index.server";
import { hasSecretKey, seal } from "~/lib/secret-box.server";
import { recordSecurityEvent } from "~/lib/security-events.server";
import { recordAudit } from "~/modules/audit/index.server";
import {
  Context,
  NO_CLIENT,
  PERIOD,
  RECOVERY_CODE_COUNT,
  WINDOW,
  assertKeyAvailable,
  newRecoveryCode,
  normaliseCode,
  openSecret,
  recoveryHash,
  stepAt,
  totpFor,
  verifySecondFactor,
} from "./two-factor-codes.server";

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
