// The kpis module's forms and queries (browser-safe): one zod schema each, parsed by the action
// on the server and checked by useSchemaForm in the browser. Schemas that depend on a KPI (its
// range, its period) are made from it, the same way on both sides.
import { z } from "zod";
import { withIntent } from "~/lib/actions";
import { optionalDateField, optionalString, optionalText, pageField } from "~/lib/fields";
import { KPI_PERIODS, parsePeriod, type KpiPeriodValue } from "./periods";
import { KPI_DIRECTIONS, KPI_STATUSES, roundTo } from "./status";

export const KPI_NAME_MAX = 120;
export const KPI_UNIT_MAX = 40;
export const KPI_DESCRIPTION_MAX = 1000;
export const KPI_MAX_PRECISION = 4;
/** Values beyond this magnitude are typing mistakes, whatever the KPI. */
export const KPI_VALUE_LIMIT = 1e12;

const id = z.string().trim().min(1, "validation.required").max(40);
const revision = z.coerce.number().int().min(0);

/** A number typed into a text field ("4.2", "-3", "1e3" refused); "" or absent = none (null). */
export const optionalNumberField = optionalString
  .refine((value) => value === "" || /^-?\d+(\.\d+)?$/.test(value), "kpis.errors.number")
  .transform((value) => (value === "" ? null : Number(value)))
  .refine((n) => n === null || Math.abs(n) <= KPI_VALUE_LIMIT, "validation.outOfRange");

const requiredNumberField = optionalNumberField.refine((n) => n !== null, "validation.required");

export const kpiDefinitionSchema = z
  .object({
    template: z.string().trim().max(40).default(""),
    name: z.string().trim().min(1, "validation.required").max(KPI_NAME_MAX, "validation.tooLong"),
    /** The stored name the form started from (a template's key stays a key if not renamed). */
    storedName: z.string().max(KPI_NAME_MAX).default(""),
    unit: optionalText(KPI_UNIT_MAX),
    storedUnit: z.string().max(KPI_UNIT_MAX).default(""),
    direction: z.enum(KPI_DIRECTIONS, { message: "validation.required" }),
    precision: z.coerce
      .number({ message: "validation.wholeNumber" })
      .int("validation.wholeNumber")
      .min(0, "validation.outOfRange")
      .max(KPI_MAX_PRECISION, "validation.outOfRange"),
    period: z.enum(KPI_PERIODS, { message: "validation.required" }),
    minValue: optionalNumberField,
    maxValue: optionalNumberField,
    description: optionalText(KPI_DESCRIPTION_MAX),
    storedDescription: z.string().max(KPI_DESCRIPTION_MAX).default(""),
    initiativeId: z.string().trim().max(40).default(""),
  })
  .superRefine((value, ctx) => {
    if (value.minValue !== null && value.maxValue !== null && value.minValue >= value.maxValue)
      ctx.addIssue({ code: "custom", path: ["maxValue"], message: "kpis.errors.maxNotAboveMin" });
  });
export type KpiDefinitionInput = z.output<typeof kpiDefinitionSchema>;

export const createKpiSchema = kpiDefinitionSchema.safeExtend({
  submissionKey: z.string().max(64).optional(),
});
export const updateKpiSchema = kpiDefinitionSchema.safeExtend({ revision });

/** What a value must satisfy for one KPI (its range and precision). */
export interface KpiValueRules {
  minValue: number | null;
  maxValue: number | null;
  precision: number;
}

/** A value of this KPI: a number within its range, rounded to its precision. */
function valueIn(rules: KpiValueRules, field: typeof optionalNumberField) {
  return field
    .refine(
      (n) => n === null || rules.minValue === null || n >= rules.minValue,
      "kpis.errors.belowMin",
    )
    .refine(
      (n) => n === null || rules.maxValue === null || n <= rules.maxValue,
      "kpis.errors.aboveMax",
    )
    .transform((n) => (n === null ? null : roundTo(n, rules.precision)));
}

export const KPI_MAX_PHASE_TARGETS = 12;

/** A template's texts are stored as their i18n keys while unchanged. */
export const isKpiTemplateKey = (text: string) => text.startsWith("kpis.templates.");

/** A department's plan: baseline, target and the per-phase targets (empty ones are none). */
export function departmentPlanSchema(rules: KpiValueRules) {
  return z
    .object({
      departmentId: id,
      baselineValue: valueIn(rules, optionalNumberField),
      baselineOn: optionalDateField,
      targetValue: valueIn(rules, optionalNumberField),
      targetOn: optionalDateField,
      phaseTargets: z
        .array(z.object({ phaseId: id, value: valueIn(rules, optionalNumberField) }))
        .max(KPI_MAX_PHASE_TARGETS)
        .default([]),
    })
    .superRefine((value, ctx) => {
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: "custom", path: [path], message });
      if ((value.baselineValue === null) !== (value.baselineOn === null))
        issue(
          value.baselineValue === null ? "baselineValue" : "baselineOn",
          "kpis.errors.baselinePair",
        );
      if (value.targetValue !== null && value.baselineValue === null)
        issue("baselineValue", "kpis.errors.targetNeedsBaseline");
      if (value.targetOn !== null && value.targetValue === null)
        issue("targetValue", "validation.required");
      if (value.targetOn && value.baselineOn && value.targetOn <= value.baselineOn)
        issue("targetOn", "kpis.errors.targetBeforeBaseline");
    });
}
export type DepartmentPlanInput = z.output<ReturnType<typeof departmentPlanSchema>>;

export const addDepartmentsSchema = z.object({
  departmentIds: z.array(id).min(1, "kpis.errors.noDepartments").max(500),
});
export const removeDepartmentSchema = z.object({ departmentId: id });
export const archiveKpiSchema = z.object({
  revision,
  archived: z.enum(["true", "false"]).transform((value) => value === "true"),
});

/** The KPI page's forms (definition, departments, plans, archive). */
export function kpiEditForms(rules: KpiValueRules) {
  return z.discriminatedUnion("intent", [
    withIntent("details", updateKpiSchema),
    withIntent("addDepartments", addDepartmentsSchema),
    withIntent("removeDepartment", removeDepartmentSchema),
    withIntent("plan", departmentPlanSchema(rules)),
    withIntent("archive", archiveKpiSchema),
  ]);
}

/** One actual: the period as written ("2026-03", "2026-W10" or a day) and its value. */
export function actualSchema(rules: KpiValueRules & { period: KpiPeriodValue }) {
  return z.object({
    period: z
      .string()
      .trim()
      .min(1, "validation.required")
      .max(20)
      .refine(
        (text) => parsePeriod(text, rules.period) !== null,
        `kpis.errors.period.${rules.period}`,
      )
      .transform((text) => parsePeriod(text, rules.period)!),
    value: valueIn(rules, requiredNumberField).transform((n) => n!),
  });
}
export type ActualInput = z.output<ReturnType<typeof actualSchema>>;

export const deleteActualSchema = z.object({ periodStart: z.string().trim().min(1).max(30) });

export function actualForms(rules: KpiValueRules & { period: KpiPeriodValue }) {
  return z.discriminatedUnion("intent", [
    withIntent("set", actualSchema(rules)),
    withIntent("delete", deleteActualSchema),
  ]);
}

/** The company board's filters (?kpi=, ?department=, ?status=, ?page=); garbage is ignored. */
export const boardQuerySchema = z.object({
  kpi: z.string().trim().max(40).catch(""),
  department: z.string().trim().max(40).catch(""),
  status: z.enum(["", ...KPI_STATUSES]).catch(""),
  page: pageField,
});
export type BoardQuery = z.output<typeof boardQuerySchema>;

/** The KPI list's filters. */
export const kpiListQuerySchema = z.object({
  archived: z.enum(["", "1"]).catch(""),
  page: pageField,
});

/** The KPI department page's query: the actuals page and the period being corrected (?edit=). */
export const kpiDepartmentQuerySchema = z.object({
  page: pageField,
  edit: z.string().trim().max(20).catch(""),
});
