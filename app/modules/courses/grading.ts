import { percentOf } from "~/lib/numbers";
import type { QuestionType } from "./schemas";
import type { QuestionOption } from "./snapshot";

export interface GradableQuestion {
  type: QuestionType;
  partialCredit: boolean;
  options: QuestionOption[];
  acceptedAnswers: string[];
}

/**
 * What a learner sends for one question: chosen option ids, or typed text. (A type, not an
 * interface, so a record of answers is a Json column value.)
 */
export type Answer = { optionIds?: string[]; text?: string };

/** Case- and whitespace-insensitive form used to compare short answers. */
export function normaliseAnswer(text: string): string {
  return text.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}

/**
 * Score for one question, 0..1. Multiple choice with partial credit: correct picks minus
 * wrong picks over the number of correct options, never below 0; otherwise all-or-nothing.
 */
export function gradeQuestion(question: GradableQuestion, answer: Answer | undefined): number {
  if (question.type === "SHORT") {
    const given = normaliseAnswer(answer?.text ?? "");
    return given !== "" && question.acceptedAnswers.some((a) => normaliseAnswer(a) === given)
      ? 1
      : 0;
  }
  const chosen = new Set(answer?.optionIds ?? []);
  const correct = question.options.filter((o) => o.correct).map((o) => o.id);
  if (question.type !== "MULTIPLE") {
    return chosen.size === 1 && correct.includes([...chosen][0]!) ? 1 : 0;
  }
  const right = correct.filter((id) => chosen.has(id)).length;
  const wrong = [...chosen].filter((id) => !correct.includes(id)).length;
  if (!question.partialCredit) return right === correct.length && wrong === 0 ? 1 : 0;
  return Math.max(0, (right - wrong) / correct.length);
}

/** Percentage score for a set of graded questions, rounded to one decimal. */
export function percentScore(scores: number[]): number {
  const earned = scores.reduce((a, b) => a + b, 0);
  return percentOf(earned, scores.length, 1) ?? 0;
}
