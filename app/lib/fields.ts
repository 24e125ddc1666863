import { z } from "zod";

// Field schemas shared by every form. Messages are i18n keys; the UI translates them.

// Issues without a message of their own also get an i18n key, never zod's English text.
z.config({
  customError: (issue) => {
    if (issue.code === "invalid_type" && issue.input === undefined) return "validation.required";
    if (issue.code === "too_big") return "validation.tooLong";
    if (issue.code === "too_small") return "validation.required";
    return "validation.invalid";
  },
});

export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "validation.required")
  .max(254, "validation.tooLong")
  .email("validation.email");

export const nameField = z
  .string()
  .trim()
  .min(1, "validation.required")
  .max(120, "validation.tooLong");

const COMMON_PASSWORDS = new Set([
  "password123",
  "password1234",
  "1234567890",
  "qwertyuiop",
  "letmein123",
  "welcome123",
  "iloveyou12",
  "abcdefghij",
  "passw0rd12",
  "administrator",
]);

/** A new password: at least 10 characters, two kinds of character, not a common one. */
export const newPasswordField = z
  .string()
  .min(10, "validation.passwordTooShort")
  .max(128, "validation.tooLong")
  .refine((value) => {
    const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(value));
    return kinds.length >= 2 && !COMMON_PASSWORDS.has(value.toLowerCase());
  }, "validation.passwordTooWeak");

export const optionalText = (max: number) =>
  z.string().trim().max(max, "validation.tooLong").default("");

/** An HTML date input value ("" = none) as a Date or null. */
export const optionalDateField = z
  .string()
  .trim()
  .refine((value) => value === "" || /^\d{4}-\d{2}-\d{2}$/.test(value), "validation.date")
  .transform((value) => (value === "" ? null : new Date(`${value}T00:00:00.000Z`)));

export const checkboxField = z
  .union([z.literal("on"), z.literal("true"), z.literal("false"), z.literal(""), z.boolean()])
  .optional()
  .transform((value) => value === true || value === "on" || value === "true");

export const languageField = z.enum(["en", "zh"]);
