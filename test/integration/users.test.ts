import { describe, expect, it } from "vitest";
import { getLucia } from "~/lib/auth.server";
import { getDb } from "~/lib/db.server";
import { ForbiddenError, ValidationError } from "~/lib/errors";
import { fieldErrorsOf } from "~/lib/http.server";
import { verifyPassword } from "~/lib/password.server";
import { userCreateSchema, userListQuerySchema, userUpdateSchema } from "~/modules/org";
import {
  createUser,
  listUsers,
  setUserActive,
  updateUser,
  USER_PAGE_SIZE,
} from "~/modules/org/index.server";
import { makeDepartment, makeUser, principalFor, sessionCookie } from "../support/factories";

const form = (departmentId: string, overrides: Record<string, string> = {}) => ({
  name: "Grace Hopper",
  email: "Grace@Example.test",
  role: "EMPLOYEE",
  departmentId,
  jobTitle: "Agent",
  hireDate: "2026-01-15",
  preferredLanguage: "",
  managedDepartmentIds: "",
  temporaryPassword: "Temporary-pass-1",
  ...overrides,
});

describe("users", () => {
  it("creates a user with a temporary password that must be changed, and audits it", async () => {
    const hr = await principalFor("HR");
    const dept = await makeDepartment();
    const user = await createUser(hr, userCreateSchema.parse(form(dept.id)));
    const row = await getDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row).toMatchObject({
      email: "grace@example.test",
      mustChangePassword: true,
      active: true,
      role: "EMPLOYEE",
    });
    expect(row.hireDate?.toISOString()).toBe("2026-01-15T00:00:00.000Z");
    expect(await verifyPassword(row.passwordHash!, "Temporary-pass-1")).toBe(true);
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { subjectId: user.id } });
    expect(event.action).toBe("user.create");
    expect(event.after).not.toContain("Temporary-pass-1");
  });

  it("refuses a duplicate e-mail (any letter case) with a field message", async () => {
    const hr = await principalFor("HR");
    const dept = await makeDepartment();
    await createUser(hr, userCreateSchema.parse(form(dept.id, { email: "dup@example.test" })));
    const count = await getDb().user.count();
    await expect(
      createUser(hr, userCreateSchema.parse(form(dept.id, { email: "DUP@example.test" }))),
    ).rejects.toMatchObject({
      fieldErrors: { email: "org.user.emailTaken" },
    });
    expect(await getDb().user.count()).toBe(count);
  });

  it("lets exactly one of two simultaneous creates with one e-mail win", async () => {
    const hr = await principalFor("HR");
    const dept = await makeDepartment();
    const input = userCreateSchema.parse(form(dept.id, { email: "race@example.test" }));
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => createUser(hr, input)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ValidationError);
    }
    expect(await getDb().user.count({ where: { email: "race@example.test" } })).toBe(1);
  });

  it("rejects weak passwords and bad fields in the shared schema", () => {
    const result = userCreateSchema.safeParse(
      form("d", { temporaryPassword: "short", email: "nope", name: "" }),
    );
    expect(result.success).toBe(false);
    const messages = fieldErrorsOf(result.error!);
    expect(messages).toMatchObject({
      temporaryPassword: "validation.passwordTooShort",
      email: "validation.email",
      name: "validation.required",
    });
    expect(
      userCreateSchema.safeParse(form("d", { temporaryPassword: "abcdefghijkl" })).error?.issues[0]
        ?.message,
    ).toBe("validation.passwordTooWeak");
  });

  it("updates a manager's departments and a temporary password ends their sessions", async () => {
    const admin = await principalFor("ADMIN");
    const dept = await makeDepartment();
    const managed = await makeDepartment();
    const user = await makeUser({ departmentId: dept.id });
    await sessionCookie(user.id);
    await updateUser(
      admin,
      user.id,
      userUpdateSchema.parse(
        form(dept.id, {
          email: user.email,
          role: "MANAGER",
          managedDepartmentIds: managed.id,
          temporaryPassword: "Another-temp-2",
        }),
      ),
    );
    const row = await getDb().user.findUniqueOrThrow({
      where: { id: user.id },
      include: { managedDepartments: true },
    });
    expect(row.role).toBe("MANAGER");
    expect(row.managedDepartments.map((m) => m.departmentId)).toEqual([managed.id]);
    expect(row.mustChangePassword).toBe(true);
    expect(await getDb().session.count({ where: { userId: user.id } })).toBe(0);
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { subjectId: user.id } });
    expect(event.before).toMatchObject({ role: "EMPLOYEE" });
    expect(event.after).toMatchObject({ role: "MANAGER" });
  });

  it("deactivating ends every session at once and keeps the person; reactivating allows sign-in again", async () => {
    const admin = await principalFor("ADMIN");
    const user = await makeUser();
    const { session } = await sessionCookie(user.id);
    await setUserActive(admin, user.id, false);
    expect(await getLucia().validateSession(session.id)).toMatchObject({ session: null });
    expect(await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      active: false,
    });
    await setUserActive(admin, user.id, true);
    const actions = await getDb().auditEvent.findMany({
      where: { subjectId: user.id },
      orderBy: { createdAt: "asc" },
    });
    expect(actions.map((a) => a.action)).toEqual(["user.deactivate", "user.reactivate"]);
    await expect(setUserActive(admin, admin.id, false)).rejects.toMatchObject({
      messageKey: "org.user.cannotDeactivateSelf",
    });
  });

  it("lists with search, department and role filters, and pages", async () => {
    const dept = await makeDepartment();
    for (let i = 0; i < USER_PAGE_SIZE + 3; i++) {
      await makeUser({ departmentId: dept.id, name: `Zed Listed ${String(i).padStart(2, "0")}` });
    }
    await makeUser({
      departmentId: dept.id,
      name: "Quincy Trainer",
      role: "TRAINER",
      email: "quincy@example.test",
    });
    const query = (q: Record<string, string>) => listUsers(userListQuerySchema.parse(q));
    const first = await query({ departmentId: dept.id });
    expect(first.total).toBe(USER_PAGE_SIZE + 4);
    expect(first.users).toHaveLength(USER_PAGE_SIZE);
    expect(first.pageCount).toBe(2);
    expect((await query({ departmentId: dept.id, page: "2" })).users).toHaveLength(4);
    expect((await query({ q: "QUINCY@" })).users.map((u) => u.name)).toEqual(["Quincy Trainer"]);
    expect((await query({ departmentId: dept.id, role: "TRAINER" })).total).toBe(1);
    expect((await query({ q: "zed listed 07" })).users.map((u) => u.name)).toEqual([
      "Zed Listed 07",
    ]);
  });

  it("keeps administrator accounts in administrators' hands and refuses changing one's own role", async () => {
    const hr = await principalFor("HR");
    const admin = await principalFor("ADMIN");
    const dept = await makeDepartment();
    // HR cannot create an admin, promote anyone (themselves included) to admin, or touch an admin.
    await expect(
      createUser(
        hr,
        userCreateSchema.parse(form(dept.id, { email: "boss@example.test", role: "ADMIN" })),
      ),
    ).rejects.toMatchObject({ fieldErrors: { role: "org.user.roleNotAllowed" } });
    const hrRow = await getDb().user.findUniqueOrThrow({ where: { id: hr.id } });
    await expect(
      updateUser(
        hr,
        hr.id,
        userUpdateSchema.parse(form(dept.id, { email: hrRow.email, role: "ADMIN" })),
      ),
    ).rejects.toMatchObject({ fieldErrors: { role: "org.user.roleNotAllowed" } });
    const adminRow = await getDb().user.findUniqueOrThrow({ where: { id: admin.id } });
    await expect(
      updateUser(
        hr,
        admin.id,
        userUpdateSchema.parse(
          form(dept.id, {
            email: adminRow.email,
            role: "ADMIN",
            temporaryPassword: "Hijack-pass-77",
          }),
        ),
      ),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setUserActive(hr, admin.id, false)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await getDb().user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({
      role: "ADMIN",
      active: true,
    });
    // An admin cannot step down by editing their own role.
    await expect(
      updateUser(
        admin,
        admin.id,
        userUpdateSchema.parse(form(dept.id, { email: adminRow.email, role: "EMPLOYEE" })),
      ),
    ).rejects.toMatchObject({ fieldErrors: { role: "org.user.cannotChangeOwnRole" } });
    // Admins manage admins.
    const promoted = await createUser(
      admin,
      userCreateSchema.parse(form(dept.id, { email: "second.admin@example.test", role: "ADMIN" })),
    );
    expect(promoted.role).toBe("ADMIN");
  });
});
