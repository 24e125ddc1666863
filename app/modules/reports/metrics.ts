// Report arithmetic, shared by the server (roll-ups) and the components (percentages).

export interface Metrics {
  assigned: number;
  completed: number;
  inProgress: number;
  notStarted: number;
  /** Open enrolments past their due date (a subset of not started + in progress). */
  overdue: number;
  completedOnTime: number;
  scoreSum: number;
  scoreCount: number;
}

export const emptyMetrics = (): Metrics => ({
  assigned: 0,
  completed: 0,
  inProgress: 0,
  notStarted: 0,
  overdue: 0,
  completedOnTime: 0,
  scoreSum: 0,
  scoreCount: 0,
});

export function addInto(target: Metrics, source: Metrics): Metrics {
  target.assigned += source.assigned;
  target.completed += source.completed;
  target.inProgress += source.inProgress;
  target.notStarted += source.notStarted;
  target.overdue += source.overdue;
  target.completedOnTime += source.completedOnTime;
  target.scoreSum += source.scoreSum;
  target.scoreCount += source.scoreCount;
  return target;
}

const percent = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 10;

export interface DerivedMetrics extends Metrics {
  /** Completed ÷ assigned, one decimal; null when nothing is assigned. */
  completionPct: number | null;
  /** Completed by the due date (or without one) ÷ completed. */
  onTimePct: number | null;
  /** Mean of the best quiz scores of everyone who has one. */
  averageScore: number | null;
}

export function derive(metrics: Metrics): DerivedMetrics {
  return {
    ...metrics,
    completionPct: percent(metrics.completed, metrics.assigned),
    onTimePct: percent(metrics.completedOnTime, metrics.completed),
    averageScore:
      metrics.scoreCount === 0
        ? null
        : Math.round((metrics.scoreSum / metrics.scoreCount) * 10) / 10,
  };
}
