import { z } from "zod";
import { CATEGORIES } from "~/modules/courses";
import { CURRENT_STATUSES } from "~/modules/learning";

const id = z.string().trim().min(1).max(40);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const blankAsUndefined = (value: unknown) => (value === "" ? undefined : value);

/** Statuses a report row can be filtered by (OVERDUE and EXPIRED are derived from dates). */
export const REPORT_STATUSES = CURRENT_STATUSES;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/**
 * The report filters, from the query string. A malformed value is dropped (a hand-edited
 * URL shows the unfiltered report); a department outside the viewer's reach is refused
 * by the module with 403.
 */
export const reportFiltersSchema = z.object({
  course: z.preprocess(blankAsUndefined, id.optional()).catch(undefined),
  category: z.preprocess(blankAsUndefined, z.enum(CATEGORIES).optional()).catch(undefined),
  department: z.preprocess(blankAsUndefined, id.optional()).catch(undefined),
  // Months (UTC) of assignment, inclusive.
  from: z.preprocess(blankAsUndefined, month.optional()).catch(undefined),
  to: z.preprocess(blankAsUndefined, month.optional()).catch(undefined),
  // Include sub-departments (the default) unless sub=0.
  sub: z
    .enum(["0", "1"])
    .catch("1")
    .transform((value) => value === "1"),
  status: z.preprocess(blankAsUndefined, z.enum(REPORT_STATUSES).optional()).catch(undefined),
  q: z.preprocess(blankAsUndefined, z.string().trim().max(100).optional()).catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).catch(1),
});
export type ReportFilters = z.infer<typeof reportFiltersSchema>;

export const EXPORT_TABLES = ["departments", "courses", "enrolments", "person"] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

/** "Send reminder" for one overdue enrolment or all selected ones. */
export const reminderSchema = z.object({
  intent: z.literal("remind"),
  enrolmentIds: z.array(id).min(1, { message: "reports.remind.noneSelected" }).max(200),
});
export type ReminderInput = z.infer<typeof reminderSchema>;

/** HR records a completion made outside the portal (a classroom session, say). */
export const manualCompletionSchema = z.object({
  intent: z.literal("complete"),
  enrolmentId: id,
  note: z.string().trim().min(3).max(500),
});
export type ManualCompletionInput = z.infer<typeof manualCompletionSchema>;

export const personActionSchema = z.discriminatedUnion("intent", [
  reminderSchema,
  manualCompletionSchema,
]);
