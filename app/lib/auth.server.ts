import { Lucia, TimeSpan } from "lucia";
import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import { getDb } from "./db.server";
import { getEnv, isProduction } from "./env.server";
import { isRole, type Principal, type Role } from "./permissions";

// Lucia's Prisma adapter reads the model name from the client delegate, which the
// engine-free generated client does not expose; this adapter is the same few queries.
const adapter: Adapter = {
  async getSessionAndUser(sessionId) {
    const row = await getDb().session.findUnique({
      where: { id: sessionId },
      include: { user: { include: { managedDepartments: { select: { departmentId: true } } } } },
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
    await getDb().session.create({
      data: {
        id: session.id,
        userId: session.userId,
        expiresAt: session.expiresAt,
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

function toDatabaseSession(row: {
  id: string;
  userId: string;
  expiresAt: Date;
  createdAt: Date;
  userAgent: string;
  ipAddress: string;
}): DatabaseSession {
  const { id, userId, expiresAt, ...attributes } = row;
  return { id, userId, expiresAt, attributes };
}

function toDatabaseUser(row: {
  id: string;
  managedDepartments: { departmentId: string }[];
  [key: string]: unknown;
}): DatabaseUser {
  const { id, ...attributes } = row;
  return { id, attributes };
}

interface UserRow {
  email: string;
  name: string;
  role: string;
  active: boolean;
  departmentId: string | null;
  preferredLanguage: string | null;
  mustChangePassword: boolean;
  managedDepartments: { departmentId: string }[];
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
}

function createLucia() {
  return new Lucia(adapter, {
    sessionExpiresIn: new TimeSpan(getEnv().SESSION_DAYS, "d"),
    sessionCookie: {
      name: "uptake_session",
      attributes: { sameSite: "lax", secure: isProduction() && getEnv().COOKIE_SECURE !== "off" },
    },
    getSessionAttributes: (attributes) =>
      attributes as { createdAt: Date; userAgent: string; ipAddress: string },
    getUserAttributes: (attributes) => {
      const row = attributes as unknown as UserRow;
      return {
        email: row.email,
        name: row.name,
        role: isRole(row.role) ? row.role : "EMPLOYEE",
        active: row.active,
        departmentId: row.departmentId,
        preferredLanguage: row.preferredLanguage,
        mustChangePassword: row.mustChangePassword,
        managedDepartmentIds: row.managedDepartments.map((m) => m.departmentId),
      } satisfies Omit<SessionUser, "id">;
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
