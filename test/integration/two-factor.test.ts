import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { TooManyRequestsError, ValidationError } from "~/lib/errors";
import { open } from "~/lib/secret-box.server";
import { RecentAuthRequiredError, requireUser } from "~/lib/session.server";
import {
  signIn,
  completePendingLogin,
  confirmEnrolment,
  disableTwoFactor,
  getTwoFactorStatus,
  hasTwoFactor,
  PendingLoginExpiredError,
  resetUserTwoFactor,
  setTwoFactorPolicy,
  startEnrolment,
  totpCode,
  verifySecondFactor,
} from "~/modules/account/index.server";
import * as loginRoute from "~/routes/auth/login";
import * as twoFactorRoute from "~/routes/auth/two-factor";
import * as securityRoute from "~/routes/settings/security";
import * as policyRoute from "~/routes/admin/security";
import { makeUser, request, sessionCookie, TEST_PASSWORD } from "../support/factories";

const client = (ipAddress = "10.20.0.1") => ({ ipAddress, userAgent: "vitest" });
const T0 = new Date("2026-11-20T09:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const actionArgs = (req: Request) =>
  ({ request: req, params: {}, context: { clientAddress: "10.7.7.7" } }) as ActionFunctionArgs;
const loaderArgs = (req: Request) =>
  ({ request: req, params: {}, context: {} }) as LoaderFunctionArgs;

/** A user with two-factor on (enrolled at T0); returns the secret and the recovery codes. */
async function enrolledUser(role: "EMPLOYEE" | "HR" | "ADMIN" = "EMPLOYEE") {
  const user = await makeUser({ role });
  await startEnrolment(user.id);
  const status = await getTwoFactorStatus(user);
  const secret = status.enrolment!.secret;
  const recoveryCodes = await confirmEnrolment(user.id, totpCode(secret, T0), { now: T0 });
  return { user, secret, recoveryCodes };
}

/** Password step; returns the Cookie header that carries the pending sign-in. */
async function passwordStep(email: string, now: Date, redirectTo = "/") {
  const result = await signIn({ email, password: TEST_PASSWORD, redirectTo }, client(), now);
  expect(result.secondFactor).toBe(true);
  return result.cookie.split(";")[0]!;
}

const cookieHeaderOf = (setCookies: string[]) => setCookies.map((c) => c.split(";")[0]).join("; ");

describe("two-factor enrolment", () => {
  it("shows a QR code and a key, stores the secret encrypted, and switches on with the first right code", async () => {
    const user = await makeUser();
    await startEnrolment(user.id);
    const status = await getTwoFactorStatus(user);
    expect(status.enabled).toBe(false);
    expect(status.enrolment?.qrCode).toMatch(/^data:image\/png;base64,/);
    expect(status.enrolment?.uri).toContain("otpauth://totp/Uptake:");
    const secret = status.enrolment!.secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    const row = await getDb().twoFactor.findUniqueOrThrow({ where: { userId: user.id } });
    expect(row.secret).not.toContain(secret);
    expect(row.secret.startsWith("v1.")).toBe(true);
    expect(open(row.secret)).toBe(secret);
    // Tampering with the stored value is detected (GCM tag). The first character of the
    // tag is changed: all of its bits count (the last characters of base64 may not).
    const [version, iv, tag = "", body] = row.secret.split(".");
    const otherFirst = tag.startsWith("A") ? "B" : "A";
    const tampered = [version, iv, otherFirst + tag.slice(1), body].join(".");
    expect(() => open(tampered)).toThrow();

    await expect(confirmEnrolment(user.id, "000000", { now: T0 })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect((await getTwoFactorStatus(user)).enabled).toBe(false);

    const codes = await confirmEnrolment(user.id, totpCode(secret, T0), { now: T0 });
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    const after = await getTwoFactorStatus(user);
    expect(after).toMatchObject({ enabled: true, recoveryCodesLeft: 10, enrolment: null });
    // Stored hashed: no code appears in the table.
    const stored = await getDb().recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(10);
    for (const row of stored)
      for (const code of codes) expect(row.codeHash).not.toContain(code.replace("-", ""));
    const audit = await getDb().auditEvent.findMany({ where: { subjectId: user.id } });
    expect(audit.map((a) => a.action)).toContain("security.twoFactor.enable");
  });

  it("enrols through the settings page: start, confirm, recovery codes in the answer", async () => {
    const user = await makeUser();
    const { cookie } = await sessionCookie(user.id);
    await securityRoute.action(
      actionArgs(request("/settings/security", { cookie, form: { intent: "start" } })),
    );
    const loaded = await securityRoute.loader(
      loaderArgs(request("/settings/security", { cookie })),
    );
    const secret = loaded.status.enrolment!.secret;
    const answer = (await securityRoute.action(
      actionArgs(
        request("/settings/security", {
          cookie,
          form: { intent: "confirm", code: totpCode(secret) },
        }),
      ),
    )) as unknown as { data: { ok: boolean; recoveryCodes: string[] } };
    expect(answer.data.ok).toBe(true);
    expect(answer.data.recoveryCodes).toHaveLength(10);
  });

  it("asks an unattended session (no password for 10 minutes) to re-authenticate before a set-up starts", async () => {
    const user = await makeUser();
    const { cookie, session } = await sessionCookie(user.id);
    await getDb().session.update({
      where: { id: session.id },
      data: { reauthenticatedAt: new Date(Date.now() - 11 * 60_000) },
    });
    const answer = (await securityRoute.action(
      actionArgs(request("/settings/security", { cookie, form: { intent: "start" } })),
    )) as unknown as { init: { status: number }; data: { formError: string } };
    expect(answer.init.status).toBe(401);
    expect(answer.data.formError).toBe("reauth.required");
    expect(await getDb().twoFactor.count({ where: { userId: user.id } })).toBe(0);
  });

  it("switches off only with the password and a code", async () => {
    const { user, secret } = await enrolledUser();
    await expect(
      disableTwoFactor(
        user.id,
        { password: "wrong", code: totpCode(secret, at(60)) },
        { now: at(60) },
      ),
    ).rejects.toMatchObject({ fieldErrors: { password: "auth.wrongCurrentPassword" } });
    await expect(
      disableTwoFactor(user.id, { password: TEST_PASSWORD, code: "123456" }, { now: at(60) }),
    ).rejects.toBeInstanceOf(ValidationError);
    await disableTwoFactor(
      user.id,
      { password: TEST_PASSWORD, code: totpCode(secret, at(90)) },
      { now: at(90) },
    );
    expect(await getDb().twoFactor.count({ where: { userId: user.id } })).toBe(0);
    expect(await getDb().recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    // Without a second factor the password signs in directly again.
    const result = await signIn({ email: user.email, password: TEST_PASSWORD }, client(), at(120));
    expect(result.secondFactor).toBe(false);
  });
});

describe("two-factor sign-in", () => {
  it("makes no session after the password, then one after the right code, and goes where asked", async () => {
    const { user, secret } = await enrolledUser();
    const pending = await passwordStep(user.email, at(60), "/learn");
    expect(pending).toMatch(/^uptake_2fa=/);
    expect(await getDb().session.count({ where: { userId: user.id } })).toBe(0);
    // The pending cookie is no session: pages still send the visitor to /login.
    await expect(requireUser(request("/", { cookie: pending }))).rejects.toBeInstanceOf(Response);

    const done = await completePendingLogin(
      request("/login/two-factor", { cookie: pending }),
      totpCode(secret, at(70)),
      { now: at(70) },
    );
    expect(done.redirectTo).toBe("/learn");
    expect(await getDb().session.count({ where: { userId: user.id } })).toBe(1);
    const signedIn = await requireUser(request("/", { cookie: cookieHeaderOf(done.cookies) }));
    expect(signedIn.id).toBe(user.id);
    // The pending sign-in is used up.
    await expect(
      completePendingLogin(
        request("/login/two-factor", { cookie: pending }),
        totpCode(secret, at(100)),
        { now: at(100) },
      ),
    ).rejects.toBeInstanceOf(PendingLoginExpiredError);
  });

  it("works through the routes: login answers with the second step, which sets the session cookie", async () => {
    const { user, secret } = await enrolledUser();
    const first = (await loginRoute
      .action(
        actionArgs(
          request("/login", {
            form: { email: user.email, password: TEST_PASSWORD, redirectTo: "/ideas" },
          }),
        ),
      )
      .catch((e: unknown) => e)) as Response;
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe("/login/two-factor");
    const pending = first.headers.get("Set-Cookie")!.split(";")[0]!;
    expect(pending).toMatch(/^uptake_2fa=/);
    expect(
      await twoFactorRoute.loader(loaderArgs(request("/login/two-factor", { cookie: pending }))),
    ).toBeNull();

    const wrong = (await twoFactorRoute.action(
      actionArgs(request("/login/two-factor", { cookie: pending, form: { code: "000000" } })),
    )) as unknown as { init: { status: number } };
    expect(wrong.init.status).toBe(400);

    const second = (await twoFactorRoute
      .action(
        actionArgs(
          request("/login/two-factor", { cookie: pending, form: { code: totpCode(secret) } }),
        ),
      )
      .catch((e: unknown) => e)) as Response;
    expect(second.status).toBe(302);
    expect(second.headers.get("Location")).toBe("/ideas");
    const setCookies = second.headers.getSetCookie();
    expect(setCookies.some((c) => c.startsWith("uptake_session="))).toBe(true);
    expect(setCookies.some((c) => c.startsWith("uptake_2fa=;"))).toBe(true);
  });

  it("refuses a wrong code, and after five tries the pending sign-in is gone", async () => {
    const { user, secret } = await enrolledUser();
    const pending = await passwordStep(user.email, at(60));
    const req = () => request("/login/two-factor", { cookie: pending });
    for (let i = 0; i < 5; i++) {
      await expect(
        completePendingLogin(req(), "111111", { now: at(61 + i) }),
      ).rejects.toMatchObject({
        fieldErrors: { code: "twoFactor.invalidCode" },
      });
    }
    await expect(
      completePendingLogin(req(), totpCode(secret, at(70)), { now: at(70) }),
    ).rejects.toBeInstanceOf(PendingLoginExpiredError);
    expect(await getDb().session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("throttles wrong codes per user across sign-ins (15 minutes), even the right code", async () => {
    const { user, secret } = await enrolledUser();
    for (let i = 0; i < 5; i++) {
      await expect(
        verifySecondFactor(user.id, "222222", { now: at(60 + i) }),
      ).rejects.toBeInstanceOf(ValidationError);
    }
    await expect(
      verifySecondFactor(user.id, totpCode(secret, at(70)), { now: at(70) }),
    ).rejects.toBeInstanceOf(TooManyRequestsError);
    const later = at(70 + 15 * 60 + 1);
    await expect(
      verifySecondFactor(user.id, totpCode(secret, later), { now: later }),
    ).resolves.toBe("totp");
  });

  it("tries during the pause do not prolong it: the owner gets in 15 minutes after the fifth wrong code", async () => {
    const { user, secret } = await enrolledUser();
    for (let i = 0; i < 5; i++) {
      await expect(
        verifySecondFactor(user.id, "333333", { now: at(60 + i) }),
      ).rejects.toBeInstanceOf(ValidationError);
    }
    // Someone keeps posting codes all through the pause.
    for (let minute = 1; minute < 15; minute++) {
      const during = at(64 + minute * 60);
      await expect(verifySecondFactor(user.id, "444444", { now: during })).rejects.toBeInstanceOf(
        TooManyRequestsError,
      );
    }
    const after = at(64 + 15 * 60 + 1);
    await expect(
      verifySecondFactor(user.id, totpCode(secret, after), { now: after }),
    ).resolves.toBe("totp");
  });

  it("counts parallel guesses against each other: at most five of twenty are checked", async () => {
    const { user } = await enrolledUser();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        verifySecondFactor(user.id, String(100000 + i), { now: at(60) }),
      ),
    );
    const throttled = results.filter(
      (r) => r.status === "rejected" && r.reason instanceof TooManyRequestsError,
    );
    expect(throttled.length).toBeGreaterThanOrEqual(15);
  });

  it("accepts a code from the step before or after, but not two steps away", async () => {
    const { user, secret } = await enrolledUser();
    const now = at(300);
    await expect(
      verifySecondFactor(user.id, totpCode(secret, at(270)), { now: now }),
    ).resolves.toBe("totp");
    await expect(
      verifySecondFactor(user.id, totpCode(secret, at(240)), { now: at(330) }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it("never accepts a code twice, nor an older code after a newer one", async () => {
    const { user, secret } = await enrolledUser();
    const code = totpCode(secret, at(120));
    await expect(verifySecondFactor(user.id, code, { now: at(120) })).resolves.toBe("totp");
    await expect(verifySecondFactor(user.id, code, { now: at(125) })).rejects.toMatchObject({
      fieldErrors: { code: "twoFactor.codeUsed" },
    });
    // The code that confirmed the enrolment cannot sign in either.
    const { user: other, secret: otherSecret } = await enrolledUser();
    await expect(
      verifySecondFactor(other.id, totpCode(otherSecret, T0), { now: T0 }),
    ).rejects.toMatchObject({ fieldErrors: { code: "twoFactor.codeUsed" } });
    // A newer step used, then the previous step's code (still inside the window): refused.
    await expect(
      verifySecondFactor(user.id, totpCode(secret, at(180)), { now: at(180) }),
    ).resolves.toBe("totp");
    await expect(
      verifySecondFactor(user.id, totpCode(secret, at(150)), { now: at(181) }),
    ).rejects.toMatchObject({ fieldErrors: { code: "twoFactor.codeUsed" } });
  });

  it("takes the same code in two parallel sign-ins once", async () => {
    const { user, secret } = await enrolledUser();
    const code = totpCode(secret, at(400));
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => verifySecondFactor(user.id, code, { now: at(400) })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("signs in with a recovery code once only, also when it is raced", async () => {
    const { user, recoveryCodes } = await enrolledUser();
    const [first, second] = recoveryCodes;
    const pending = await passwordStep(user.email, at(60));
    // Lower case and without the dash are the same code.
    const done = await completePendingLogin(
      request("/login/two-factor", { cookie: pending }),
      first!.toLowerCase().replace("-", ""),
      { now: at(61) },
    );
    expect(done.cookies[0]).toMatch(/^uptake_session=/);
    expect(await getDb().recoveryCode.count({ where: { userId: user.id } })).toBe(9);
    await expect(verifySecondFactor(user.id, first!, { now: at(62) })).rejects.toBeInstanceOf(
      ValidationError,
    );

    const raced = await Promise.allSettled(
      Array.from({ length: 6 }, () => verifySecondFactor(user.id, second!, { now: at(63) })),
    );
    expect(raced.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await getDb().recoveryCode.count({ where: { userId: user.id } })).toBe(8);
    expect(
      await getDb().auditEvent.count({
        where: { subjectId: user.id, action: "security.twoFactor.recoveryCodeUsed" },
      }),
    ).toBe(2);
  });

  it("when the secret cannot be opened (key changed), codes fail like wrong ones and recovery codes still work", async () => {
    const { user, secret, recoveryCodes } = await enrolledUser();
    const row = await getDb().twoFactor.findUniqueOrThrow({ where: { userId: user.id } });
    const [version, iv, tag, body] = row.secret.split(".");
    // Same shape, another key's tag: AES-GCM refuses it.
    const foreign = [version, iv, Buffer.alloc(16, 7).toString("base64url"), body].join(".");
    expect(foreign).not.toBe(tag);
    await getDb().twoFactor.update({ where: { userId: user.id }, data: { secret: foreign } });
    await expect(
      verifySecondFactor(user.id, totpCode(secret, at(600)), { now: at(600) }),
    ).rejects.toMatchObject({ fieldErrors: { code: "twoFactor.invalidCode" } });
    await expect(verifySecondFactor(user.id, recoveryCodes[3]!, { now: at(601) })).resolves.toBe(
      "recovery",
    );
  });

  it("a set-up whose secret cannot be opened any more (key changed meanwhile) asks to start again", async () => {
    const user = await makeUser();
    await startEnrolment(user.id);
    const secret = (await getTwoFactorStatus(user)).enrolment!.secret;
    const row = await getDb().twoFactor.findUniqueOrThrow({ where: { userId: user.id } });
    const [version, iv, , body] = row.secret.split(".");
    const foreign = [version, iv, Buffer.alloc(16, 7).toString("base64url"), body].join(".");
    await getDb().twoFactor.update({ where: { userId: user.id }, data: { secret: foreign } });
    await expect(confirmEnrolment(user.id, totpCode(secret, new Date()))).rejects.toMatchObject({
      status: 409,
      messageKey: "twoFactor.noEnrolment",
    });
    expect(await hasTwoFactor(user.id)).toBe(false);
  });

  it("ends the pending sign-in after ten minutes", async () => {
    const { user, secret } = await enrolledUser();
    const pending = await passwordStep(user.email, at(60));
    const late = at(60 + 10 * 60 + 1);
    await expect(
      completePendingLogin(
        request("/login/two-factor", { cookie: pending }),
        totpCode(secret, late),
        { now: late },
      ),
    ).rejects.toBeInstanceOf(PendingLoginExpiredError);
  });
});

describe("two-factor policy", () => {
  it("once on, sends ADMIN and HR without a second factor to enrolment first; others and enrolled people pass", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const hr = await makeUser({ role: "HR" });
    const employee = await makeUser({ role: "EMPLOYEE" });
    const { user: enrolledHr } = await enrolledUser("HR");
    const cookies = await Promise.all(
      [admin, hr, employee, enrolledHr].map(async (u) => (await sessionCookie(u.id)).cookie),
    );
    const [adminCookie, hrCookie, employeeCookie, enrolledCookie] = cookies;
    // Off: nobody is redirected.
    await expect(requireUser(request("/reports", { cookie: adminCookie }))).resolves.toBeTruthy();

    await setTwoFactorPolicy(admin.id, true);
    for (const cookie of [adminCookie, hrCookie]) {
      const thrown = (await requireUser(request("/reports", { cookie })).catch(
        (e: unknown) => e,
      )) as Response;
      expect(thrown.status).toBe(302);
      expect(thrown.headers.get("Location")).toBe("/settings/security?required=1");
      // The enrolment page itself is reachable.
      await expect(requireUser(request("/settings/security", { cookie }))).resolves.toBeTruthy();
    }
    await expect(
      requireUser(request("/reports", { cookie: employeeCookie })),
    ).resolves.toBeTruthy();
    await expect(
      requireUser(request("/reports", { cookie: enrolledCookie })),
    ).resolves.toBeTruthy();

    const audit = await getDb().auditEvent.findFirstOrThrow({
      where: { action: "security.twoFactorPolicy" },
    });
    expect(audit.actorId).toBe(admin.id);
    expect(audit.after).toEqual({ required: true });

    await setTwoFactorPolicy(admin.id, false);
    await expect(requireUser(request("/reports", { cookie: hrCookie }))).resolves.toBeTruthy();
  });

  it("is switched by admins only, after a recent password check", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const hr = await makeUser({ role: "HR" });
    const hrCookie = (await sessionCookie(hr.id)).cookie;
    const refused = await policyRoute
      .action(
        actionArgs(request("/admin/security", { cookie: hrCookie, form: { required: "true" } })),
      )
      .catch((e: unknown) => e);
    expect((refused as { init?: { status?: number } }).init?.status).toBe(403);

    const { cookie, session } = await sessionCookie(admin.id);
    await getDb().session.update({
      where: { id: session.id },
      data: { reauthenticatedAt: new Date(Date.now() - 11 * 60 * 1000) },
    });
    const stale = (await policyRoute.action(
      actionArgs(request("/admin/security", { cookie, form: { required: "true" } })),
    )) as unknown as { init: { status: number }; data: { formError: string } };
    expect(stale.init.status).toBe(401);
    expect(stale.data.formError).toBe("reauth.required");
    expect((await getDb().appSetting.findFirst())?.value ?? "false").toBe("false");

    await getDb().session.update({
      where: { id: session.id },
      data: { reauthenticatedAt: new Date() },
    });
    await policyRoute.action(
      actionArgs(request("/admin/security", { cookie, form: { required: "true" } })),
    );
    expect((await getDb().appSetting.findFirstOrThrow()).value).toBe("true");
    // The admin has no second factor yet: from now on, enrolment comes first.
    const sent = (await policyRoute
      .loader(loaderArgs(request("/admin/security", { cookie })))
      .catch((e: unknown) => e)) as Response;
    expect(sent.headers.get("Location")).toBe("/settings/security?required=1");
  });

  it("an admin resets the second factor of someone who lost it, after re-authentication; never their own, and HR not an admin's", async () => {
    const { user, secret } = await enrolledUser();
    const admin = await makeUser({ role: "ADMIN" });
    const hr = await makeUser({ role: "HR" });
    const client = { ipAddress: "10.9.8.7", userAgent: "vitest" };
    const principal = (u: { id: string; role: string }, reauthenticatedAt: Date) => ({
      id: u.id,
      role: u.role as "ADMIN",
      scopeDepartmentIds: [],
      reauthenticatedAt,
    });
    const stale = new Date(Date.now() - 11 * 60 * 1000);
    await expect(
      resetUserTwoFactor(principal(admin, stale), user.id, client),
    ).rejects.toBeInstanceOf(RecentAuthRequiredError);
    expect(await hasTwoFactor(user.id)).toBe(true);
    const { user: enrolledAdmin } = await enrolledUser("ADMIN");
    await expect(
      resetUserTwoFactor(principal(hr, new Date()), enrolledAdmin.id, client),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      resetUserTwoFactor(principal(admin, new Date()), admin.id, client),
    ).rejects.toMatchObject({ messageKey: "twoFactor.admin.notOwn" });

    await resetUserTwoFactor(principal(admin, new Date()), user.id, client);
    expect(await hasTwoFactor(user.id)).toBe(false);
    expect(await getDb().recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    const event = await getDb().auditEvent.findFirstOrThrow({
      where: { action: "security.twoFactor.resetByAdmin", subjectId: user.id },
    });
    expect(event).toMatchObject({ actorId: admin.id, ipAddress: "10.9.8.7" });
    // The password alone signs in again.
    const result = await signIn({ email: user.email, password: TEST_PASSWORD }, client);
    expect(result.secondFactor).toBe(false);
    expect(secret).toBeTruthy();
  });
});
