import { describe, expect, it } from "vitest";
import { z } from "zod";
import { withIntent } from "~/lib/actions";
import { constraintsFor } from "~/lib/constraints";
import { checkboxField, optionalWholeNumber } from "~/lib/fields";
import {
  changePasswordSchema,
  loginSchema,
  profileSchema,
  secondFactorSchema,
  totpConfirmSchema,
  twoFactorDisableSchema,
} from "~/modules/account";
import {
  departmentCreateSchema,
  departmentMoveSchema,
  departmentRenameSchema,
  userCreateSchema,
  userUpdateSchema,
} from "~/modules/org";

// The HTML constraints the form fields get from their schema (lib/constraints.ts), for the
// real forms of the admin, settings and sign-in pages.

const all = (schema: z.ZodObject) =>
  Object.fromEntries(Object.keys(schema.shape).map((name) => [name, constraintsFor(schema, name)]));

describe("constraints of the pages' forms", () => {
  it("user form: required and lengths as the create and update schemas say", () => {
    const common = {
      name: { required: true, maxLength: 120 },
      email: { required: true, maxLength: 254 },
      role: { required: true },
      departmentId: { required: true },
      jobTitle: { maxLength: 120 },
      hireDate: {},
      preferredLanguage: {},
      managedDepartmentIds: {},
    };
    expect(all(userCreateSchema)).toEqual({
      ...common,
      temporaryPassword: { required: true, minLength: 10, maxLength: 128 },
    });
    // On edit the temporary password may stay empty ("" or a new password: the looser bounds).
    expect(all(userUpdateSchema)).toEqual({ ...common, temporaryPassword: { maxLength: 128 } });
  });

  it("department forms", () => {
    expect(all(departmentCreateSchema)).toEqual({
      name: { required: true, maxLength: 120 },
      code: { required: true, maxLength: 20 },
      parentId: {},
    });
    expect(all(departmentRenameSchema)).toMatchObject({
      name: { required: true, maxLength: 120 },
      code: { required: true, maxLength: 20 },
    });
    expect(constraintsFor(departmentMoveSchema, "parentId")).toEqual({});
  });

  it("sign-in, password, profile and two-factor forms", () => {
    expect(all(loginSchema)).toEqual({
      email: { required: true, maxLength: 254 },
      password: { required: true, maxLength: 128 },
      redirectTo: {},
    });
    // A refined object schema still has its fields' constraints.
    expect(all(changePasswordSchema)).toEqual({
      currentPassword: { required: true, maxLength: 128 },
      newPassword: { required: true, minLength: 10, maxLength: 128 },
      confirmPassword: { required: true },
    });
    expect(all(profileSchema)).toEqual({
      name: { required: true, maxLength: 120 },
      preferredLanguage: {},
    });
    expect(constraintsFor(secondFactorSchema, "code")).toEqual({ required: true, maxLength: 20 });
    // Six digits is a refinement: required (it refuses ""), but no length to give the browser.
    expect(constraintsFor(totpConfirmSchema, "code")).toEqual({ required: true });
    expect(all(twoFactorDisableSchema)).toEqual({
      password: { required: true, maxLength: 128 },
      code: { required: true, maxLength: 20 },
    });
  });

  it("agrees with the schema it came from: required fields refuse '' and absence, others take one", () => {
    for (const schema of [
      userCreateSchema,
      userUpdateSchema,
      departmentCreateSchema,
      loginSchema,
      profileSchema,
      twoFactorDisableSchema,
    ] as z.ZodObject[]) {
      for (const [name, field] of Object.entries(schema.shape)) {
        const takesBlank = field.safeParse("").success || field.safeParse(undefined).success;
        expect(constraintsFor(schema, name).required === true, name).toBe(!takesBlank);
      }
    }
  });
});

describe("how constraints are read from a schema", () => {
  const schema = z
    .object({
      title: z.string().trim().min(3).max(80),
      exactly: z.string().length(6),
      count: z.coerce.number().int().min(1).max(10),
      piped: z.string().trim().default("").pipe(z.string().max(30)),
      either: z.union([z.literal(""), z.string().min(5).max(9)]),
      agreed: z.boolean(),
      box: checkboxField,
      tags: z.array(z.string()),
      wholeNumber: optionalWholeNumber(0, 100),
      optional: z.string().max(10).optional(),
    })
    .refine(() => true);

  it("gives lengths and ranges, and never a minimum of one character (that is `required`)", () => {
    expect(constraintsFor(schema, "title")).toEqual({
      required: true,
      minLength: 3,
      maxLength: 80,
    });
    expect(constraintsFor(schema, "exactly")).toEqual({
      required: true,
      minLength: 6,
      maxLength: 6,
    });
    expect(constraintsFor(schema, "count")).toEqual({ required: true, min: 1, max: 10 });
    expect(constraintsFor(z.object({ n: z.string().min(1) }), "n")).toEqual({ required: true });
  });

  it("reads through pipes, defaults and optionals; a union gives its loosest option", () => {
    expect(constraintsFor(schema, "piped")).toEqual({ maxLength: 30 });
    expect(constraintsFor(schema, "either")).toEqual({ maxLength: 9 });
    expect(constraintsFor(schema, "optional")).toEqual({ maxLength: 10 });
  });

  it("claims nothing for checkboxes, lists, refinements or an unknown field", () => {
    expect(constraintsFor(schema, "agreed")).toEqual({});
    expect(constraintsFor(schema, "box")).toEqual({});
    expect(constraintsFor(schema, "tags")).toEqual({});
    expect(constraintsFor(schema, "wholeNumber")).toEqual({});
    expect(constraintsFor(schema, "nope")).toEqual({});
    expect(constraintsFor(z.string(), "title")).toEqual({});
  });

  it("reads an intent form's schema (withIntent) like the form's own", () => {
    const withOne = withIntent("create", departmentCreateSchema);
    expect(constraintsFor(withOne, "name")).toEqual(constraintsFor(departmentCreateSchema, "name"));
    expect(constraintsFor(withOne, "intent")).toEqual({
      required: true,
      minLength: 6,
      maxLength: 6,
    });
  });
});
