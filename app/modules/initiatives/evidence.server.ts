// Readiness evidence (decision 038), read through the other modules' public surfaces: the
// learning module's required-course completion and quiz scores, the ideas board's ideas and
// votes, the incentive board's kudos. Each source is one grouped query, never per department.
import { kudosGivenByDepartment } from "~/modules/incentives/index.server";
import { ideaParticipationByDepartment } from "~/modules/ideas/index.server";
import { requiredCourseEvidence, type CourseEvidenceRow } from "~/modules/learning/index.server";
import { participationScore, type ReadinessEvidence } from "./adkar";
import type { Rollup } from "./readiness-rollup";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Without a phase, participation counts in the 90 days before the pulse closes. */
export const PARTICIPATION_DAYS_WITHOUT_PHASE = 90;

export interface PulseWindowSource {
  closesOn: Date;
  phase: { startsOn: Date; endsOn: Date } | null;
}

/** The participation window of a pulse: its phase (whole days), or the 90 days before it closes. */
export function participationWindow(pulse: PulseWindowSource) {
  if (pulse.phase) {
    return { from: pulse.phase.startsOn, to: new Date(pulse.phase.endsOn.getTime() + DAY_MS) };
  }
  return {
    from: new Date(pulse.closesOn.getTime() - PARTICIPATION_DAYS_WITHOUT_PHASE * DAY_MS),
    to: pulse.closesOn,
  };
}

export interface Participation {
  ideas: number;
  votes: number;
  kudos: number;
}

/** Ideas, votes and kudos per department in a window (two queries, whatever the tree). */
export async function participationByDepartment(from: Date, to: Date) {
  const [ideas, kudos] = await Promise.all([
    ideaParticipationByDepartment(from, to),
    kudosGivenByDepartment(from, to),
  ]);
  const result = new Map<string, Participation>();
  for (const [id, entry] of ideas) result.set(id, { ...entry, kudos: 0 });
  for (const [id, count] of kudos) {
    const entry = result.get(id) ?? { ideas: 0, votes: 0, kudos: 0 };
    entry.kudos += count;
    result.set(id, entry);
  }
  return result;
}

export { requiredCourseEvidence, type CourseEvidenceRow };

/** Numbers per department summed over each node's subtree (a parent includes its children). */
export function rollUpNumbers<K extends string>(
  rollup: Rollup,
  keys: readonly K[],
  own: (departmentId: string) => Partial<Record<K, number>> | undefined,
): Map<string, Record<K, number>> {
  const totals = new Map<string, Record<K, number>>();
  for (const id of rollup.order) {
    const values: Partial<Record<K, number>> = own(id) ?? {};
    totals.set(
      id,
      Object.fromEntries(keys.map((key) => [key, values[key] ?? 0])) as Record<K, number>,
    );
  }
  for (let index = rollup.order.length - 1; index >= 0; index--) {
    const node = rollup.nodes.get(rollup.order[index]!)!;
    if (node.parentId === null) continue;
    const parent = totals.get(node.parentId)!;
    const child = totals.get(node.id)!;
    for (const key of keys) parent[key] += child[key];
  }
  return totals;
}

export const EVIDENCE_KEYS = [
  "total",
  "completed",
  "scoreSum",
  "scoreCount",
  "ideas",
  "votes",
  "kudos",
  "headcount",
] as const;
export type EvidenceCounts = Record<(typeof EVIDENCE_KEYS)[number], number>;

export function emptyEvidenceCounts(): EvidenceCounts {
  return Object.fromEntries(EVIDENCE_KEYS.map((key) => [key, 0])) as EvidenceCounts;
}

/** Participation actions (ideas + votes + kudos) per active head, or null without heads. */
export function actionsPerHead(counts: EvidenceCounts): number | null {
  return counts.headcount > 0
    ? (counts.ideas + counts.votes + counts.kudos) / counts.headcount
    : null;
}

/** The evidence scores (0–100, or null when there is none) of summed counts. */
export function evidenceOf(counts: EvidenceCounts): ReadinessEvidence {
  const perHead = actionsPerHead(counts);
  return {
    knowledge: counts.total > 0 ? (100 * counts.completed) / counts.total : null,
    ability: counts.scoreCount > 0 ? counts.scoreSum / counts.scoreCount : null,
    reinforcement: perHead === null ? null : participationScore(perHead),
  };
}
