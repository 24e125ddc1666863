import { Lucia, TimeSpan } from "lucia";
import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import { getDb } from "./db.server";
import { getEnv, isProduction } from "./env.server";
import { isRole, type Principal, type Role } from "./permissions";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "./dates";

/** lastSeenAt moves at most this often, so a busy session does not write on every request. */
export const LAST_SEEN_RESOLUTION_MS = MINUTE_MS;
/** A sensitive action wants a password or second-factor check at most this long ago. */
export const RECENT_AUTH_MS = 10 * MINUTE_MS;
/** The AppSetting row holding the "two-factor required for ADMIN and HR" policy. */
export const TWO_FACTOR_POLICY_KEY = "security.twoFactorRequired";

const userInclude = {
  managedDepartments: { select: { departmentId: true } },
  twoFactor: { select: { enabledAt: true } },
} as const;

// Lucia's Prisma adapter reads the model name from the client delegate, which the
// engine-free generated client does not expose; this adapter is the same few queries.
// Lucia creates sessions and cookies; validation is ours (validateSessionAt), because it
// adds the idle and absolute limits and takes a clock.
const adapter: Adapter = {
  async getSessionAndUser(sessionId) {
    const row = await getDb().session.findUnique({
      where: { id: sessionId },
      include: { user: { include: userInclude } },
    });
    if (!row) return [null, null];
    const { user, ...session } = row;
    return [toDatabaseSession(session), toDatabaseUser(user)];
  },
  async getUserSessions(userId) {
    const rows = await getDb().session.findMany({ where: { userId } });
    return rows.map(toDatabaseSession);
  },
  async setSession(session) {
    const attributes = session.attributes as { userAgent?: string; ipAddress?: string };
    const now = new Date();
    await getDb().session.create({
      data: {
        id: session.id,
        userId: session.userId,
        expiresAt: session.expiresAt,
        createdAt: now,
        lastSeenAt: now,
        // A new session follows a password (and second-factor) check: that is an authentication.
        reauthenticatedAt: now,
        userAgent: (attributes.userAgent ?? "").slice(0, 300),
        ipAddress: (attributes.ipAddress ?? "").slice(0, 64),
      },
    });
  },
  async updateSessionExpiration(sessionId, expiresAt) {
    await getDb().session.updateMany({ where: { id: sessionId }, data: { expiresAt } });
  },
  async deleteSession(sessionId) {
    await getDb().session.deleteMany({ where: { id: sessionId } });
  },
  async deleteUserSessions(userId) {
    await getDb().session.deleteMany({ where: { userId } });
  },
  async deleteExpiredSessions() {
    await getDb().session.deleteMany({ where: { expiresAt: { lte: new Date() } } });
  },
};

interface SessionRow {
  id: string;
  userId: string;
  expiresAt: Date;
  createdAt: Date;
  lastSeenAt: Date;
  reauthenticatedAt: Date | null;
  reauthFailures: number;
  userAgent: string;
  ipAddress: string;
}

function toDatabaseSession(row: SessionRow): DatabaseSession {
  const { id, userId, expiresAt, ...attributes } = row;
  return { id, userId, expiresAt, attributes };
}

function toDatabaseUser(row: { id: string; [key: string]: unknown }): DatabaseUser {
  const { id, ...attributes } = row;
  return { id, attributes };
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  active: boolean;
  departmentId: string | null;
  preferredLanguage: string | null;
  mustChangePassword: boolean;
  managedDepartments: { departmentId: string }[];
  twoFactor: { enabledAt: Date | null } | null;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  departmentId: string | null;
  preferredLanguage: string | null;
  mustChangePassword: boolean;
  managedDepartmentIds: string[];
  twoFactorEnabled: boolean;
}

function toSessionUser(row: UserRow): SessionUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: isRole(row.role) ? row.role : "EMPLOYEE",
    active: row.active,
    departmentId: row.departmentId,
    preferredLanguage: row.preferredLanguage,
    mustChangePassword: row.mustChangePassword,
    managedDepartmentIds: row.managedDepartments.map((m) => m.departmentId),
    twoFactorEnabled: Boolean(row.twoFactor?.enabledAt),
  };
}

/** The session as the app sees it. */
export interface AppSession extends Pick<
  SessionRow,
  "id" | "userId" | "expiresAt" | "createdAt" | "lastSeenAt" | "reauthenticatedAt"
> {
  /** True when the expiry moved forward and the cookie must follow. */
  fresh: boolean;
}

/** Secure cookies get the `__Host-` prefix: the browser then refuses a Domain or other Path. */
export function cookieIsSecure(): boolean {
  return isProduction() && getEnv().COOKIE_SECURE !== "off";
}

export function cookieName(base: string): string {
  return cookieIsSecure() ? `__Host-${base}` : base;
}

export function sessionLimits() {
  const env = getEnv();
  return {
    slidingMs: env.SESSION_DAYS * DAY_MS,
    idleMs: env.SESSION_IDLE_HOURS * HOUR_MS,
    maxMs: env.SESSION_MAX_DAYS * DAY_MS,
  };
}

/** A filter for the sessions still alive at `now` under all three limits (lists of sessions). */
export function liveSessionWhere(now = new Date()) {
  const { idleMs, maxMs } = sessionLimits();
  return {
    expiresAt: { gt: now },
    lastSeenAt: { gte: new Date(now.getTime() - idleMs) },
    createdAt: { gt: new Date(now.getTime() - maxMs) },
  };
}

/** What one request needs of its session: the row's dates, the user and their reach. */
interface SessionRead {
  session: Omit<AppSession, "fresh">;
  user: SessionUser;
  /** The managed departments and every department below them. */
  scopeDepartmentIds: string[];
  /** The "two-factor required for ADMIN and HR" policy, read in the same statement. */
  twoFactorRequired: boolean;
}

interface SessionReadRow {
  id: string;
  userId: string;
  expiresAt: unknown;
  createdAt: unknown;
  lastSeenAt: unknown;
  reauthenticatedAt: unknown;
  email: string;
  name: string;
  role: string;
  active: unknown;
  departmentId: string | null;
  preferredLanguage: string | null;
  mustChangePassword: unknown;
  twoFactorEnabledAt: unknown;
  twoFactorPolicy: string | null;
  managedId: string | null;
  scopeId: string | null;
}

// Raw rows carry the driver's values: dates as Date or ISO text, booleans as 0/1 on SQLite.
const toDate = (value: unknown) => (value instanceof Date ? value : new Date(String(value)));
const toOptionalDate = (value: unknown) => (value == null ? null : toDate(value));
const toBoolean = (value: unknown) => value === true || Number(value) === 1;

/**
 * The session, its user (without the password hash), the user's second factor, the
 * two-factor policy and the manager's departments with their descendants, in one statement:
 * it runs on every request, and each statement costs far more in the client than in SQL.
 * A row per department in reach (one row when there is none).
 */
async function readSession(sessionId: string): Promise<SessionRead | null> {
  const rows = await getDb().$queryRaw<SessionReadRow[]>`
    WITH RECURSIVE "reach"("managedId", "id") AS (
      SELECT m."departmentId", m."departmentId" FROM "DepartmentManager" m
      JOIN "Session" o ON o."userId" = m."userId" WHERE o."id" = ${sessionId}
      UNION
      SELECT r."managedId", d."id" FROM "Department" d JOIN "reach" r ON d."parentId" = r."id"
    )
    SELECT s."id", s."userId", s."expiresAt", s."createdAt", s."lastSeenAt",
      s."reauthenticatedAt", u."email", u."name", u."role", u."active", u."departmentId",
      u."preferredLanguage", u."mustChangePassword", t."enabledAt" AS "twoFactorEnabledAt",
      p."value" AS "twoFactorPolicy", r."managedId", r."id" AS "scopeId"
    FROM "Session" s
    JOIN "User" u ON u."id" = s."userId"
    LEFT JOIN "TwoFactor" t ON t."userId" = u."id"
    LEFT JOIN "AppSetting" p ON p."key" = ${TWO_FACTOR_POLICY_KEY}
    LEFT JOIN "reach" r ON 1 = 1
    WHERE s."id" = ${sessionId}`;
  const [row] = rows;
  if (!row) return null;
  const managed = new Set(rows.flatMap((r) => (r.managedId ? [r.managedId] : [])));
  const scope = new Set(rows.flatMap((r) => (r.scopeId ? [r.scopeId] : [])));
  return {
    session: {
      id: row.id,
      userId: row.userId,
      expiresAt: toDate(row.expiresAt),
      createdAt: toDate(row.createdAt),
      lastSeenAt: toDate(row.lastSeenAt),
      reauthenticatedAt: toOptionalDate(row.reauthenticatedAt),
    },
    user: toSessionUser({
      id: row.userId,
      email: row.email,
      name: row.name,
      role: row.role,
      active: toBoolean(row.active),
      departmentId: row.departmentId,
      preferredLanguage: row.preferredLanguage,
      mustChangePassword: toBoolean(row.mustChangePassword),
      managedDepartments: [...managed].map((departmentId) => ({ departmentId })),
      twoFactor: { enabledAt: toOptionalDate(row.twoFactorEnabledAt) },
    }),
    scopeDepartmentIds: [...scope],
    twoFactorRequired: row.twoFactorPolicy === "true",
  };
}

/**
 * Looks the session up and applies its three limits at `now`: the sliding expiry (renewed
 * when half used, never past the absolute limit), the idle timeout (since lastSeenAt) and
 * the absolute lifetime (since createdAt). An ended session is deleted.
 */
export async function validateSessionAt(
  sessionId: string,
  now = new Date(),
): Promise<(Omit<SessionRead, "session"> & { session: AppSession }) | null> {
  const read = await readSession(sessionId);
  if (!read) return null;
  const row = read.session;
  const { slidingMs, idleMs, maxMs } = sessionLimits();
  const t = now.getTime();
  const hardEnd = row.createdAt.getTime() + maxMs;
  if (row.expiresAt.getTime() <= t || t - row.lastSeenAt.getTime() > idleMs || t >= hardEnd) {
    await getDb().session.deleteMany({ where: { id: sessionId } });
    return null;
  }
  const update: { expiresAt?: Date; lastSeenAt?: Date } = {};
  let expiresAt = row.expiresAt;
  if (expiresAt.getTime() - t < slidingMs / 2) {
    const next = new Date(Math.min(t + slidingMs, hardEnd));
    if (next.getTime() > expiresAt.getTime()) expiresAt = update.expiresAt = next;
  }
  if (t - row.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) update.lastSeenAt = now;
  if (update.expiresAt || update.lastSeenAt) {
    await getDb().session.updateMany({ where: { id: sessionId }, data: update });
  }
  return {
    ...read,
    session: {
      ...row,
      expiresAt,
      lastSeenAt: update.lastSeenAt ?? row.lastSeenAt,
      fresh: Boolean(update.expiresAt),
    },
  };
}

/** Did this session see a password or second-factor check within the last 10 minutes? */
export function hasRecentAuth(session: Pick<AppSession, "reauthenticatedAt">, now = new Date()) {
  const at = session.reauthenticatedAt?.getTime();
  return (
    at !== undefined && now.getTime() - at <= RECENT_AUTH_MS && at <= now.getTime() + MINUTE_MS
  );
}

/** The "two-factor required for ADMIN and HR" policy (off until an admin switches it on). */
export async function isTwoFactorRequired(): Promise<boolean> {
  const row = await getDb().appSetting.findUnique({ where: { key: TWO_FACTOR_POLICY_KEY } });
  return row?.value === "true";
}

function createLucia() {
  return new Lucia(adapter, {
    sessionExpiresIn: new TimeSpan(getEnv().SESSION_DAYS, "d"),
    sessionCookie: {
      name: cookieName("uptake_session"),
      attributes: { sameSite: "lax", secure: cookieIsSecure() },
    },
    getSessionAttributes: (attributes) =>
      attributes as Omit<SessionRow, "id" | "userId" | "expiresAt">,
    getUserAttributes: (attributes) => {
      const { id: _id, ...user } = toSessionUser({
        id: "",
        ...(attributes as unknown as Omit<UserRow, "id">),
      });
      return user;
    },
  });
}

let lucia: ReturnType<typeof createLucia> | undefined;
export function getLucia() {
  lucia ??= createLucia();
  return lucia;
}

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
  }
}

export type { Principal };
