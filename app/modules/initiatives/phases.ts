// Phases of an initiative: whole UTC days, both ends included, in order, never overlapping.
import { addDays } from "~/lib/dates";

export interface PhaseDates {
  name: string;
  startsOn: Date;
  endsOn: Date;
}

/** The programme's template: analysis and design (months 1–3), rollout (4–6), monitoring (7–9). */
export const DEFAULT_PHASE_NAMES = [
  "initiatives.phases.template.analysis",
  "initiatives.phases.template.rollout",
  "initiatives.phases.template.monitoring",
] as const;

const addMonths = (date: Date, months: number) => {
  const next = new Date(date);
  next.setUTCMonth(next.getUTCMonth() + months);
  return next;
};

/** The three default phases from a start date, each three calendar months long. */
export function defaultPhases(startDate: Date, names: readonly string[] = DEFAULT_PHASE_NAMES) {
  return names.map((name, index) => ({
    name,
    startsOn: addMonths(startDate, index * 3),
    endsOn: addDays(addMonths(startDate, (index + 1) * 3), -1),
  }));
}

/** Why a list of phases is refused, per phase index, or none when it is valid. */
export function phaseProblems(phases: readonly PhaseDates[]): Map<number, string> {
  const problems = new Map<number, string>();
  phases.forEach((phase, index) => {
    if (phase.endsOn < phase.startsOn) problems.set(index, "initiatives.phases.endsBeforeStart");
    const previous = phases[index - 1];
    if (previous && phase.startsOn <= previous.endsOn)
      problems.set(index, "initiatives.phases.overlaps");
  });
  return problems;
}

/** The phase a day falls in, if any. */
export function phaseOn<P extends PhaseDates>(phases: readonly P[], day: Date): P | undefined {
  return phases.find((phase) => phase.startsOn <= day && day <= phase.endsOn);
}
