// The rewards catalogue's and redemption queue's forms and filters (decision 034), shared by
// the browser (useSchemaForm) and the server (the routes' actions and loaders).
import { z } from "zod";
import { withIntent, type ActionResult } from "~/lib/actions";
import { checkboxField, optionalString, optionalText, pageField } from "~/lib/fields";
import type { SubjectRecord } from "~/lib/permissions";

export const REDEMPTION_STATUSES = ["PENDING", "FULFILLED", "REJECTED", "CANCELLED"] as const;
export type RedemptionStatusName = (typeof REDEMPTION_STATUSES)[number];

export const REWARD_NAME_MAX = 120;
export const REWARD_DESCRIPTION_MAX = 1000;
export const REWARD_IMAGE_URL_MAX = 2000;
export const REWARD_COST_MAX = 100_000;
export const REWARD_STOCK_MAX = 1_000_000;
export const DECISION_TEXT_MAX = 500;

const id = z.string().trim().min(1, "validation.required").max(40);

/** A whole number typed into a text input, within a range; required. */
const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(1, "validation.required")
    .refine((value) => /^\d+$/.test(value), "validation.wholeNumber")
    .transform(Number)
    .refine((n) => n >= min && n <= max, "validation.outOfRange");

/** Stock: a whole number, or empty for unlimited (null). */
const stockField = optionalString
  .refine((value) => value === "" || /^\d+$/.test(value), "validation.wholeNumber")
  .transform((value) => (value === "" ? null : Number(value)))
  .refine((n) => n === null || n <= REWARD_STOCK_MAX, "validation.outOfRange");

/** An image link: empty, or an https address (the page loads it from the reader's browser). */
const imageUrlField = optionalText(REWARD_IMAGE_URL_MAX).refine((value) => {
  if (value === "") return true;
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname !== "" && !/\s/.test(value);
  } catch {
    return false;
  }
}, "rewards.catalogue.manage.httpsOnly");

export const rewardSchema = z.object({
  name: z.string().trim().min(1, "validation.required").max(REWARD_NAME_MAX, "validation.tooLong"),
  description: optionalText(REWARD_DESCRIPTION_MAX),
  imageUrl: imageUrlField,
  cost: wholeNumber(1, REWARD_COST_MAX),
  stock: stockField,
  active: checkboxField,
});
export type RewardInput = z.output<typeof rewardSchema>;

/** Editing a reward: which one, and the version the form was opened on (updatedAt). */
export const rewardUpdateSchema = rewardSchema.extend({
  id,
  revision: z.iso.datetime(),
});
export type RewardUpdateInput = z.output<typeof rewardUpdateSchema>;

export const rewardManageForms = z.discriminatedUnion("intent", [
  withIntent("create", rewardSchema),
  withIntent("update", rewardUpdateSchema),
]);
export type RewardManageIntent = z.output<typeof rewardManageForms>["intent"];
export type RewardManageActionResult = ActionResult<RewardManageIntent> | undefined;

export const rewardManageQuerySchema = z.object({
  edit: z.string().trim().max(40).optional().catch(undefined),
  page: pageField,
});

/**
 * A request: the reward, and the key the page was loaded with. The same key again (a double
 * click, a resent form) is the same request; the page gets a new key after each request, so a
 * second deliberate request for the same reward is a second request.
 */
export const redemptionRequestSchema = z.object({
  rewardId: id,
  requestKey: z.string().trim().min(8).max(64),
});

export const redemptionRefSchema = z.object({ redemptionId: id });

export const catalogueForms = z.discriminatedUnion("intent", [
  withIntent("request", redemptionRequestSchema),
  withIntent("cancel", redemptionRefSchema),
]);
export type CatalogueIntent = z.output<typeof catalogueForms>["intent"];
export type CatalogueActionResult = ActionResult<CatalogueIntent> | undefined;

export const catalogueQuerySchema = z.object({ page: pageField });

/**
 * Someone's request, not the viewer's: what the queue's permission check asks about, so that
 * staff (whose grant reaches their own requests only) are refused the queue.
 */
export const ANY_PERSONS_REDEMPTION: SubjectRecord = { type: "Redemption", ownerId: null };

/** HR's approval: an optional note for the requester (where to collect it, say). */
export const approveSchema = z.object({
  redemptionId: id,
  note: optionalText(DECISION_TEXT_MAX),
});

/** HR's rejection: the reason is required, the requester reads it. */
export const rejectSchema = z.object({
  redemptionId: id,
  reason: z
    .string()
    .trim()
    .min(1, "rewards.redemptions.reasonRequired")
    .max(DECISION_TEXT_MAX, "validation.tooLong"),
});

export const redemptionQueueForms = z.discriminatedUnion("intent", [
  withIntent("approve", approveSchema),
  withIntent("reject", rejectSchema),
]);
export type RedemptionQueueIntent = z.output<typeof redemptionQueueForms>["intent"];
export type RedemptionQueueActionResult = ActionResult<RedemptionQueueIntent> | undefined;

export const redemptionQueueQuerySchema = z.object({
  status: z.enum(REDEMPTION_STATUSES).optional().catch(undefined),
  decide: z.string().trim().max(40).optional().catch(undefined),
  page: pageField,
});
export type RedemptionQueueQuery = z.output<typeof redemptionQueueQuerySchema>;

/** Why a reward cannot be requested now, if it cannot: shown beside its disabled button. */
export type RequestBlock = "balance" | "stock" | null;

export function requestBlockOf(
  reward: { cost: number; stock: number | null },
  balance: number,
): RequestBlock {
  if (reward.stock !== null && reward.stock <= 0) return "stock";
  if (balance < reward.cost) return "balance";
  return null;
}
