// HR's ledger (decision 036): the filters, the adjustment form and the privacy form, shared by
// the browser (useSchemaForm) and the server.
import { z } from "zod";
import { withIntent } from "~/lib/actions";
import { checkboxField } from "~/lib/fields";
import type { SubjectRecord } from "~/lib/permissions";
import { EARNING_RULES } from "./earning-rules";

/**
 * Anyone's points, not one's own: a record without an owner passes only an "any" grant, so
 * employees (Points read "self") get 403 on HR's ledger, its export and adjustments.
 */
export const ANYONES_POINTS: SubjectRecord = { type: "Points", ownerId: null };

export const POINTS_KINDS = ["EARNED", "SPENT", "HELD", "RELEASED", "ADJUSTMENT"] as const;
export type PointsKindName = (typeof POINTS_KINDS)[number];

/** The ledger's source type of HR's corrections. */
export const ADJUSTMENT_SOURCE = "ADJUSTMENT";

/** The source types the filter offers (labels: rewards.ledger.sources.*). */
export const LEDGER_SOURCE_TYPES = [
  ...EARNING_RULES,
  "KUDOS",
  "REDEMPTION",
  ADJUSTMENT_SOURCE,
] as const;

export const MAX_ADJUSTMENT = 100_000;
export const ADJUSTMENT_REASON_MAX = 500;

const id = z.string().trim().max(40);

/** "+25", "−10": a signed amount as people read it (a real minus sign). */
export const signedPoints = (points: number) =>
  points > 0 ? `+${points}` : points < 0 ? `\u2212${-points}` : "0";

/** HR's correction: a non-zero whole number of points, with the reason the person is told. */
export const adjustmentSchema = z.object({
  userId: id.min(1, "rewards.ledger.errors.choosePerson"),
  points: z
    .string()
    .trim()
    .min(1, "validation.required")
    .regex(/^[-\u2212+]?\d{1,7}$/, "validation.wholeNumber")
    .transform((value) => Number(value.replace("\u2212", "-")))
    .refine((points) => points !== 0, "rewards.ledger.errors.zero")
    .refine((points) => Math.abs(points) <= MAX_ADJUSTMENT, "validation.outOfRange"),
  reason: z
    .string()
    .trim()
    .min(1, "validation.required")
    .max(ADJUSTMENT_REASON_MAX, "validation.tooLong"),
  /** Made when the page was opened: the same post twice (a double click) is one entry. */
  submissionKey: z.string().max(64).default(""),
});
export type AdjustmentInput = z.output<typeof adjustmentSchema>;

/** The settings page's "hide me from public leaderboards" form. */
export const leaderboardPrivacySchema = withIntent(
  "leaderboardPrivacy",
  z.object({ hidden: checkboxField }),
);
