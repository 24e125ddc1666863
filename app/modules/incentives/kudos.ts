// Kudos (decision 033): the rules' numbers and the schemas of the kudos forms and queries,
// shared by the browser (useSchemaForm) and the server.
import { z } from "zod";
import { withIntent } from "~/lib/actions";
import { optionalWholeNumber, pageField } from "~/lib/fields";
import { ROLES } from "~/lib/permissions";

/** Points a person may give each month when HR has set nothing for their role. */
export const DEFAULT_GIVING_ALLOWANCE = 100;
/** The highest monthly allowance HR can set for a role. */
export const MAX_GIVING_ALLOWANCE = 10_000;
/** IncentiveSetting key: the most points two people may exchange in a month, both ways. */
export const PAIR_MONTHLY_CAP_KEY = "kudos.pairMonthlyCap";
export const DEFAULT_PAIR_MONTHLY_CAP = 150;
export const MAX_PAIR_MONTHLY_CAP = 100_000;
/** A pair is flagged to HR once its two-way monthly total reaches this share of the cap. */
export const PAIR_FLAG_SHARE = 0.8;
/** One kudos to the same person per this many days (rolling). */
export const KUDOS_REPEAT_DAYS = 7;
export const KUDOS_MESSAGE_MAX = 500;
export const COMPANY_VALUE_NAME_MAX = 60;

const id = z.string().trim().max(40);

/** The send form. Points may be 0: a thank-you without points (no allowance needed). */
export const kudosSchema = z.object({
  toId: id.min(1, "rewards.kudos.errors.chooseReceiver"),
  message: z
    .string()
    .trim()
    .min(1, "validation.required")
    .max(KUDOS_MESSAGE_MAX, "validation.tooLong"),
  valueId: id.default(""),
  points: optionalWholeNumber(0, MAX_GIVING_ALLOWANCE).transform((points) => points ?? 0),
  /** Made when the page was opened: the same post twice (a double click) is one kudos. */
  submissionKey: z.string().max(64).default(""),
});
export type KudosInput = z.output<typeof kudosSchema>;

/** The wall's filters: the receiver's department, the company value, and the page. */
export const kudosWallQuerySchema = z.object({
  department: id.optional().catch(undefined),
  value: id.optional().catch(undefined),
  /** The send form's receiver, chosen in advance (a "send kudos" link on a profile). */
  to: id.optional().catch(undefined),
  page: pageField,
});
export type KudosWallQuery = z.infer<typeof kudosWallQuerySchema>;

/** A picker's search (the people and department options routes). */
export const kudosPickerQuerySchema = z.object({
  q: z.string().trim().max(100).catch(""),
  page: pageField,
});
export type KudosPickerQuery = z.infer<typeof kudosPickerQuerySchema>;

// ---- HR's kudos settings ----------------------------------------------------------------

const valueName = z
  .string()
  .trim()
  .min(1, "validation.required")
  .max(COMPANY_VALUE_NAME_MAX, "validation.tooLong");
const requiredWholeNumber = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "validation.required")
    .regex(/^\d+$/, "validation.wholeNumber")
    .transform(Number)
    .refine((n) => n <= max, "validation.outOfRange");

export const companyValueCreateSchema = z.object({ name: valueName });
export const companyValueRenameSchema = z.object({ id: id.min(1), name: valueName });
export const companyValueActiveSchema = z.object({
  id: id.min(1),
  active: z.enum(["true", "false"]).transform((value) => value === "true"),
});
export const givingAllowancesSchema = z.object(
  Object.fromEntries(ROLES.map((role) => [role, requiredWholeNumber(MAX_GIVING_ALLOWANCE)])) as {
    [R in (typeof ROLES)[number]]: ReturnType<typeof requiredWholeNumber>;
  },
);
export type GivingAllowancesInput = z.output<typeof givingAllowancesSchema>;
export const pairCapSchema = z.object({ cap: requiredWholeNumber(MAX_PAIR_MONTHLY_CAP) });

/** The settings page's forms, by intent. */
export const kudosSettingsForms = z.discriminatedUnion("intent", [
  withIntent("addValue", companyValueCreateSchema),
  withIntent("renameValue", companyValueRenameSchema),
  withIntent("setValueActive", companyValueActiveSchema),
  withIntent("allowances", givingAllowancesSchema),
  withIntent("pairCap", pairCapSchema),
]);
export type KudosSettingsIntent = z.output<typeof kudosSettingsForms>["intent"];

/** The flagged pairs' month (?month=2026-11); anything else is the current month. */
export const kudosSettingsQuerySchema = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional()
    .catch(undefined),
});

/** The first instant (UTC) of a "YYYY-MM" month. */
export function monthStartOf(month: string): Date {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, monthNumber - 1, 1));
}
