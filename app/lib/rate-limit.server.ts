import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { getDb } from "./db.server";

/** A fixed window: at most `points` requests per `seconds` for one key. */
export interface RateRule {
  name: string;
  points: number;
  seconds: number;
}

/**
 * Anti-automation limits. Counters live in the database (model RateLimiterFlexible), so every
 * server process shares them. A person checks a certificate or downloads a report a few times;
 * a script walking certificate codes or pulling exports in a loop hits these quickly.
 */
export const RATE_LIMITS = {
  verify: { name: "verify", points: 30, seconds: 15 * 60 },
  exportPerPerson: { name: "export", points: 30, seconds: 10 * 60 },
  // Several people may share an office's address (NAT, or TRUST_PROXY unset behind a proxy).
  exportPerAddress: { name: "export-address", points: 120, seconds: 10 * 60 },
} satisfies Record<string, RateRule>;

type Db = ReturnType<typeof getDb>;
const limiters = new WeakMap<Db, Map<string, RateLimiterPrisma>>();

function limiterFor(rule: RateRule, db: Db): RateLimiterPrisma {
  let byRule = limiters.get(db);
  if (!byRule) limiters.set(db, (byRule = new Map()));
  const id = `${rule.name}:${rule.points}:${rule.seconds}`;
  let limiter = byRule.get(id);
  if (!limiter) {
    limiter = new RateLimiterPrisma({
      storeClient: db,
      // The Prisma client's property for model RateLimiterFlexible.
      tableName: "rateLimiterFlexible",
      keyPrefix: rule.name,
      points: rule.points,
      duration: rule.seconds,
    });
    byRule.set(id, limiter);
  }
  return limiter;
}

/** What is left of the window after this request (an API answers it as RateLimit headers). */
export interface RateLimitWindow {
  remaining: number;
  resetSeconds: number;
}

export type RateLimitResult =
  | ({ allowed: true } & RateLimitWindow)
  | ({ allowed: false; retryAfterSeconds: number } & RateLimitWindow);

const secondsUntil = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** Counts one request for `key`; refused once the window's points are used up. */
export async function consumeRateLimit(
  rule: RateRule,
  key: string,
  db: Db = getDb(),
): Promise<RateLimitResult> {
  try {
    const used = await limiterFor(rule, db).consume(key);
    return {
      allowed: true,
      remaining: used.remainingPoints,
      resetSeconds: secondsUntil(used.msBeforeNext),
    };
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      const resetSeconds = secondsUntil(error.msBeforeNext);
      return { allowed: false, retryAfterSeconds: resetSeconds, remaining: 0, resetSeconds };
    }
    throw error;
  }
}

/**
 * Throws a 429 response (with Retry-After) when any check is over its limit. Pages get
 * `{ messageKey }` for the error boundary; a download (resource route) passes the translated
 * `message`, which the browser shows as text.
 */
export async function enforceRateLimit(
  checks: [rule: RateRule, key: string][],
  options: { message?: string; db?: Db } = {},
): Promise<void> {
  for (const [rule, key] of checks) {
    const result = await consumeRateLimit(rule, key, options.db);
    if (result.allowed) continue;
    const headers = {
      "Retry-After": String(result.retryAfterSeconds),
      "Cache-Control": "no-store",
    };
    if (options.message !== undefined) {
      throw new Response(options.message, {
        status: 429,
        headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" },
      });
    }
    throw Response.json({ messageKey: "errors.tooManyRequests" }, { status: 429, headers });
  }
}

/** CSV exports: counted per person and per client address; `message` is the translated refusal. */
export function enforceExportLimit(userId: string, address: string, message: string) {
  return enforceRateLimit(
    [
      [RATE_LIMITS.exportPerPerson, userId],
      [RATE_LIMITS.exportPerAddress, address],
    ],
    { message },
  );
}
