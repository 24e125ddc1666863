import { describe, expect, it } from "vitest";
import en from "~/locales/en.json";
import zh from "~/locales/zh.json";
import { changePasswordSchema } from "~/modules/account";
import { changeOwnPassword } from "~/modules/account/index.server";
import { passwordStrength, personalInputs } from "~/lib/password-strength";
import { makeUser, sessionCookie, TEST_PASSWORD } from "../support/factories";

const lookup = (messages: unknown, key: string) =>
  key
    .split(".")
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages);

describe("password strength (zxcvbn)", () => {
  it.each([
    "Password12",
    "Uptake2026!",
    "Welcome2024!",
    "Qwerty12345",
    "Passw0rd!!",
    "aaaaaaaaaaaa",
  ])("refuses %j with a reason in both languages", (password) => {
    const result = passwordStrength(password, personalInputs({}));
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/^password\.warnings\./);
    expect(typeof lookup(en, result.reason!)).toBe("string");
    expect(typeof lookup(zh, result.reason!)).toBe("string");
  });

  it.each(["velvet tundra oboe paprika", "Brand-new-pass-9", "marble-orchid-canyon-47"])(
    "accepts %j",
    (password) => {
      expect(passwordStrength(password).ok).toBe(true);
    },
  );

  it("counts the person's name and e-mail against the password", () => {
    const person = { name: "Rosalind Featherstonehaugh", email: "rfeather@example.test" };
    const password = "Featherstonehaugh7";
    expect(passwordStrength(password).ok).toBe(true);
    expect(passwordStrength(password, personalInputs(person))).toMatchObject({
      ok: false,
      reason: "password.warnings.personal",
    });
  });

  it("a password change refuses a guessable new password next to the field", async () => {
    const user = await makeUser();
    const { session } = await sessionCookie(user.id);
    for (const weak of ["Password12", "Uptake2026!"]) {
      // The browser's cheap rules let it through; the server does not.
      const input = changePasswordSchema.parse({
        currentPassword: TEST_PASSWORD,
        newPassword: weak,
        confirmPassword: weak,
      });
      await expect(changeOwnPassword(user.id, session.id, input)).rejects.toMatchObject({
        status: 400,
        fieldErrors: { newPassword: expect.stringMatching(/^password\.warnings\./) },
      });
    }
    const good = "velvet tundra oboe paprika";
    await expect(
      changeOwnPassword(user.id, session.id, {
        currentPassword: TEST_PASSWORD,
        newPassword: good,
        confirmPassword: good,
      }),
    ).resolves.toBeUndefined();
  });
});
