import { z } from "zod";
import {
  checkboxField,
  emailField,
  nameField,
  newPasswordField,
  optionalDateField,
  optionalString,
  optionalText,
  pageField,
} from "~/lib/fields";
import { ROLES } from "~/lib/permissions";

export const departmentCodeField = z
  .string()
  .trim()
  .toUpperCase()
  .min(1, "validation.required")
  .max(20, "validation.tooLong")
  .regex(/^[A-Z0-9_-]+$/, "validation.departmentCode");

// Absent (a form that leaves it out) is the same as "" (top level), never "required".
const parentField = optionalString.transform((value) => (value === "" ? null : value));

export const departmentCreateSchema = z.object({
  name: nameField,
  code: departmentCodeField,
  parentId: parentField,
});

export const departmentRenameSchema = z.object({
  id: z.string().min(1),
  name: nameField,
  code: departmentCodeField,
});

export const departmentMoveSchema = z.object({
  id: z.string().min(1),
  parentId: parentField,
});

export const departmentDeleteSchema = z.object({ id: z.string().min(1) });

export const roleField = z.enum(ROLES, { message: "validation.required" });

const userFields = {
  name: nameField,
  email: emailField,
  role: roleField,
  departmentId: z.string().trim().min(1, "validation.required"),
  jobTitle: optionalText(120),
  hireDate: optionalDateField,
  preferredLanguage: z.enum(["", "en", "zh"]).default(""),
  /** Comma-separated in the form; the departments a manager manages. */
  managedDepartmentIds: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((id) => id.trim())
        .filter(Boolean),
    ),
};

export const userCreateSchema = z.object({
  ...userFields,
  temporaryPassword: newPasswordField,
});

export const userUpdateSchema = z.object({
  ...userFields,
  /** Optional: set a new temporary password the user must change at next sign-in. */
  temporaryPassword: z.union([z.literal(""), newPasswordField]).default(""),
});

export const userActiveSchema = z.object({ active: checkboxField });

export const userListQuerySchema = z.object({
  q: z.string().trim().max(100).catch(""),
  departmentId: z.string().trim().max(40).catch(""),
  role: z.enum(["", ...ROLES]).catch(""),
  status: z.enum(["active", "inactive", "all"]).catch("active"),
  page: pageField,
});

export type DepartmentCreateInput = z.infer<typeof departmentCreateSchema>;
export type UserCreateInput = z.infer<typeof userCreateSchema>;
export type UserUpdateInput = z.infer<typeof userUpdateSchema>;
export type UserListQuery = z.infer<typeof userListQuerySchema>;
