import { getDb, Prisma, type DbTx, isUniqueViolation } from "~/lib/db.server";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "~/lib/errors";
import { paginate } from "~/lib/pagination.server";
import { hashPassword } from "~/lib/password.server";
import {
  can,
  isAdministratorRole,
  isRole,
  managesDepartments,
  type Action,
  type Principal,
  type Role,
} from "~/lib/permissions";
import { assertRecentAuth } from "~/lib/session.server";
import { endUserSessions } from "~/lib/sessions.server";
import { recordAudit } from "~/modules/audit/index.server";
import { notify } from "~/modules/notifications/index.server";
import { syncUserEnrolmentsIn } from "~/modules/learning/index.server";
import type { UserCreateInput, UserListQuery, UserUpdateInput } from "./schemas";
import { containsText } from "~/lib/text-search.server";
import { inviteUsers } from "./import/invitations.server";
import { raisePersonEvents } from "./person-events.server";

export const USER_PAGE_SIZE = 20;

export async function listUsers(query: UserListQuery) {
  const where: Prisma.UserWhereInput = {
    ...(query.q
      ? { OR: [{ name: containsText(query.q) }, { email: { contains: query.q.toLowerCase() } }] }
      : {}),
    ...(query.departmentId ? { departmentId: query.departmentId } : {}),
    ...(query.role ? { role: query.role } : {}),
    ...(query.status === "all" ? {} : { active: query.status === "active" }),
  };
  const db = getDb();
  const page = paginate(query.page, USER_PAGE_SIZE);
  const [total, users] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip: page.skip,
      take: page.take,
      select: {
        id: true,
        name: true,
        email: true,
        role: true,
        jobTitle: true,
        active: true,
        department: { select: { id: true, name: true } },
      },
    }),
  ]);
  return { users, ...page.summary(total) };
}

export async function getUserForEdit(id: string) {
  const user = await getDb().user.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      departmentId: true,
      jobTitle: true,
      hireDate: true,
      active: true,
      preferredLanguage: true,
      mustChangePassword: true,
      managedDepartments: { select: { departmentId: true } },
      twoFactor: { select: { enabledAt: true } },
    },
  });
  if (!user) throw new NotFoundError();
  return user;
}

async function assertDepartments(tx: DbTx, departmentId: string, managed: string[]) {
  const ids = [...new Set([departmentId, ...managed])];
  const found = new Set(
    (await tx.department.findMany({ where: { id: { in: ids } }, select: { id: true } })).map(
      (d) => d.id,
    ),
  );
  if (!found.has(departmentId))
    throw new ValidationError({ departmentId: "org.user.departmentMissing" });
  if (managed.some((id) => !found.has(id))) {
    throw new ValidationError({ managedDepartmentIds: "org.user.departmentMissing" });
  }
}

/** Only roles with a department scope keep managed departments; others keep none. */
function managedIds(input: { role: string; managedDepartmentIds: string[] }) {
  return isRole(input.role) && managesDepartments(input.role)
    ? [...new Set(input.managedDepartmentIds)]
    : [];
}

function auditView(input: UserFields) {
  return {
    ...userColumns(input),
    hireDate: input.hireDate ? input.hireDate.toISOString().slice(0, 10) : null,
    managedDepartmentIds: managedIds(input),
  };
}

type UserFields = Omit<UserUpdateInput, "temporaryPassword">;

/**
 * `null` is the command-line bootstrap (create-admin), which runs with full rights. A
 * principal from a request carries reauthenticatedAt: new admins, role changes and password
 * resets want a password check within the last 10 minutes (assertRecentAuth).
 */
type Actor = (Principal & { reauthenticatedAt?: Date | null }) | null;

/** May the actor act on an account that has (or is given) this role? Admin accounts are admin-only. */
function assertMayManage(actor: Actor, action: Action, role: string) {
  if (actor && !can(actor, action, { type: "User", role })) throw new ForbiddenError();
}

function assertMayAssign(actor: Actor, role: string) {
  if (actor && !can(actor, "update", { type: "User", role })) {
    throw new ValidationError({ role: "org.user.roleNotAllowed" });
  }
}

/** The columns a user form sets, as written to the database. */
function userColumns(input: UserFields) {
  return {
    name: input.name,
    email: input.email,
    role: input.role,
    departmentId: input.departmentId,
    jobTitle: input.jobTitle,
    hireDate: input.hireDate,
    preferredLanguage: input.preferredLanguage || null,
  };
}

/** Two simultaneous writes with one e-mail: the unique index decides, and the loser gets the field message. */
async function withUniqueEmail<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError({ email: "org.user.emailTaken" });
    throw error;
  }
}

/**
 * A new account. With a temporary password (the admin form) the person must change it at
 * first sign-in; without one (the API, decision 044) they are e-mailed an invitation to set
 * their own, in this transaction, like imported staff.
 */
export async function createUser(
  actor: Actor,
  input: Omit<UserCreateInput, "temporaryPassword"> & { temporaryPassword?: string },
) {
  assertMayManage(actor, "create", "EMPLOYEE");
  assertMayAssign(actor, input.role);
  if (isAdministratorRole(input.role)) assertRecentAuth(actor);
  const passwordHash = input.temporaryPassword ? await hashPassword(input.temporaryPassword) : null;
  const managed = managedIds(input);
  return withUniqueEmail(() =>
    getDb().$transaction(async (tx) => {
      await assertDepartments(tx, input.departmentId, managed);
      if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
        throw new ValidationError({ email: "org.user.emailTaken" });
      }
      const user = await tx.user.create({
        data: {
          ...userColumns(input),
          passwordHash,
          mustChangePassword: passwordHash !== null,
          managedDepartments: { create: managed.map((departmentId) => ({ departmentId })) },
        },
      });
      if (!passwordHash) await inviteUsers(tx, [user.id]);
      await recordAudit(tx, {
        actorId: actor?.id ?? null,
        action: "user.create",
        subjectType: "User",
        subjectId: user.id,
        after: auditView(input),
      });
      await raisePersonEvents(tx, "person.created", [user.id]);
      // New people get the training rules assign to them (new-hire rules included), in this transaction.
      await syncUserEnrolmentsIn(tx, user.id);
      return user;
    }),
  );
}

export async function updateUser(actor: NonNullable<Actor>, id: string, input: UserUpdateInput) {
  const passwordHash = input.temporaryPassword ? await hashPassword(input.temporaryPassword) : null;
  const managed = managedIds(input);
  return withUniqueEmail(() =>
    getDb().$transaction(async (tx) => {
      const before = await tx.user.findUnique({
        where: { id },
        include: { managedDepartments: { select: { departmentId: true } } },
      });
      if (!before) throw new NotFoundError();
      assertMayManage(actor, "update", before.role);
      assertMayAssign(actor, input.role);
      // Nobody changes their own role: no self-promotion, and the last admin cannot step down.
      if (actor.id === id && input.role !== before.role) {
        throw new ValidationError({ role: "org.user.cannotChangeOwnRole" });
      }
      if (input.role !== before.role || passwordHash) assertRecentAuth(actor);
      await assertDepartments(tx, input.departmentId, managed);
      const clash = await tx.user.findUnique({
        where: { email: input.email },
        select: { id: true },
      });
      if (clash && clash.id !== id) throw new ValidationError({ email: "org.user.emailTaken" });
      await tx.departmentManager.deleteMany({ where: { userId: id } });
      const user = await tx.user.update({
        where: { id },
        data: {
          ...userColumns(input),
          ...(passwordHash ? { passwordHash, mustChangePassword: true } : {}),
          managedDepartments: { create: managed.map((departmentId) => ({ departmentId })) },
        },
      });
      if (passwordHash) {
        // A reset password ends the user's sessions: whoever held them must sign in again.
        await endUserSessions(tx, id);
        // Someone else reset it: the person hears of it by e-mail (no opt-out).
        if (actor.id !== id) await notifyPasswordReset(tx, actor.id, id);
      }
      await recordAudit(tx, {
        actorId: actor.id,
        action: passwordHash ? "user.update+temporaryPassword" : "user.update",
        subjectType: "User",
        subjectId: id,
        before: auditView({
          ...before,
          departmentId: before.departmentId ?? "",
          preferredLanguage: (before.preferredLanguage ??
            "") as UserUpdateInput["preferredLanguage"],
          managedDepartmentIds: before.managedDepartments.map((m) => m.departmentId),
        }),
        after: auditView(input),
      });
      await raisePersonEvents(tx, "person.updated", [id]);
      // A move, a new role or job title can bring new assignments, in this transaction.
      await syncUserEnrolmentsIn(tx, id);
      return user;
    }),
  );
}

async function notifyPasswordReset(tx: DbTx, actorId: string, userId: string) {
  const by = await tx.user.findUnique({ where: { id: actorId }, select: { name: true } });
  await notify(tx, [
    { userId, type: "PASSWORD_RESET", params: { by: by?.name ?? "" }, link: "/login" },
  ]);
}

/**
 * Throws unless the actor may change this account (admin accounts are admin-only); the
 * account module asks it before resetting someone's second factor.
 */
export async function assertMayManageAccount(tx: DbTx, actor: Principal, id: string) {
  const user = await tx.user.findUnique({ where: { id }, select: { role: true } });
  if (!user) throw new NotFoundError();
  assertMayManage(actor, "update", user.role);
}

/** Deactivation keeps the person's history and ends all their sessions at once. */
export async function setUserActive(actor: Principal, id: string, active: boolean) {
  if (actor.id === id && !active) throw new ConflictError("org.user.cannotDeactivateSelf");
  return getDb().$transaction(async (tx) => {
    const before = await tx.user.findUnique({
      where: { id },
      select: { active: true, role: true },
    });
    if (!before) throw new NotFoundError();
    assertMayManage(actor, "update", before.role);
    if (before.active === active) return;
    await tx.user.update({ where: { id }, data: { active } });
    if (!active) await endUserSessions(tx, id);
    // Leavers drop out of the report counters; a returning person comes back in.
    await syncUserEnrolmentsIn(tx, id, new Date(), { recountReports: true });
    await recordAudit(tx, {
      actorId: actor.id,
      action: active ? "user.reactivate" : "user.deactivate",
      subjectType: "User",
      subjectId: id,
      before: { active: before.active },
      after: { active },
    });
    await raisePersonEvents(tx, active ? "person.updated" : "person.deactivated", [id]);
  });
}

/** The ids of the active people with this role (the administrators an operations notice goes to). */
export async function activeUserIdsWithRole(role: Role): Promise<string[]> {
  const users = await getDb().user.findMany({
    where: { role, active: true },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return users.map((user) => user.id);
}

/**
 * The active people with one of these roles, by name, in one statement (a risk's owner
 * choices): at most `take`.
 */
export async function activePeopleWithRoles(roles: readonly Role[], take = 1000) {
  return getDb().user.findMany({
    where: { role: { in: [...roles] }, active: true },
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take,
  });
}

export async function listDepartmentOptions() {
  return getDb().department.findMany({
    select: { id: true, name: true, parentId: true },
    orderBy: { name: "asc" },
  });
}

/** What the home page shows about the signed-in person, with the permission principal. */
export async function getHomeSummary(userId: string) {
  const user = await getDb().user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      role: true,
      jobTitle: true,
      department: { select: { name: true } },
      managedDepartments: { select: { department: { select: { id: true, name: true } } } },
    },
  });
  if (!user) throw new NotFoundError();
  return {
    id: user.id,
    name: user.name,
    role: isRole(user.role) ? user.role : ("EMPLOYEE" as const),
    jobTitle: user.jobTitle,
    departmentName: user.department?.name ?? null,
    managedDepartments: user.managedDepartments.map((m) => m.department.name),
  };
}
