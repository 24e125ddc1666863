import { getDb } from "~/lib/db.server";
import { TooManyRequestsError } from "~/lib/errors";
import { DAY_MS, MINUTE_MS } from "~/lib/dates";

/*
 * Sign-in throttling without lock-out on demand (decision 012). Failures count per pair of
 * account (e-mail) and source address: after a few, each further try of that pair waits
 * longer (progressive delay), so guessing from one place is slow while the owner, signing
 * in from their own address, is never affected. Separately, one address that fails often
 * across accounts (spraying) is refused for a while.
 */

/** Failures of one e-mail from one address before any delay. */
export const PAIR_FREE_FAILURES = 3;
/** The first delay; it doubles with each further failure, up to PAIR_MAX_DELAY_MS. */
export const PAIR_BASE_DELAY_MS = 2_000;
export const PAIR_MAX_DELAY_MS = 15 * MINUTE_MS;
/** A pair's failures count until its next success, or for this long. */
export const PAIR_WINDOW_MS = DAY_MS;

export const ADDRESS_WINDOW_MS = 15 * MINUTE_MS;
export const MAX_FAILURES_PER_ADDRESS = 20;

/** Attempts older than this count for nothing and are deleted on the next success. */
export const ATTEMPT_RETENTION_MS = Math.max(PAIR_WINDOW_MS, ADDRESS_WINDOW_MS);

/** How long a pair waits after its `failures`-th failure in a row. */
export function pairDelayMs(failures: number): number {
  if (failures < PAIR_FREE_FAILURES) return 0;
  return Math.min(PAIR_MAX_DELAY_MS, PAIR_BASE_DELAY_MS * 2 ** (failures - PAIR_FREE_FAILURES));
}

/**
 * Refuses an attempt (already written as a failure, `attemptId`) when its pair is still
 * inside its delay or its address has too many recent failures. Other attempts in flight
 * count as failures, so parallel guesses cannot slip past each other.
 */
export async function assertNotThrottled(
  attemptId: string,
  email: string,
  ipAddress: string,
  now: Date,
): Promise<void> {
  const db = getDb();
  const pairSince = new Date(now.getTime() - PAIR_WINDOW_MS);
  const lastPairSuccess = await db.loginAttempt.findFirst({
    where: { email, ipAddress, success: true, createdAt: { gte: pairSince } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const pairWhere = {
    email,
    ipAddress,
    success: false,
    id: { not: attemptId },
    createdAt: lastPairSuccess ? { gt: lastPairSuccess.createdAt } : { gte: pairSince },
  };
  const [pairFailures, lastPairFailure, addressFailures] = await Promise.all([
    db.loginAttempt.count({ where: pairWhere }),
    db.loginAttempt.findFirst({
      where: pairWhere,
      orderBy: { createdAt: "desc" },
      select: { createdAt: true },
    }),
    db.loginAttempt.count({
      where: {
        ipAddress,
        success: false,
        id: { not: attemptId },
        createdAt: { gte: new Date(now.getTime() - ADDRESS_WINDOW_MS) },
      },
    }),
  ]);
  const waitUntil = lastPairFailure
    ? lastPairFailure.createdAt.getTime() + pairDelayMs(pairFailures)
    : 0;
  if (
    (pairFailures >= PAIR_FREE_FAILURES && now.getTime() < waitUntil) ||
    addressFailures >= MAX_FAILURES_PER_ADDRESS
  ) {
    throw new TooManyRequestsError("auth.throttled");
  }
}
