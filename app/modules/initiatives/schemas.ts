// The initiatives module's forms and queries (browser-safe): one zod schema each, parsed by the
// action on the server and checked by useSchemaForm in the browser.
import { z } from "zod";
import { withIntent } from "~/lib/actions";
import {
  checkboxField,
  isCalendarDate,
  optionalDateField,
  optionalText,
  pageField,
} from "~/lib/fields";
import { phaseProblems } from "./phases";

export const INITIATIVE_STATUSES = ["PLANNED", "ACTIVE", "CLOSED"] as const;
export type InitiativeStatusValue = (typeof INITIATIVE_STATUSES)[number];

export const NAME_MAX = 120;
export const GOAL_MAX = 2000;
export const PHASE_NAME_MAX = 80;
export const MAX_PHASES = 12;
export const MAX_TARGETS = 200;

const id = z.string().trim().min(1, "validation.required").max(40);

/** A required "YYYY-MM-DD" (an HTML date input) as a UTC midnight Date. */
export const dateField = z
  .string()
  .trim()
  .min(1, "validation.required")
  .refine(isCalendarDate, "validation.date")
  .transform((value) => new Date(`${value}T00:00:00.000Z`));

export const initiativeSchema = z.object({
  name: z.string().trim().min(1, "validation.required").max(NAME_MAX, "validation.tooLong"),
  goal: optionalText(GOAL_MAX),
  ownerId: z.string().trim().max(40).default(""),
  status: z.enum(INITIATIVE_STATUSES, { message: "validation.required" }),
  startDate: dateField,
});
export type InitiativeInput = z.infer<typeof initiativeSchema>;

export const createInitiativeSchema = initiativeSchema.extend({
  submissionKey: z.string().max(64).optional(),
});

const revision = z.coerce.number().int().min(0);

export const detailsSchema = initiativeSchema.extend({ revision });

export const phaseSchema = z.object({
  /** The phase's id when it exists already ("" for a new one). */
  id: z.string().max(40).default(""),
  name: z.string().trim().min(1, "validation.required").max(PHASE_NAME_MAX, "validation.tooLong"),
  /** The stored name the form started from (a template key stays a key if not renamed). */
  storedName: z.string().max(PHASE_NAME_MAX).default(""),
  startsOn: dateField,
  endsOn: dateField,
});
export type PhaseInput = z.infer<typeof phaseSchema>;

const phasesObject = z.object({
  revision,
  phases: z.array(phaseSchema).min(1, "initiatives.errors.noPhases").max(MAX_PHASES),
});

/** No overlap, each ends on or after it starts: the message next to the phase's date. */
function refinePhases(value: { phases: PhaseInput[] }, ctx: z.RefinementCtx) {
  for (const [index, message] of phaseProblems(value.phases)) {
    const field = message === "initiatives.phases.overlaps" ? "startsOn" : "endsOn";
    ctx.addIssue({ code: "custom", path: ["phases", index, field], message });
  }
}

export const phasesSchema = phasesObject.superRefine(refinePhases);
export type PhasesInput = z.infer<typeof phasesSchema>;

export const targetSchema = z.object({
  departmentId: id,
  includeSubDepartments: checkboxField,
});
export const targetsSchema = z.object({
  revision,
  targets: z
    .array(targetSchema)
    .max(MAX_TARGETS)
    .refine(
      (targets) => new Set(targets.map((t) => t.departmentId)).size === targets.length,
      "initiatives.errors.duplicateTarget",
    ),
});
export type TargetsInput = z.infer<typeof targetsSchema>;

export const addCourseSchema = z.object({ courseId: id, dueDate: optionalDateField });
export type AddCourseInput = z.infer<typeof addCourseSchema>;
export const removeCourseSchema = z.object({ courseId: id });

export const initiativeListQuerySchema = z.object({
  page: pageField,
  status: z.enum(["", ...INITIATIVE_STATUSES]).catch(""),
  q: z.string().trim().max(100).catch(""),
});
export type InitiativeListQuery = z.infer<typeof initiativeListQuerySchema>;

/** A phase name as shown: template names are i18n keys, translated; others as typed. */
export const isPhaseKey = (name: string) => name.startsWith("initiatives.phases.template.");

/** The edit page's forms, one per intent. */
export const initiativeEditForms = z.discriminatedUnion("intent", [
  withIntent("details", detailsSchema),
  withIntent("phases", phasesObject).superRefine(refinePhases),
  withIntent("targets", targetsSchema),
  withIntent("addCourse", addCourseSchema),
  withIntent("removeCourse", removeCourseSchema),
]);
export type InitiativeEditIntent = z.output<typeof initiativeEditForms>["intent"];

/** A picker's query (?q=, ?page=). */
export const pickerQuerySchema = z.object({
  q: z.string().trim().max(100).catch(""),
  page: pageField,
});
