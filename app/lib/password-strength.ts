import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary as commonDictionary } from "@zxcvbn-ts/language-common";
import { dictionary as englishDictionary } from "@zxcvbn-ts/language-en";
import { ValidationError } from "./errors";

/*
 * Password strength with zxcvbn-ts: a large common-password list, English words and names,
 * keyboard patterns, dates and sequences. The dictionaries are ~1.6 MB, so this file is
 * never imported by the shared form schemas (fields.ts, which every page's bundle holds):
 * the server checks every new password with it, and the password page loads it on demand
 * for the same message while typing (decision 012).
 */

/** zxcvbn's score, 0–4; 3 means "safely unguessable: moderate protection from offline attacks". */
export const MIN_PASSWORD_SCORE = 3;

// zxcvbn's warnings (its own keys, no translations loaded) → our i18n keys.
const WARNING_KEYS: Record<string, string> = {
  straightRow: "password.warnings.keyboard",
  keyPattern: "password.warnings.keyboard",
  simpleRepeat: "password.warnings.repeat",
  extendedRepeat: "password.warnings.repeat",
  sequences: "password.warnings.sequence",
  recentYears: "password.warnings.dates",
  dates: "password.warnings.dates",
  topTen: "password.warnings.common",
  topHundred: "password.warnings.common",
  common: "password.warnings.common",
  similarToCommon: "password.warnings.similarToCommon",
  wordByItself: "password.warnings.singleWord",
  namesByThemselves: "password.warnings.names",
  commonNames: "password.warnings.names",
  userInputs: "password.warnings.personal",
};
export const GENERIC_WEAK_PASSWORD = "password.warnings.guessable";

let estimator: ZxcvbnFactory | undefined;
function getEstimator() {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...commonDictionary, ...englishDictionary },
    graphs: adjacencyGraphs,
  });
  return estimator;
}

/** Words of the person's own name and e-mail, which a password must not lean on. */
export function personalInputs(person: { name?: string | null; email?: string | null }) {
  const words = [person.name ?? "", person.email ?? ""]
    .flatMap((value) => value.toLowerCase().split(/[^\p{L}\p{N}]+/u))
    .filter((word) => word.length >= 3);
  return [...new Set([...words, "uptake"])];
}

export interface PasswordStrength {
  score: number;
  ok: boolean;
  /** i18n key of the reason, when not ok. */
  reason: string | null;
}

export function passwordStrength(password: string, userInputs: string[] = []): PasswordStrength {
  const result = getEstimator().check(password, userInputs);
  const ok = result.score >= MIN_PASSWORD_SCORE;
  const warning = result.feedback.warning ?? "";
  return {
    score: result.score,
    ok,
    reason: ok ? null : (WARNING_KEYS[warning.replace(/^warnings\./, "")] ?? GENERIC_WEAK_PASSWORD),
  };
}

/** Refuses a guessable password with the reason as the field's error (server side). */
export function assertStrongPassword(
  password: string,
  person: { name?: string | null; email?: string | null },
  field: string,
): void {
  const { ok, reason } = passwordStrength(password, personalInputs(person));
  if (!ok) throw new ValidationError({ [field]: reason ?? GENERIC_WEAK_PASSWORD });
}
