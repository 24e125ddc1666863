// Pulse surveys' forms (decision 039), shared by the browser (useSchemaForm) and the server.
import { z } from "zod";
import { withIntent, type ActionResult } from "~/lib/actions";
import { isCalendarDate, optionalText, pageField } from "~/lib/fields";
import { ADKAR_ELEMENTS, ANSWER_MAX, ANSWER_MIN, type AdkarElement } from "./adkar";

export const PULSE_STATUSES = ["DRAFT", "OPEN", "CLOSED"] as const;
export type PulseStatusName = (typeof PULSE_STATUSES)[number];

export const PULSE_TITLE_MAX = 120;
export const STATEMENT_MAX = 300;
export const COMMENT_MAX = 2000;

/**
 * A statement left as the default is stored as this key (decision 039), so each respondent
 * reads it in their own language; a statement HR wrote is stored as typed.
 */
export const DEFAULT_STATEMENT_KEYS: Record<AdkarElement, string> = {
  awareness: "initiatives.pulses.defaults.awareness",
  desire: "initiatives.pulses.defaults.desire",
  knowledge: "initiatives.pulses.defaults.knowledge",
  ability: "initiatives.pulses.defaults.ability",
  reinforcement: "initiatives.pulses.defaults.reinforcement",
};
export type Statements = Record<AdkarElement, string>;

export const isDefaultStatement = (element: AdkarElement, value: string) =>
  value === DEFAULT_STATEMENT_KEYS[element];

/** The statement as a reader sees it: the default's translation, or HR's text. */
export const statementText = (t: (key: string) => string, element: AdkarElement, value: string) =>
  isDefaultStatement(element, value) ? t(value) : value;

/** Parses the JSON column; anything missing falls back to the default key. */
export function parseStatements(json: string): Statements {
  let stored: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(json);
    if (parsed && typeof parsed === "object") stored = parsed as Record<string, unknown>;
  } catch {
    stored = {};
  }
  return Object.fromEntries(
    ADKAR_ELEMENTS.map((element) => {
      const value = stored[element];
      return [
        element,
        typeof value === "string" && value ? value : DEFAULT_STATEMENT_KEYS[element],
      ];
    }),
  ) as Statements;
}

const id = z.string().trim().min(1, "validation.required").max(40);
const dateField = z
  .string()
  .trim()
  .min(1, "validation.required")
  .refine(isCalendarDate, "validation.date");

/** Empty = the default statement. */
const statementFields = Object.fromEntries(
  ADKAR_ELEMENTS.map((element) => [element, optionalText(STATEMENT_MAX)]),
) as Record<AdkarElement, ReturnType<typeof optionalText>>;

export const pulseFieldsSchema = z.object({
  title: z.string().trim().min(1, "validation.required").max(PULSE_TITLE_MAX, "validation.tooLong"),
  phaseId: z.string().trim().max(40).default(""),
  opensOn: dateField,
  closesOn: dateField,
  ...statementFields,
});
export type PulseFields = z.output<typeof pulseFieldsSchema>;

const createShape = pulseFieldsSchema.extend({ createKey: z.string().trim().min(8).max(64) });
const updateShape = pulseFieldsSchema.extend({ pulseId: id });
const refShape = z.object({ pulseId: id });

/** closesOn must come after opensOn (both "YYYY-MM-DD", so they compare as strings). */
function datesInOrder(value: { opensOn?: string; closesOn?: string }, ctx: z.RefinementCtx) {
  if (value.opensOn && value.closesOn && value.closesOn <= value.opensOn) {
    ctx.addIssue({
      code: "custom",
      path: ["closesOn"],
      message: "initiatives.pulses.closesBeforeOpens",
    });
  }
}

export const pulseCreateSchema = withIntent("create", createShape).superRefine(datesInOrder);
export const pulseUpdateSchema = withIntent("update", updateShape).superRefine(datesInOrder);
export type PulseCreateInput = Omit<z.output<typeof pulseCreateSchema>, "intent">;
export type PulseUpdateInput = Omit<z.output<typeof pulseUpdateSchema>, "intent">;

export const pulseForms = z
  .discriminatedUnion("intent", [
    withIntent("create", createShape),
    withIntent("update", updateShape),
    withIntent("open", refShape),
    withIntent("close", refShape),
  ])
  .superRefine((value, ctx) => {
    if (value.intent === "create" || value.intent === "update") datesInOrder(value, ctx);
  });
export type PulseIntent = z.output<typeof pulseForms>["intent"];
export type PulseActionResult = ActionResult<PulseIntent> | undefined;

export const pulseListQuerySchema = z.object({
  edit: z.string().trim().max(40).optional().catch(undefined),
  page: pageField,
});

const answerField = z
  .string()
  .trim()
  .min(1, "initiatives.answer.pick")
  .refine((value) => /^[1-5]$/.test(value), "initiatives.answer.pick")
  .transform(Number)
  .refine((n) => n >= ANSWER_MIN && n <= ANSWER_MAX, "initiatives.answer.pick");

/** One person's answer: 1–5 for each element (radio values are strings), an optional comment. */
export const answerSchema = z.object({
  ...(Object.fromEntries(ADKAR_ELEMENTS.map((element) => [element, answerField])) as Record<
    AdkarElement,
    typeof answerField
  >),
  comment: optionalText(COMMENT_MAX),
});
export type AnswerInput = z.output<typeof answerSchema>;
