// Fixtures change data as the app does (syncUserEnrolments raises enrolment.created): the
// domain events' subscribers must be installed in this process too.
import "~/subscribers.server";
import crypto from "node:crypto";
import type { BrowserContext } from "playwright-core";
import { getDb } from "~/lib/db.server";
import { hashPassword } from "~/lib/password.server";
import type { Role } from "~/lib/permissions";
import { syncUserEnrolments } from "~/modules/learning/index.server";
import { DEMO_PASSWORD, signInAs } from "./browser";

// People and departments made for one browser test, directly in the e2e database, so the test
// depends on nothing another test did to the demo accounts (their courses, notifications,
// sessions, language, password). The demo accounts stay for pages that only show demo data.

/** Fresh departments hang under Operations: the reports' top level keeps the demo's six bars. */
const FIXTURE_PARENT_CODE = "OPS";

let passwordHash: Promise<string> | undefined;
const unique = () => crypto.randomUUID().slice(0, 8);

async function departmentId(code: string): Promise<string> {
  return (await getDb().department.findUniqueOrThrow({ where: { code } })).id;
}

/** A new department (under Operations unless `parentId` says otherwise). */
export async function freshDepartment(options: { name?: string; parentId?: string } = {}) {
  const code = `E2E${unique().toUpperCase()}`;
  return getDb().department.create({
    data: {
      name: options.name ?? `Team ${code}`,
      code,
      parentId: options.parentId ?? (await departmentId(FIXTURE_PARENT_CODE)),
    },
  });
}

export interface FreshUserOptions {
  role?: Role;
  name?: string;
  /** Code of an existing department they work in ("CC"); default a fresh department. */
  department?: string;
  /** Codes of the departments they manage: a manager's tree is these and everything below. */
  manages?: string[];
  /** When the training rules assign their courses (default now): due dates count from it. */
  enrolledAt?: Date;
}

/**
 * A new person who signs in with DEMO_PASSWORD. Like someone HR adds, the training rules give
 * them their courses at once (syncUserEnrolments, the learning module's own function).
 */
export async function freshUser(options: FreshUserOptions = {}) {
  const role = options.role ?? "EMPLOYEE";
  passwordHash ??= hashPassword(DEMO_PASSWORD);
  const id = unique();
  const user = await getDb().user.create({
    data: {
      email: `${role.toLowerCase()}-${id}@e2e.test`,
      name: options.name ?? `Fresh ${role.toLowerCase()} ${id}`,
      role,
      departmentId: options.department
        ? await departmentId(options.department)
        : (await freshDepartment()).id,
      passwordHash: await passwordHash,
      managedDepartments: {
        create: await Promise.all(
          (options.manages ?? []).map(async (code) => ({ departmentId: await departmentId(code) })),
        ),
      },
    },
  });
  await syncUserEnrolments(user.id, options.enrolledAt);
  return user;
}

/** A new person (see freshUser) signed in in this browser context. */
export async function signInAsFresh(context: BrowserContext, options: FreshUserOptions = {}) {
  const user = await freshUser(options);
  await signInAs(context, user.email);
  return user;
}
