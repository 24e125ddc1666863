import { z } from "zod";

// A TOTP code (6 digits) or a recovery code (XXXXX-XXXXX); spaces and dashes are ignored.
const codeField = z
  .string()
  .trim()
  .min(1, "validation.required")
  .max(20, "validation.tooLong")
  .refine((value) => /^(\d{6}|[A-Za-z0-9]{10})$/.test(value.replace(/[\s-]/g, "")), {
    message: "twoFactor.invalidCode",
  });

const passwordField = z.string().min(1, "validation.required").max(128, "validation.tooLong");

export const secondFactorSchema = z.object({ code: codeField });

export const totpConfirmSchema = z.object({
  code: z
    .string()
    .trim()
    .refine((value) => /^\d{6}$/.test(value.replace(/\s/g, "")), {
      message: "twoFactor.sixDigits",
    }),
});

export const twoFactorDisableSchema = z.object({ password: passwordField, code: codeField });

/** Re-authentication: a password, or a code for people with a second factor. */
export const reauthSchema = z
  .object({
    password: z.string().max(128, "validation.tooLong").default(""),
    code: z.string().trim().max(20, "validation.tooLong").default(""),
  })
  .refine((value) => value.password !== "" || value.code !== "", {
    path: ["password"],
    message: "validation.required",
  });

export const twoFactorPolicySchema = z.object({
  required: z.enum(["true", "false"]).transform((value) => value === "true"),
});
