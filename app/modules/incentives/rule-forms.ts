import { z } from "zod";
import { checkboxField } from "~/lib/fields";
import { AWARDABLE_BADGES } from "./badges";
import { EARNING_RULES } from "./earning-rules";

// The forms of /rewards/rules (decision 032): one schema each, parsed by the action and by
// the browser (useSchemaForm).

/** The most points one rule may award. */
export const MAX_RULE_POINTS = 1000;

/** Points typed into a text input: a whole number from 0 to MAX_RULE_POINTS. */
export const rulePointsField = z
  .string()
  .trim()
  .min(1, "validation.required")
  .regex(/^\d+$/, "validation.wholeNumber")
  .transform(Number)
  .pipe(
    z
      .number()
      .int()
      .min(0, "rewards.rules.pointsRange")
      .max(MAX_RULE_POINTS, "rewards.rules.pointsRange"),
  );

/** HR's change of one earning rule: its points and whether it is on. */
export const earningRuleFormSchema = z.object({
  key: z.enum(EARNING_RULES),
  points: rulePointsField,
  active: checkboxField,
});
export type EarningRuleInput = z.output<typeof earningRuleFormSchema>;

/** The confirmed backfill of one earning rule. */
export const backfillFormSchema = z.object({ key: z.enum(EARNING_RULES) });

/** Switching a badge rule on or off. */
export const badgeRuleFormSchema = z.object({
  key: z.enum(AWARDABLE_BADGES),
  active: checkboxField,
});
export type BadgeRuleInput = z.output<typeof badgeRuleFormSchema>;

/**
 * `?edit=<KEY>` opens a rule's editor, `?backfill=<KEY>` the confirmation step of its
 * backfill; anything else opens neither.
 */
export const rulesPageQuerySchema = z.object({
  edit: z.enum(EARNING_RULES).optional().catch(undefined),
  backfill: z.enum(EARNING_RULES).optional().catch(undefined),
});

/** The i18n key of an earning rule's name and of its plain-language description. */
export const earningRuleNameKey = (key: string) => `rewards.rules.${key}.name`;
export const earningRuleDescriptionKey = (key: string) => `rewards.rules.${key}.description`;
