import { describe, expect, it } from "vitest";
import { getLucia } from "~/lib/auth.server";
import { getDb } from "~/lib/db.server";
import { TooManyRequestsError, ValidationError } from "~/lib/errors";
import { getCurrentSession } from "~/lib/session.server";
import {
  changeOwnPassword,
  revokeOtherSessions,
  signIn,
  ADDRESS_WINDOW_MS,
  MAX_FAILURES_PER_ADDRESS,
  PAIR_FREE_FAILURES,
  PAIR_MAX_DELAY_MS,
  pairDelayMs,
} from "~/modules/account/index.server";
import { action as loginAction } from "~/routes/auth/login";
import { changePasswordSchema } from "~/modules/account";
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

  it("an attacker's many failures from elsewhere do not lock the owner out of their own address", async () => {
    const ceo = await makeUser();
    const at = new Date("2026-11-01T10:00:00Z");
    for (let i = 0; i < 30; i++) {
      await signIn(
        { email: ceo.email, password: `guess-${i}` },
        client("198.51.100.66"),
        new Date(at.getTime() + i * 1000),
      ).catch(() => undefined);
    }
    // The attacker's own address is slowed down...
    await expect(
      signIn({ email: ceo.email, password: TEST_PASSWORD }, client("198.51.100.66"), at),
    ).rejects.toBeInstanceOf(TooManyRequestsError);
    // ...the owner, from their address, signs in at once.
    await expect(
      signIn(
        { email: ceo.email, password: TEST_PASSWORD },
        client("10.0.0.1"),
        new Date(at.getTime() + 31_000),
      ),
    ).resolves.toMatchObject({ cookie: expect.stringContaining("uptake_session=") });
  });

  it("delays one account and address progressively, and a success resets the delay", async () => {
    const user = await makeUser();
    const start = new Date("2026-11-05T10:00:00Z");
    let now = start.getTime();
    const attempt = (password: string) =>
      signIn({ email: user.email, password }, client("10.5.0.1"), new Date(now));
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) {
      await expect(attempt("bad")).rejects.toMatchObject({ status: 400 });
    }
    // Each further failure doubles the wait; a try inside the wait is refused (and does
    // not lengthen it), one just after it is checked again.
    const waits: number[] = [];
    for (let failures = PAIR_FREE_FAILURES; failures < PAIR_FREE_FAILURES + 4; failures++) {
      const wait = pairDelayMs(failures);
      waits.push(wait);
      now += wait - 500;
      await expect(attempt(TEST_PASSWORD)).rejects.toMatchObject({
        status: 429,
        messageKey: "auth.throttled",
      });
      now += 500;
      await expect(attempt("bad")).rejects.toMatchObject({ status: 400 });
    }
    expect(waits).toEqual([2000, 4000, 8000, 16000]);
    expect(pairDelayMs(40)).toBe(PAIR_MAX_DELAY_MS);
    now += pairDelayMs(PAIR_FREE_FAILURES + 4);
    await expect(attempt(TEST_PASSWORD)).resolves.toBeTruthy();
    // Counting starts again after a success.
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) {
      await expect(attempt("bad")).rejects.toMatchObject({ status: 400 });
    }
  });

  it("refuses an address spraying many accounts, while others sign in", async () => {
    const victim = await makeUser();
    const at = new Date("2026-11-02T10:00:00Z");
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
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
    // The limit is a window, not a lock-out.
    await expect(
      signIn(
        { email: victim.email, password: TEST_PASSWORD },
        client("10.1.1.1"),
        new Date(at.getTime() + ADDRESS_WINDOW_MS + 1000),
      ),
    ).resolves.toBeTruthy();
  });

  it("counts parallel guesses against each other: at most 3 of 40 from one address are checked", async () => {
    const user = await makeUser();
    const at = new Date("2026-11-04T10:00:00Z");
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        signIn({ email: user.email, password: `guess-${i}` }, client("10.4.0.1"), at),
      ),
    );
    const checked = results.filter(
      (r) =>
        r.status === "rejected" &&
        r.reason instanceof ValidationError &&
        !(r.reason instanceof TooManyRequestsError),
    );
    expect(checked.length).toBeLessThanOrEqual(PAIR_FREE_FAILURES);
    expect(
      results.filter((r) => r.status === "rejected" && r.reason instanceof TooManyRequestsError)
        .length,
    ).toBeGreaterThanOrEqual(40 - PAIR_FREE_FAILURES);
  });

  it("ignores X-Forwarded-For without TRUST_PROXY: rotating it does not escape the delay", async () => {
    const user = await makeUser();
    for (let i = 0; i < PAIR_FREE_FAILURES + 2; i++) {
      const response = await loginAction({
        request: request("/login", {
          form: { email: user.email, password: "bad" },
          headers: { "X-Forwarded-For": `203.0.113.${i}` },
        }),
        params: {},
        context: { clientAddress: "198.51.100.9" },
      });
      const status = (response as { init?: { status?: number } }).init?.status;
      expect(status).toBe(i < PAIR_FREE_FAILURES ? 400 : 429);
    }
    const failures = await getDb().auditEvent.findMany({
      where: { subjectId: user.id, action: "security.signInFailed" },
    });
    expect(failures.map((f) => f.ipAddress)).toEqual(
      Array(PAIR_FREE_FAILURES).fill("198.51.100.9"),
    );
  });

  it("refuses a deactivated account with the right password like a wrong one, and counts it", async () => {
    const user = await makeUser();
    const { cookie, session } = await sessionCookie(user.id);
    await getDb().user.update({ where: { id: user.id }, data: { active: false } });
    const at = new Date("2026-11-06T10:00:00Z");
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) {
      await expect(
        signIn({ email: user.email, password: TEST_PASSWORD }, client("10.6.0.1"), at),
      ).rejects.toMatchObject({ status: 400, messageKey: "auth.invalidCredentials" });
    }
    // They count as failures: the next try from there waits.
    await expect(
      signIn({ email: user.email, password: TEST_PASSWORD }, client("10.6.0.1"), at),
    ).rejects.toBeInstanceOf(TooManyRequestsError);
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
      client("10.5.5.4"),
    );
    expect(
      await getDb().auditEvent.findFirst({
        where: { actorId: user.id, action: "security.passwordChanged" },
      }),
    ).toMatchObject({ ipAddress: "10.5.5.4", userAgent: "test" });
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

  it("accepts exactly one of 10 parallel changes made with the same current password", async () => {
    const user = await makeUser();
    const { session } = await sessionCookie(user.id);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        changeOwnPassword(user.id, session.id, {
          currentPassword: TEST_PASSWORD,
          newPassword: `Parallel-change-${i}-x9`,
          confirmPassword: `Parallel-change-${i}-x9`,
        }),
      ),
    );
    const accepted = results.flatMap((r, i) => (r.status === "fulfilled" ? [i] : []));
    expect(accepted).toHaveLength(1);
    for (const r of results) {
      if (r.status === "rejected") {
        expect(r.reason).toMatchObject({
          fieldErrors: { currentPassword: "auth.wrongCurrentPassword" },
        });
      }
    }
    // The accepted one is the password now; one audit row.
    const winner = `Parallel-change-${accepted[0]}-x9`;
    await expect(
      signIn({ email: user.email, password: winner }, client("10.7.7.7")),
    ).resolves.toBeTruthy();
    expect(
      await getDb().auditEvent.count({
        where: { subjectId: user.id, action: "user.changePassword" },
      }),
    ).toBe(1);
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
