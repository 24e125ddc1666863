// Report arithmetic over the learning module's counters, shared by the server (roll-ups)
// and the components (percentages).
import { percentOf } from "~/lib/numbers";
import type { ProgressCounters } from "~/modules/learning";

export interface DerivedMetrics extends ProgressCounters {
  /** Completed ÷ assigned, one decimal; null when nothing is assigned. */
  completionPct: number | null;
  /** Completed by the due date (or without one) ÷ completed. */
  onTimePct: number | null;
  /** Mean of the best quiz scores of everyone who has one. */
  averageScore: number | null;
}

/** The report tables' metric columns, in order (on screen and in the CSV exports). */
export const METRIC_COLUMNS = [
  "assigned",
  "completed",
  "inProgress",
  "notStarted",
  "overdue",
  "completionPct",
  "onTimePct",
  "averageScore",
] as const;

export function derive(metrics: ProgressCounters): DerivedMetrics {
  return {
    ...metrics,
    completionPct: percentOf(metrics.completed, metrics.assigned, 1),
    onTimePct: percentOf(metrics.completedOnTime, metrics.completed, 1),
    averageScore:
      metrics.scoreCount === 0
        ? null
        : Math.round((metrics.scoreSum / metrics.scoreCount) * 10) / 10,
  };
}
