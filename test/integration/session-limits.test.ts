import { execFileSync } from "node:child_process";
import type { ActionFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { getLucia, hasRecentAuth, validateSessionAt } from "~/lib/auth.server";
import { getDb } from "~/lib/db.server";
import { getCurrentSession, RecentAuthRequiredError } from "~/lib/session.server";
import {
  listOwnSessions,
  signIn,
  confirmEnrolment,
  getTwoFactorStatus,
  reauthenticate,
  startEnrolment,
  totpCode,
} from "~/modules/account/index.server";
import { userCreateSchema, userUpdateSchema } from "~/modules/org";
import { createUser, getUserForEdit, updateUser } from "~/modules/org/index.server";
import * as reauthRoute from "~/routes/auth/reauth";
import * as userEditRoute from "~/routes/admin/user-edit";
import {
  makeDepartment,
  makeUser,
  request,
  sessionCookie,
  TEST_PASSWORD,
} from "../support/factories";

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const actionArgs = (req: Request, params: Record<string, string> = {}) =>
  ({ request: req, params, context: { clientAddress: "10.7.7.7" } }) as ActionFunctionArgs;

async function sessionAt(createdAt: Date) {
  const user = await makeUser();
  const { session } = await sessionCookie(user.id);
  await getDb().session.update({
    where: { id: session.id },
    data: { createdAt, lastSeenAt: createdAt, expiresAt: new Date(createdAt.getTime() + 30 * DAY) },
  });
  return { user, id: session.id };
}

describe("session lifetime", () => {
  it("ends a session idle for more than 8 hours (SESSION_IDLE_HOURS), and deletes it", async () => {
    const t0 = new Date("2026-11-10T08:00:00Z");
    const { id } = await sessionAt(t0);
    expect(await validateSessionAt(id, new Date(t0.getTime() + 8 * HOUR - MINUTE))).not.toBeNull();
    const { id: idle } = await sessionAt(t0);
    expect(await validateSessionAt(idle, new Date(t0.getTime() + 8 * HOUR + 1000))).toBeNull();
    expect(await getDb().session.findUnique({ where: { id: idle } })).toBeNull();
  });

  it("keeps a session in use alive past 8 hours, writing lastSeenAt at most once a minute", async () => {
    const t0 = new Date("2026-11-11T08:00:00Z");
    const { id } = await sessionAt(t0);
    await validateSessionAt(id, new Date(t0.getTime() + 30 * 1000));
    let row = await getDb().session.findUniqueOrThrow({ where: { id } });
    expect(row.lastSeenAt.getTime()).toBe(t0.getTime());
    await validateSessionAt(id, new Date(t0.getTime() + 61 * 1000));
    row = await getDb().session.findUniqueOrThrow({ where: { id } });
    expect(row.lastSeenAt.getTime()).toBe(t0.getTime() + 61 * 1000);
    for (let hours = 7; hours <= 28; hours += 7) {
      expect(await validateSessionAt(id, new Date(t0.getTime() + hours * HOUR))).not.toBeNull();
    }
  });

  it("ends any session 30 days after sign-in (SESSION_MAX_DAYS), however active", async () => {
    const t0 = new Date("2026-10-01T08:00:00Z");
    const { id } = await sessionAt(t0);
    let now = t0.getTime();
    while (now + 7 * HOUR < t0.getTime() + 30 * DAY) {
      now += 7 * HOUR;
      expect(await validateSessionAt(id, new Date(now))).not.toBeNull();
    }
    // The sliding expiry never reaches past the absolute end.
    const row = await getDb().session.findUniqueOrThrow({ where: { id } });
    expect(row.expiresAt.getTime()).toBeLessThanOrEqual(t0.getTime() + 30 * DAY);
    expect(await validateSessionAt(id, new Date(t0.getTime() + 30 * DAY))).toBeNull();
  });

  it("ends a session past SESSION_MAX_DAYS even when its row expires later (e.g. made before the limit)", async () => {
    const t0 = new Date("2026-09-01T08:00:00Z");
    const { id } = await sessionAt(t0);
    const now = new Date(t0.getTime() + 31 * DAY);
    await getDb().session.update({
      where: { id },
      data: {
        lastSeenAt: new Date(now.getTime() - HOUR),
        expiresAt: new Date(now.getTime() + 20 * DAY),
      },
    });
    expect(await validateSessionAt(id, now)).toBeNull();
    expect(await getDb().session.findUnique({ where: { id } })).toBeNull();
  });

  it("lists only live sessions in Settings → Sessions (idle and too old ones are over)", async () => {
    const user = await makeUser();
    const now = new Date();
    const make = async (createdAt: Date, lastSeenAt: Date) => {
      const { session } = await sessionCookie(user.id);
      await getDb().session.update({ where: { id: session.id }, data: { createdAt, lastSeenAt } });
      return session.id;
    };
    const live = await make(new Date(now.getTime() - DAY), new Date(now.getTime() - HOUR));
    await make(new Date(now.getTime() - DAY), new Date(now.getTime() - 9 * HOUR));
    await make(new Date(now.getTime() - 31 * DAY), new Date(now.getTime() - HOUR));
    const listed = await listOwnSessions(user.id, live);
    expect(listed.map((s) => s.current)).toEqual([true]);
  });

  it("keeps the sliding expiry: renewed once half of it is used, and then the cookie is sent again", async () => {
    const t0 = new Date();
    const { id } = await sessionAt(new Date(t0.getTime() - 2 * DAY));
    await getDb().session.update({
      where: { id },
      data: { lastSeenAt: t0, expiresAt: new Date(t0.getTime() + 10 * DAY) },
    });
    const result = await validateSessionAt(id, t0);
    expect(result?.session.fresh).toBe(true);
    // Renewed, but capped by the absolute limit: 30 days after creation, not 30 days from now.
    expect(result?.session.expiresAt.getTime()).toBe(t0.getTime() + 28 * DAY);
    const row = await getDb().session.findUniqueOrThrow({ where: { id } });
    expect(row.expiresAt.getTime()).toBe(t0.getTime() + 28 * DAY);
    // Not renewed again while more than half is left.
    expect((await validateSessionAt(id, new Date(t0.getTime() + HOUR)))?.session.fresh).toBe(false);
  });

  it("names the cookie __Host-uptake_session when it is Secure (production), uptake_session otherwise", async () => {
    expect(getLucia().sessionCookieName).toBe("uptake_session");
    const script = [
      'import("./app/lib/auth.server.ts").then(({ getLucia }) => {',
      "  const l = getLucia();",
      '  console.log(l.sessionCookieName + " " + l.createSessionCookie("x").serialize());',
      "});",
    ].join("\n");
    const run = (env: Record<string, string>) =>
      execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--eval", script], {
        env: { ...process.env, ...env },
        encoding: "utf8",
      }).trim();
    const secure = run({ NODE_ENV: "production", COOKIE_SECURE: "auto" });
    expect(secure).toMatch(/^__Host-uptake_session __Host-uptake_session=x; .*Secure/);
    expect(secure).toContain("Path=/");
    expect(secure).not.toContain("Domain");
    expect(run({ NODE_ENV: "production", COOKIE_SECURE: "off" })).toMatch(/^uptake_session /);
  });
});

describe("re-authentication before sensitive actions", () => {
  const stale = () => new Date(Date.now() - 11 * MINUTE);

  async function adminWithSession() {
    const admin = await makeUser({ role: "ADMIN" });
    const { cookie, session } = await sessionCookie(admin.id);
    return { admin, cookie, sessionId: session.id };
  }

  function editForm(
    user: Awaited<ReturnType<typeof getUserForEdit>>,
    changes: Record<string, string>,
  ) {
    return {
      intent: "save",
      name: user.name,
      email: user.email,
      role: user.role,
      departmentId: user.departmentId ?? "",
      jobTitle: user.jobTitle,
      hireDate: "",
      preferredLanguage: "",
      managedDepartmentIds: "",
      temporaryPassword: "",
      ...changes,
    };
  }

  it("a fresh sign-in counts as recent for 10 minutes", async () => {
    const user = await makeUser();
    const { cookie } = await signIn(
      { email: user.email, password: TEST_PASSWORD },
      { ipAddress: "10.30.0.1", userAgent: "vitest" },
    );
    const current = await getCurrentSession(request("/", { cookie: cookie.split(";")[0] }));
    const signedInAt = current!.session.reauthenticatedAt!;
    expect(hasRecentAuth(current!.session, new Date(signedInAt.getTime() + 9 * MINUTE))).toBe(true);
    expect(hasRecentAuth(current!.session, new Date(signedInAt.getTime() + 11 * MINUTE))).toBe(
      false,
    );
  });

  it("asks for the password (401 reauth.required) before a role change or a password reset, not before other edits", async () => {
    const { admin, cookie, sessionId } = await adminWithSession();
    const person = await makeUser();
    const before = await getUserForEdit(person.id);
    await getDb().session.update({
      where: { id: sessionId },
      data: { reauthenticatedAt: stale() },
    });
    const post = (changes: Record<string, string>) =>
      userEditRoute.action(
        actionArgs(
          request(`/admin/users/${person.id}`, { cookie, form: editForm(before, changes) }),
          { userId: person.id },
        ),
      ) as unknown as Promise<{
        init?: { status?: number };
        data: { ok: boolean; formError?: string };
      }>;

    const sensitive: Record<string, string>[] = [
      { role: "HR" },
      { temporaryPassword: "Fresh-temporary-9" },
    ];
    for (const changes of sensitive) {
      const answer = await post(changes);
      expect(answer.init?.status).toBe(401);
      expect(answer.data.formError).toBe("reauth.required");
    }
    expect((await getUserForEdit(person.id)).role).toBe("EMPLOYEE");
    expect((await post({ jobTitle: "Agent" })).data.ok).toBe(true);

    // Confirm the password through /reauth (a resource route: real Responses), then the same
    // post goes through.
    const wrong = (await reauthRoute.action(
      actionArgs(request("/reauth", { cookie, form: { password: "not-it" } })),
    )) as Response;
    expect(wrong.status).toBe(400);
    const right = (await reauthRoute.action(
      actionArgs(request("/reauth", { cookie, form: { password: TEST_PASSWORD } })),
    )) as Response;
    expect(right.status).toBe(200);
    expect(((await right.json()) as { ok: boolean }).ok).toBe(true);
    expect((await post({ role: "HR", jobTitle: "Agent" })).data.ok).toBe(true);
    expect((await getUserForEdit(person.id)).role).toBe("HR");
    expect(admin.role).toBe("ADMIN");
  });

  it("asks before creating an administrator, not before creating an employee", async () => {
    const dept = await makeDepartment();
    const base = {
      name: "New Person",
      departmentId: dept.id,
      jobTitle: "",
      hireDate: "",
      preferredLanguage: "",
      managedDepartmentIds: "",
      temporaryPassword: "Welcome-to-uptake-1",
    };
    const admin = await makeUser({ role: "ADMIN" });
    const actor = {
      id: admin.id,
      role: "ADMIN" as const,
      scopeDepartmentIds: [],
      reauthenticatedAt: stale(),
    };
    await expect(
      createUser(
        actor,
        userCreateSchema.parse({ ...base, email: "a1@example.test", role: "ADMIN" }),
      ),
    ).rejects.toBeInstanceOf(RecentAuthRequiredError);
    expect(await getDb().user.count({ where: { email: "a1@example.test" } })).toBe(0);
    await expect(
      createUser(
        actor,
        userCreateSchema.parse({ ...base, email: "e1@example.test", role: "EMPLOYEE" }),
      ),
    ).resolves.toBeTruthy();
    await expect(
      createUser(
        { ...actor, reauthenticatedAt: new Date() },
        userCreateSchema.parse({ ...base, email: "a2@example.test", role: "ADMIN" }),
      ),
    ).resolves.toBeTruthy();
  });

  it("accepts a second-factor code instead of the password", async () => {
    const user = await makeUser({ role: "ADMIN" });
    await startEnrolment(user.id);
    const secret = (await getTwoFactorStatus(user)).enrolment!.secret;
    const t0 = new Date(Date.now() - 5 * MINUTE);
    await confirmEnrolment(user.id, totpCode(secret, t0), { now: t0 });
    const { session } = await sessionCookie(user.id);
    const now = new Date();
    expect(await reauthenticate(session, { code: totpCode(secret, now) }, { now: now })).toEqual({
      ok: true,
    });
    const row = await getDb().session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.reauthenticatedAt?.getTime()).toBe(now.getTime());
  });

  it("ends the session after five wrong answers", async () => {
    const user = await makeUser();
    const { session } = await sessionCookie(user.id);
    for (let i = 0; i < 4; i++) {
      expect(await reauthenticate(session, { password: `wrong-${i}` })).toEqual({
        ok: false,
        signedOut: false,
      });
    }
    expect(await reauthenticate(session, { password: "wrong-5" })).toEqual({
      ok: false,
      signedOut: true,
    });
    expect(await getDb().session.findUnique({ where: { id: session.id } })).toBeNull();
  });

  it("tells the person by e-mail when someone else resets their password", async () => {
    const admin = await makeUser({ role: "ADMIN", name: "Ada Admin" });
    const person = await makeUser();
    const before = await getUserForEdit(person.id);
    const actor = {
      id: admin.id,
      role: "ADMIN" as const,
      scopeDepartmentIds: [],
      reauthenticatedAt: new Date(),
    };
    await updateUser(
      actor,
      person.id,
      userUpdateSchema.parse({ ...editForm(before, { temporaryPassword: "Fresh-temporary-9" }) }),
    );
    const mail = await getDb().outboxEmail.findFirstOrThrow({
      where: { userId: person.id, eventType: "PASSWORD_RESET" },
    });
    expect(mail.toAddress).toBe(person.email);
    expect(mail.body).toContain("Ada Admin");
    // A change without a new password sends nothing.
    await updateUser(
      actor,
      person.id,
      userUpdateSchema.parse(editForm(before, { jobTitle: "Lead" })),
    );
    expect(await getDb().outboxEmail.count({ where: { userId: person.id } })).toBe(1);
  });
});
