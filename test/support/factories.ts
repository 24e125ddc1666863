import crypto from "node:crypto";
import { getLucia } from "~/lib/auth.server";
import { getDb } from "~/lib/db.server";
import { hashPassword } from "~/lib/password.server";
import type { Role } from "~/lib/permissions";

export const TEST_PASSWORD = "correct-horse-42";
let passwordHash: Promise<string> | undefined;

const unique = () => crypto.randomUUID().slice(0, 8);

export async function makeDepartment(
  data: { name?: string; code?: string; parentId?: string | null } = {},
) {
  const suffix = unique();
  return getDb().department.create({
    data: {
      name: data.name ?? `Department ${suffix}`,
      code: data.code ?? `D${suffix}`.toUpperCase(),
      parentId: data.parentId ?? null,
    },
  });
}

export async function makeUser(
  data: {
    role?: Role;
    email?: string;
    name?: string;
    departmentId?: string;
    active?: boolean;
    manages?: string[];
    mustChangePassword?: boolean;
  } = {},
) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const departmentId = data.departmentId ?? (await makeDepartment()).id;
  return getDb().user.create({
    data: {
      email: data.email ?? `user-${unique()}@example.test`,
      name: data.name ?? `Person ${unique()}`,
      role: data.role ?? "EMPLOYEE",
      departmentId,
      active: data.active ?? true,
      mustChangePassword: data.mustChangePassword ?? false,
      passwordHash: await passwordHash,
      managedDepartments: { create: (data.manages ?? []).map((id) => ({ departmentId: id })) },
    },
  });
}

/** A session row for the user and the Cookie header that carries it. */
export async function sessionCookie(userId: string) {
  const lucia = getLucia();
  const session = await lucia.createSession(userId, {
    userAgent: "vitest",
    ipAddress: "127.0.0.1",
  });
  return { session, cookie: `${lucia.sessionCookieName}=${session.id}` };
}

/** A Request as a signed-in user would send it (form fields become a urlencoded body). */
export function request(
  url: string,
  options: {
    cookie?: string;
    form?: Record<string, string>;
    headers?: Record<string, string>;
  } = {},
) {
  const headers = new Headers(options.headers);
  if (options.cookie) headers.set("Cookie", options.cookie);
  if (options.form) {
    return new Request(new URL(url, "http://localhost"), {
      method: "POST",
      headers,
      body: new URLSearchParams(options.form),
    });
  }
  return new Request(new URL(url, "http://localhost"), { headers });
}

/** Awaits a loader/action expected to throw a Response, and returns that Response's status. */
export async function thrownStatus(work: () => Promise<unknown>): Promise<number> {
  try {
    await work();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    if (thrown && typeof thrown === "object" && "init" in thrown) {
      return (thrown as { init?: { status?: number } }).init?.status ?? 200;
    }
    throw thrown;
  }
  throw new Error("expected the call to throw a response");
}

/** A new user of the role, as the permission principal module functions take. */
export async function principalFor(role: Role) {
  const user = await makeUser({ role });
  return { id: user.id, role, scopeDepartmentIds: [] as string[] };
}
