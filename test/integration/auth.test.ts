import { describe, expect, it } from "vitest";
import { getLucia } from "~/lib/auth.server";
import { getDb } from "~/lib/db.server";
import { TooManyRequestsError, ValidationError } from "~/lib/errors";
import { getCurrentSession } from "~/lib/session.server";
import { changeOwnPassword, revokeOtherSessions } from "~/modules/account/account.server";
import { signIn, THROTTLE_WINDOW_MS } from "~/modules/account/login.server";
import { changePasswordSchema } from "~/modules/account/schemas";
import { makeUser, request, sessionCookie, TEST_PASSWORD } from "../support/factories";

const client = (ipAddress = "10.0.0.1") => ({ ipAddress, userAgent: "test" });

describe("sign-in", () => {
  it("creates a database session whose cookie is httpOnly and SameSite=Lax", async () => {
    const user = await makeUser({ email: "signin@example.test" });
    const { cookie } = await signIn({ email: user.email, password: TEST_PASSWORD }, client());
    expect(cookie).toMatch(/^uptake_session=\w+/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(await getDb().session.count({ where: { userId: user.id } })).toBe(1);
    const current = await getCurrentSession(request("/", { cookie: cookie.split(";")[0] }));
    expect(current?.user.email).toBe("signin@example.test");
  });

  it("refuses a wrong password and an unknown e-mail with the same message", async () => {
    const user = await makeUser();
    await expect(
      signIn({ email: user.email, password: "wrong-password" }, client()),
    ).rejects.toMatchObject({
      messageKey: "auth.invalidCredentials",
    });
    await expect(
      signIn({ email: "nobody@example.test", password: "x" }, client()),
    ).rejects.toMatchObject({
      messageKey: "auth.invalidCredentials",
    });
  });

  it("after 5 failures for one e-mail, the 6th attempt is throttled, even with the right password, until the window passes", async () => {
    const user = await makeUser();
    const start = new Date("2026-11-01T10:00:00Z");
    for (let i = 0; i < 5; i++) {
      await expect(
        signIn({ email: user.email, password: "bad" }, client(), start),
      ).rejects.toBeInstanceOf(ValidationError);
    }
    await expect(
      signIn({ email: user.email, password: TEST_PASSWORD }, client(), start),
    ).rejects.toBeInstanceOf(TooManyRequestsError);
    // Another address does not unlock the account.
    await expect(
      signIn({ email: user.email, password: TEST_PASSWORD }, client("10.9.9.9"), start),
    ).rejects.toBeInstanceOf(TooManyRequestsError);
    const later = new Date(start.getTime() + THROTTLE_WINDOW_MS + 1000);
    await expect(
      signIn({ email: user.email, password: TEST_PASSWORD }, client(), later),
    ).resolves.toMatchObject({
      cookie: expect.stringContaining("uptake_session="),
    });
  });

  it("throttles one address after 20 failures across e-mails", async () => {
    const victim = await makeUser();
    const at = new Date("2026-11-02T10:00:00Z");
    for (let i = 0; i < 20; i++) {
      await expect(
        signIn({ email: `guess${i}@example.test`, password: "bad" }, client("10.1.1.1"), at),
      ).rejects.toBeInstanceOf(ValidationError);
    }
    await expect(
      signIn({ email: victim.email, password: TEST_PASSWORD }, client("10.1.1.1"), at),
    ).rejects.toMatchObject({
      status: 429,
      messageKey: "auth.throttled",
    });
    await expect(
      signIn({ email: victim.email, password: TEST_PASSWORD }, client("10.2.2.2"), at),
    ).resolves.toBeTruthy();
  });

  it("counts parallel guesses against each other: at most 5 of 40 are checked", async () => {
    const user = await makeUser();
    const at = new Date("2026-11-04T10:00:00Z");
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        signIn({ email: user.email, password: `guess-${i}` }, client(`10.4.0.${i}`), at),
      ),
    );
    const checked = results.filter(
      (r) =>
        r.status === "rejected" &&
        r.reason instanceof ValidationError &&
        !(r.reason instanceof TooManyRequestsError),
    );
    expect(checked.length).toBeLessThanOrEqual(5);
    expect(
      results.filter((r) => r.status === "rejected" && r.reason instanceof TooManyRequestsError)
        .length,
    ).toBeGreaterThanOrEqual(35);
    await expect(
      signIn({ email: user.email, password: TEST_PASSWORD }, client("10.4.1.1"), at),
    ).rejects.toBeInstanceOf(TooManyRequestsError);
  });

  it("forgets earlier failures after a successful sign-in", async () => {
    const user = await makeUser();
    const at = new Date("2026-11-03T10:00:00Z");
    for (let i = 0; i < 4; i++)
      await signIn({ email: user.email, password: "bad" }, client(), at).catch(() => undefined);
    await signIn(
      { email: user.email, password: TEST_PASSWORD },
      client(),
      new Date(at.getTime() + 1000),
    );
    const after = new Date(at.getTime() + 2000);
    for (let i = 0; i < 4; i++)
      await signIn({ email: user.email, password: "bad" }, client(), after).catch(() => undefined);
    await expect(
      signIn({ email: user.email, password: TEST_PASSWORD }, client(), after),
    ).resolves.toBeTruthy();
  });

  it("refuses a deactivated user, and a deactivated user's surviving session is ended", async () => {
    const user = await makeUser();
    const { cookie, session } = await sessionCookie(user.id);
    await getDb().user.update({ where: { id: user.id }, data: { active: false } });
    await expect(
      signIn({ email: user.email, password: TEST_PASSWORD }, client()),
    ).rejects.toMatchObject({
      messageKey: "auth.deactivated",
    });
    expect(await getCurrentSession(request("/", { cookie }))).toBeNull();
    expect(await getDb().session.findUnique({ where: { id: session.id } })).toBeNull();
  });
});

describe("session cookie header", () => {
  it.each([
    (c: string) => `${c}; `,
    (c: string) => `${c};`,
    (c: string) => ` ${c} ;  `,
    (c: string) => `theme=dark; ${c}; `,
    (c: string) => `a=1;${c};b=2`,
    (c: string) => `broken=%ZZ; ${c}`,
    (c: string) => `flag; ${c}; empty=`,
    (c: string) => c.replace("=", '="') + '"',
  ])("reads the session from an odd but valid header (%#)", async (shape) => {
    const user = await makeUser();
    const { cookie } = await sessionCookie(user.id);
    const current = await getCurrentSession(request("/", { cookie: shape(cookie) }));
    expect(current?.user.id).toBe(user.id);
  });
});

describe("own password and sessions", () => {
  it("changes the password, clears the must-change flag and ends other sessions", async () => {
    const user = await makeUser({ mustChangePassword: true });
    const current = await sessionCookie(user.id);
    const other = await sessionCookie(user.id);
    await changeOwnPassword(
      user.id,
      current.session.id,
      changePasswordSchema.parse({
        currentPassword: TEST_PASSWORD,
        newPassword: "Brand-new-pass-9",
        confirmPassword: "Brand-new-pass-9",
      }),
    );
    expect(
      (await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).mustChangePassword,
    ).toBe(false);
    expect((await getLucia().validateSession(other.session.id)).session).toBeNull();
    expect((await getLucia().validateSession(current.session.id)).session).not.toBeNull();
    await expect(
      signIn({ email: user.email, password: "Brand-new-pass-9" }, client("10.5.5.5")),
    ).resolves.toBeTruthy();
  });

  it("refuses a wrong current password, a mismatch and a weak new password", async () => {
    const user = await makeUser();
    const { session } = await sessionCookie(user.id);
    await expect(
      changeOwnPassword(user.id, session.id, {
        currentPassword: "nope",
        newPassword: "Brand-new-pass-9",
        confirmPassword: "Brand-new-pass-9",
      }),
    ).rejects.toMatchObject({ fieldErrors: { currentPassword: "auth.wrongCurrentPassword" } });
    const mismatch = changePasswordSchema.safeParse({
      currentPassword: "x",
      newPassword: "Brand-new-pass-9",
      confirmPassword: "other",
    });
    expect(mismatch.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ["confirmPassword", "validation.passwordsDiffer"],
    ]);
    const weak = changePasswordSchema.safeParse({
      currentPassword: "x",
      newPassword: "aaaaaaaaaaaa",
      confirmPassword: "aaaaaaaaaaaa",
    });
    expect(weak.error?.issues[0]?.message).toBe("validation.passwordTooWeak");
  });

  it("signs out of all other sessions with one delete, keeping this one", async () => {
    const user = await makeUser();
    const current = await sessionCookie(user.id);
    await sessionCookie(user.id);
    await sessionCookie(user.id);
    expect(await revokeOtherSessions(user.id, current.session.id)).toBe(2);
    const left = await getDb().session.findMany({ where: { userId: user.id } });
    expect(left.map((s) => s.id)).toEqual([current.session.id]);
  });
});
