import { z } from "zod";
import { withIntent, type ActionSuccess } from "~/lib/actions";
import type { ActionFailure } from "~/lib/errors";
import { pageField } from "~/lib/fields";
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
  page: pageField,
});
export type ReportFilters = z.infer<typeof reportFiltersSchema>;

export const EXPORT_TABLES = ["departments", "courses", "enrolments", "person"] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

/** "Send reminder" for one overdue enrolment or all selected ones (a JSON form). */
export const reminderSchema = withIntent(
  "remind",
  z.object({
    enrolmentIds: z.array(id).min(1, { message: "reports.remind.noneSelected" }).max(200),
  }),
);

/** HR records a completion made outside the portal (a classroom session, say; a JSON form). */
export const manualCompletionSchema = withIntent(
  "complete",
  z.object({ enrolmentId: id, note: z.string().trim().min(3).max(500) }),
);

/** The person page's forms by intent (intentAction). */
export const personPageForms = z.discriminatedUnion("intent", [
  reminderSchema,
  manualCompletionSchema,
]);
/** The overdue list's one form, by its intent so its answer says which form it is for. */
export const overduePageForms = z.discriminatedUnion("intent", [reminderSchema]);
export type ReportIntent = z.output<typeof personPageForms>["intent"];

/** A reminder was sent: how many, and how many skipped (already reminded today). */
type RemindSuccess = ActionSuccess<"remind", { sent: number; skipped: number }>;
/** The answer to a reminder form. */
export type ReminderAnswer = RemindSuccess | ActionFailure<"remind">;
/** The person page's answer to one of its forms. */
export type PersonPageAnswer =
  RemindSuccess | ActionSuccess<"complete"> | ActionFailure<ReportIntent>;

/** A report filter picker's search (GET /reports/options): which list, the text, the page. */
export const reportOptionsQuerySchema = z.object({
  kind: z.enum(["department", "course"], "validation.invalid"),
  q: z.string().trim().max(100, "validation.tooLong").default(""),
  page: pageField,
});
export type ReportOptionsQuery = z.infer<typeof reportOptionsQuerySchema>;
