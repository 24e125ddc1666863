// The processes module's forms (browser-safe): one zod schema each, parsed by the action on
// the server and checked by the same form in the browser.
import { z } from "zod";
import { optionalText } from "~/lib/fields";
import { PROCESS_VERSIONS } from "./flow";

export const PROCESS_NAME_MAX = 120;
export const PROCESS_OUTCOME_MAX = 500;
export const STEP_TEXT_MAX = 80;
/** The most steps one version holds: a process map, not a workflow engine. */
export const MAX_STEPS = 60;
/** A step longer than a working month is a typing mistake. */
export const MAX_STEP_MINUTES = 10_000;

const id = z.string().trim().min(1, "validation.required").max(40);
const optionalId = z
  .string()
  .trim()
  .max(40)
  .nullish()
  .transform((value) => value || null);
const revision = z.coerce.number().int().min(0);

/** A decimal typed into a field, with at most two decimals, within [min, max]. */
const decimalField = (min: number, max: number) =>
  z
    .union([z.string(), z.number()])
    .transform((value) => String(value).trim())
    .refine((value) => value !== "", "validation.required")
    .refine((value) => /^\d+(\.\d{1,2})?$/.test(value), "processes.errors.decimal")
    .transform(Number)
    .refine((n) => n >= min && n <= max, "validation.outOfRange");

export const processSchema = z.object({
  name: z.string().trim().min(1, "validation.required").max(PROCESS_NAME_MAX, "validation.tooLong"),
  departmentId: id,
  outcome: optionalText(PROCESS_OUTCOME_MAX),
});
export type ProcessInput = z.output<typeof processSchema>;

export const createProcessSchema = processSchema.safeExtend({
  submissionKey: z.string().max(64).optional(),
});
export const updateProcessSchema = processSchema.safeExtend({ revision });

export const stepSchema = z.object({
  /** The stored step this row edits; absent on a new row. */
  id: optionalId,
  name: z.string().trim().min(1, "validation.required").max(STEP_TEXT_MAX, "validation.tooLong"),
  ownerRole: optionalText(STEP_TEXT_MAX),
  tool: optionalText(STEP_TEXT_MAX),
  minutes: decimalField(0, MAX_STEP_MINUTES),
  errorRate: decimalField(0, 100),
  automated: z.boolean().default(false),
  parallelWithPrevious: z.boolean().default(false),
  courseId: optionalId,
  sourceStepId: optionalId,
});
export type StepInput = z.output<typeof stepSchema>;

/** A whole version's steps in their order, saved together. */
export const saveStepsSchema = z.object({
  version: z.enum(PROCESS_VERSIONS),
  revision,
  steps: z.array(stepSchema).max(MAX_STEPS, "processes.errors.tooManySteps"),
});
export type SaveStepsInput = z.output<typeof saveStepsSchema>;

export const copyToBeSchema = z.object({
  revision,
  /** The to-be version has steps: replace them (the form asked first). */
  replace: z.boolean().default(false),
});

export const processParamsSchema = z.object({ processId: id });
