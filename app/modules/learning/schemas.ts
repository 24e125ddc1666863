import { z } from "zod";
import { checkboxField, optionalDateField, optionalWholeNumber, pageField } from "~/lib/fields";
import { ROLES } from "~/lib/permissions";

export const TARGET_TYPES = ["DEPARTMENT", "ROLE", "JOB_TITLE", "PEOPLE", "ALL"] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

/** The assignment-rule form; cross-field rules say which fields each target needs. */
export const ruleSchema = z
  .object({
    courseId: z.string().trim().min(1, "validation.required"),
    targetType: z.enum(TARGET_TYPES),
    departmentId: z.string().trim().default(""),
    includeSubDepartments: checkboxField,
    role: z.enum(["", ...ROLES]).default(""),
    jobTitle: z.string().trim().max(120, "validation.tooLong").default(""),
    /** Comma-separated user ids (a multi-select's hidden value). */
    userIds: z
      .string()
      .default("")
      .transform((value) => [
        ...new Set(
          value
            .split(",")
            .map((id) => id.trim())
            .filter(Boolean),
        ),
      ]),
    dueMode: z.enum(["DAYS", "DATE"]),
    dueDays: optionalWholeNumber(1, 730),
    dueDate: optionalDateField,
    newHiresOnly: checkboxField,
    hiredAfter: optionalDateField,
    recurrenceMonths: optionalWholeNumber(1, 120),
  })
  .superRefine((rule, ctx) => {
    const need = (path: string, ok: boolean, message = "validation.required") => {
      if (!ok) ctx.addIssue({ code: "custom", path: [path], message });
    };
    if (rule.targetType === "DEPARTMENT") need("departmentId", rule.departmentId !== "");
    if (rule.targetType === "ROLE") need("role", Boolean(rule.role));
    if (rule.targetType === "JOB_TITLE") need("jobTitle", rule.jobTitle !== "");
    if (rule.targetType === "PEOPLE")
      need("userIds", rule.userIds.length > 0, "learning.rule.choosePeople");
    if (rule.dueMode === "DAYS" || rule.newHiresOnly) need("dueDays", rule.dueDays !== null);
    if (rule.dueMode === "DATE" && !rule.newHiresOnly) need("dueDate", rule.dueDate !== null);
  });

export type RuleInput = z.infer<typeof ruleSchema>;

/** A rule as the form would submit it: all staff, due in 30 days, unless `fields` say otherwise. */
export const parseRuleFields = (courseId: string, fields: Record<string, string> = {}) =>
  ruleSchema.parse({
    courseId,
    targetType: "ALL",
    departmentId: "",
    includeSubDepartments: "on",
    role: "",
    jobTitle: "",
    userIds: "",
    dueMode: "DAYS",
    dueDays: "30",
    dueDate: "",
    newHiresOnly: "",
    hiredAfter: "",
    recurrenceMonths: "",
    ...fields,
  });

export const ruleListQuerySchema = z.object({
  page: pageField,
});

/** A learner's answers: option ids or text per question id, nothing else. */
export const attemptAnswersSchema = z
  .object({
    answers: z
      .record(
        z.string().max(40),
        z
          .object({
            optionIds: z.array(z.string().max(40)).max(10).optional(),
            text: z.string().max(200).optional(),
          })
          .strict(),
      )
      .refine((answers) => Object.keys(answers).length <= 500),
  })
  .strict();
