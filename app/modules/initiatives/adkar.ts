// The ADKAR rules of readiness (decisions 037 and 038), pure so that the browser, the server,
// the benchmark and the tests compute the same numbers.

export const ADKAR_ELEMENTS = [
  "awareness",
  "desire",
  "knowledge",
  "ability",
  "reinforcement",
] as const;
export type AdkarElement = (typeof ADKAR_ELEMENTS)[number];

/** Elements whose score blends the survey with evidence from the product. */
export const EVIDENCE_ELEMENTS = ["knowledge", "ability", "reinforcement"] as const;
export type EvidenceElement = (typeof EVIDENCE_ELEMENTS)[number];

/** Answers are whole numbers from 1 (strongly disagree) to 5 (strongly agree). */
export const ANSWER_MIN = 1;
export const ANSWER_MAX = 5;

/** The confidentiality floor: results show at this many respondents or more. */
export const DEFAULT_MIN_RESPONDENTS = 5;
/** HR may raise the floor, never lower it below this. */
export const LOWEST_MIN_RESPONDENTS = 3;

/** Prosci's rule: an element whose survey mean is at or below this is a barrier. */
export const BARRIER_AT_OR_BELOW = 3;
/** Heat-map bands on the 1–5 scale: ≤ 3.0 barrier, < 4.0 watch, ≥ 4.0 strong. */
export const STRONG_FROM = 4;
export type Band = "barrier" | "watch" | "strong";

export function bandOf(mean: number): Band {
  if (mean <= BARRIER_AT_OR_BELOW) return "barrier";
  return mean < STRONG_FROM ? "watch" : "strong";
}

/** A survey mean (1–5) as a score (0–100): 25 × (mean − 1). */
export function surveyScore(mean: number): number {
  return 25 * (mean - 1);
}

/**
 * An evidence element's score: the survey's share (surveyWeight %, default 50) of the
 * survey score plus the rest of the evidence score (both 0–100). Without evidence (null)
 * the survey stands alone.
 */
export function blendedScore(survey: number, evidence: number | null, surveyWeight: number) {
  if (evidence === null) return survey;
  const weight = surveyWeight / 100;
  return weight * survey + (1 - weight) * evidence;
}

/** Participation per head in a phase that counts as full reinforcement evidence (100). */
export const FULL_PARTICIPATION_PER_HEAD = 2;

/** Ideas, votes and kudos per head in the phase as a 0–100 evidence score (capped). */
export function participationScore(actionsPerHead: number): number {
  return Math.min(100, (100 * actionsPerHead) / FULL_PARTICIPATION_PER_HEAD);
}

export type ElementMeans = Record<AdkarElement, number>;
export type ElementScores = Record<AdkarElement, number>;

/** What the product knows besides the survey, each 0–100, or null when there is none. */
export interface ReadinessEvidence {
  /** Completion of the initiative's required courses, in percent. */
  knowledge: number | null;
  /** The mean best quiz score on those courses, in percent. */
  ability: number | null;
  /** participationScore of ideas, votes and kudos per head in the phase. */
  reinforcement: number | null;
}

/** The five element scores (0–100) from the survey means and the evidence. */
export function elementScores(
  means: ElementMeans,
  evidence: ReadinessEvidence,
  surveyWeight: number,
): ElementScores {
  return {
    awareness: surveyScore(means.awareness),
    desire: surveyScore(means.desire),
    knowledge: blendedScore(surveyScore(means.knowledge), evidence.knowledge, surveyWeight),
    ability: blendedScore(surveyScore(means.ability), evidence.ability, surveyWeight),
    reinforcement: blendedScore(
      surveyScore(means.reinforcement),
      evidence.reinforcement,
      surveyWeight,
    ),
  };
}

/**
 * Overall readiness, 0–100: the arithmetic mean of the five element scores (decision 038:
 * it reads as "the average element", and the barrier already names the weakest one).
 */
export function readinessScore(scores: ElementScores): number {
  return ADKAR_ELEMENTS.reduce((sum, element) => sum + scores[element], 0) / ADKAR_ELEMENTS.length;
}

/**
 * The cross-check shown beside it: the geometric mean, which one weak element pulls down
 * harder. Scores of 0 are taken as 1 so that a single zero does not hide the others.
 */
export function geometricReadiness(scores: ElementScores): number {
  const logs = ADKAR_ELEMENTS.map((element) => Math.log(Math.max(1, scores[element])));
  return Math.exp(logs.reduce((sum, value) => sum + value, 0) / logs.length);
}

/** The barrier point: the first element, in ADKAR order, whose mean is 3 or below. */
export function barrierOf(means: ElementMeans): AdkarElement | null {
  return ADKAR_ELEMENTS.find((element) => means[element] <= BARRIER_AT_OR_BELOW) ?? null;
}

/** Where the survey and the evidence disagree by this much (0–100 points), say so. */
export const DISAGREEMENT_POINTS = 25;

/**
 * Elements whose survey score and evidence differ by DISAGREEMENT_POINTS or more, e.g. a
 * knowledge survey of 4 (75) beside 40 % completion.
 */
export function disagreements(means: ElementMeans, evidence: ReadinessEvidence) {
  return EVIDENCE_ELEMENTS.flatMap((element) => {
    const measured = evidence[element];
    if (measured === null) return [];
    const survey = surveyScore(means[element]);
    return Math.abs(survey - measured) >= DISAGREEMENT_POINTS
      ? [{ element, survey, evidence: measured }]
      : [];
  });
}
