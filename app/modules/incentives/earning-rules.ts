// The earning rules (decision 031): what earns points, and the default points. HR changes the
// points and switches rules off (EarningRule rows); a change applies to later awards only.

export const EARNING_RULES = [
  "COURSE_COMPLETED",
  "QUIZ_FIRST_ATTEMPT",
  "QUIZ_PERFECT",
  "IDEA_SUBMITTED",
  "IDEA_ACCEPTED",
  "IDEA_IMPLEMENTED",
  "KUDOS_RECEIVED",
  "PULSE_ANSWERED",
] as const;
export type EarningRuleKey = (typeof EARNING_RULES)[number];

export const DEFAULT_RULE_POINTS: Record<EarningRuleKey, number> = {
  COURSE_COMPLETED: 50,
  QUIZ_FIRST_ATTEMPT: 20,
  QUIZ_PERFECT: 30,
  IDEA_SUBMITTED: 10,
  IDEA_ACCEPTED: 40,
  IDEA_IMPLEMENTED: 100,
  KUDOS_RECEIVED: 5,
  // Says that someone answered a pulse survey, never what (decision 039).
  PULSE_ANSWERED: 10,
};

export const isEarningRule = (value: string): value is EarningRuleKey =>
  (EARNING_RULES as readonly string[]).includes(value);
