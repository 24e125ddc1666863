// The risk register's rules (decision 043, issue 17 item 5), browser-safe: categories,
// statuses, the score, where a risk sits in the 5 × 5 matrix and when its review is overdue.
import { z } from "zod";
import { optionalDateField, optionalText } from "~/lib/fields";

export const RISK_CATEGORIES = [
  "STAFF_RESISTANCE",
  "TECHNICAL_FAILURE",
  "DATA_LOSS",
  "DATA_LEAK",
  "OTHER",
] as const;
export type RiskCategoryValue = (typeof RISK_CATEGORIES)[number];

export const RISK_STATUSES = ["OPEN", "MITIGATING", "CLOSED"] as const;
export type RiskStatusValue = (typeof RISK_STATUSES)[number];

export const RISK_LEVELS = [1, 2, 3, 4, 5] as const;

/** Likelihood × impact, 1–25. */
export const riskScore = (likelihood: number, impact: number) => likelihood * impact;

/** The band of a score, as the matrix colours it: 1–4 low, 5–9 medium, 10–16 high, 20+ critical. */
export function riskBand(score: number): "low" | "medium" | "high" | "critical" {
  if (score >= 20) return "critical";
  if (score >= 10) return "high";
  if (score >= 5) return "medium";
  return "low";
}

/** A review is overdue once its date has passed (whole UTC days) on a risk not closed. */
export function reviewOverdue(
  risk: { status: RiskStatusValue; nextReviewOn: Date | string | null },
  today: Date,
): boolean {
  if (risk.status === "CLOSED" || !risk.nextReviewOn) return false;
  const due = new Date(risk.nextReviewOn).toISOString().slice(0, 10);
  return due < today.toISOString().slice(0, 10);
}

export const RISK_TITLE_MAX = 120;
export const RISK_TEXT_MAX = 2000;

const level = z.coerce
  .number({ message: "validation.wholeNumber" })
  .int("validation.wholeNumber")
  .min(1, "validation.outOfRange")
  .max(5, "validation.outOfRange");

export const riskSchema = z.object({
  title: z.string().trim().min(1, "validation.required").max(RISK_TITLE_MAX, "validation.tooLong"),
  category: z.enum(RISK_CATEGORIES, { message: "validation.required" }),
  description: optionalText(RISK_TEXT_MAX),
  likelihood: level,
  impact: level,
  mitigation: optionalText(RISK_TEXT_MAX),
  ownerId: z
    .string()
    .trim()
    .max(40)
    .nullish()
    .transform((value) => value || null),
  status: z.enum(RISK_STATUSES).default("OPEN"),
  nextReviewOn: optionalDateField,
});
export type RiskInput = z.output<typeof riskSchema>;

export const createRiskSchema = riskSchema.safeExtend({
  submissionKey: z.string().max(64).optional(),
});
export const updateRiskSchema = riskSchema.safeExtend({ revision: z.coerce.number().int().min(0) });

export const riskParamsSchema = z.object({ riskId: z.string().trim().min(1).max(40) });

export const riskRegisterQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  status: z.enum(["open", "all"]).catch("open"),
  likelihood: z.coerce.number().int().min(1).max(5).optional().catch(undefined),
  impact: z.coerce.number().int().min(1).max(5).optional().catch(undefined),
});

/** The risk page's forms: the edit (with its revision) and the delete. */
export const riskEditForms = z.discriminatedUnion("intent", [
  updateRiskSchema.safeExtend({ intent: z.literal("details") }),
  z.object({ intent: z.literal("delete") }),
]);

/** The live warnings a page shows beside the risks (warnings.server.ts reads them). */
export interface RiskWarnings {
  /** For staff-resistance risks: departments at an awareness or desire barrier (null: n/a). */
  resistance: { departmentId: string; name: string; barrier: string }[] | null;
  /** For data-loss and technical-failure risks: the last verified backup (null: n/a). */
  backup: {
    lastVerifiedAt: string | null;
    intervalHours: number | null;
    ageHours: number | null;
    stale: boolean;
  } | null;
}
