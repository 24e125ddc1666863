import { z } from "zod";
import { emailField, languageField, newPasswordField } from "~/lib/fields";

export const loginSchema = z.object({
  email: emailField,
  password: z.string().min(1, "validation.required").max(128, "validation.tooLong"),
  redirectTo: z.string().optional(),
});

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "validation.required").max(128, "validation.tooLong"),
    newPassword: newPasswordField,
    confirmPassword: z.string().min(1, "validation.required"),
  })
  .refine((value) => value.newPassword === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "validation.passwordsDiffer",
  })
  .refine((value) => value.newPassword !== value.currentPassword, {
    path: ["newPassword"],
    message: "validation.passwordUnchanged",
  });

export const profileSchema = z.object({
  name: z.string().trim().min(1, "validation.required").max(120, "validation.tooLong"),
  preferredLanguage: z.enum(["", "en", "zh"]).default(""),
});

export const languageSchema = z.object({
  language: languageField,
  redirectTo: z.string().optional(),
});

export type LoginInput = z.infer<typeof loginSchema>;
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
