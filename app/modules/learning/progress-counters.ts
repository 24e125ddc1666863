// The report counters, one list: their type, zero value, sum and query select derive from it.
// ProgressStat and ProgressTotal hold one column per counter (test/integration/report-counters
// checks the schema against this list).

export const PROGRESS_COUNTERS = [
  "assigned",
  "notStarted",
  "inProgress",
  "completed",
  /** Completed by the due date, or without one. */
  "completedOnTime",
  /** Sum and count of the best quiz scores of everyone who has one. */
  "scoreSum",
  "scoreCount",
  /** Open enrolments past their due date (a subset of not started + in progress). */
  "overdue",
] as const;
export type ProgressCounter = (typeof PROGRESS_COUNTERS)[number];
export type ProgressCounters = Record<ProgressCounter, number>;

export const emptyCounters = (): ProgressCounters =>
  Object.fromEntries(PROGRESS_COUNTERS.map((key) => [key, 0])) as ProgressCounters;

/** Adds `source` into `target`, counter by counter; returns `target`. */
export function addCounters(target: ProgressCounters, source: ProgressCounters): ProgressCounters {
  for (const key of PROGRESS_COUNTERS) target[key] += source[key];
  return target;
}

/** The `_sum` select of an aggregate or groupBy over ProgressStat or ProgressTotal. */
export const counterSums = Object.fromEntries(
  PROGRESS_COUNTERS.map((key) => [key, true]),
) as Record<ProgressCounter, true>;

/** Summed counters as counters: a sum over no rows (or a counter not read) is 0. */
export function countersFromSums(
  sums: Partial<Record<ProgressCounter, number | null>>,
): ProgressCounters {
  return Object.fromEntries(
    PROGRESS_COUNTERS.map((key) => [key, sums[key] ?? 0]),
  ) as ProgressCounters;
}
