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

/**
 * A new password: at least 10 characters of two kinds. These cheap rules run in the browser
 * too; whether it is guessable (common passwords, words, names, patterns) is checked on the
 * server by lib/password-strength.ts, whose dictionaries are too large for every page.
 */
export const newPasswordField = z
  .string()
  .min(10, "validation.passwordTooShort")
  .max(128, "validation.tooLong")
  .refine((value) => {
    const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(value));
    return kinds.length >= 2;
  }, "validation.passwordTooWeak");

/**
 * A text field that may be left empty. A field the form hides is absent from the post, and
 * absent means empty, never "required": every optional helper below starts from this.
 */
export const optionalString = z.string().trim().default("");

/** Text up to `max` characters, "" allowed, with no default (a PATCH leaves absent fields alone). */
export const boundedText = (max: number) => z.string().trim().max(max, "validation.tooLong");

export const optionalText = (max: number) => optionalString.pipe(boundedText(max));

/** "YYYY-MM-DD" naming a real calendar day: not 2024-13-01, not 2024-02-31 (no roll-over). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** "YYYY-MM-DD" or "" (none) as a Date or null, with no default. */
export const dateOrEmpty = z
  .string()
  .trim()
  .refine((value) => value === "" || isCalendarDate(value), "validation.date")
  .transform((value) => (value === "" ? null : new Date(`${value}T00:00:00.000Z`)));

/** An HTML date input value ("" or absent = none) as a Date or null. */
export const optionalDateField = optionalString.pipe(dateOrEmpty);

/** A whole number typed into a text input, within a range; "" or absent = none (null). */
export const optionalWholeNumber = (min: number, max: number) =>
  optionalString
    .refine((value) => value === "" || /^\d+$/.test(value), "validation.wholeNumber")
    .transform((value) => (value === "" ? null : Number(value)))
    .refine((n) => n === null || (n >= min && n <= max), "validation.outOfRange");

export const checkboxField = z
  .union([z.literal("on"), z.literal("true"), z.literal("false"), z.literal(""), z.boolean()])
  .optional()
  .transform((value) => value === true || value === "on" || value === "true");

export const languageField = z.enum(["en", "zh"]);

/** The highest page number a list accepts; no list here comes near it. */
export const MAX_PAGE = 100_000;

/**
 * A list's `?page=`: missing or garbage ("abc", "2.5") is page 1, a number out of range is
 * clamped to 1…MAX_PAGE. It never fails, so a bad link still shows the list.
 */
export const pageField = z.coerce
  .number()
  .int()
  .catch(1)
  .transform((page) => Math.min(Math.max(page, 1), MAX_PAGE));
