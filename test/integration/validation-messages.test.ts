import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "~/lib/http.server";
import { loginSchema } from "~/modules/account";
import { userCreateSchema } from "~/modules/org";

describe("validation messages", () => {
  it("are i18n keys even where a schema names no message", () => {
    const missing = loginSchema.safeParse({});
    expect(fieldErrorsOf(missing.error!)).toEqual({
      email: "validation.required",
      password: "validation.required",
    });
    const wrongEnum = userCreateSchema.safeParse({
      name: "A",
      email: "a@b.co",
      role: "KING",
      departmentId: "d",
      temporaryPassword: "Good-pass-123",
      preferredLanguage: "fr",
    });
    const errors = fieldErrorsOf(wrongEnum.error!);
    expect(errors.role).toBe("validation.required");
    expect(errors.preferredLanguage).toBe("validation.invalid");
  });
});
