// A KPI's status in a department (decision 041): its latest actual against the value the
// target path expects for that period, honouring the direction. Pure: the server stores the
// result beside the latest actual, the pages and tests use the same rule.
export const KPI_DIRECTIONS = ["HIGHER_IS_BETTER", "LOWER_IS_BETTER"] as const;
export type KpiDirectionValue = (typeof KPI_DIRECTIONS)[number];

export const KPI_STATUSES = ["NO_DATA", "NO_TARGET", "ON_TRACK", "AT_RISK", "OFF_TRACK"] as const;
export type KpiStatusValue = (typeof KPI_STATUSES)[number];

/** How far behind the path, as a share of the planned change, still counts as "at risk". */
export const AT_RISK_SHARE = 0.25;
/** With no change planned (hold the baseline), the tolerance is this share of the baseline. */
export const HOLD_TOLERANCE_SHARE = 0.05;

export interface PathPoint {
  on: Date;
  value: number;
}

export interface TargetPlan {
  baselineValue: number | null;
  baselineOn: Date | null;
  targetValue: number | null;
  targetOn: Date | null;
  /** Per-phase targets: the value to reach by the phase's last day. */
  phaseTargets: readonly PathPoint[];
}

/**
 * The target path: the baseline, each phase target and the final target, by date. Empty
 * without a baseline and a target. A phase target after the final target's date is dropped.
 */
export function targetPath(plan: TargetPlan): PathPoint[] {
  const { baselineValue, baselineOn, targetValue, targetOn } = plan;
  if (baselineValue == null || baselineOn == null || targetValue == null) return [];
  const end = targetOn ?? null;
  const points: PathPoint[] = [{ on: baselineOn, value: baselineValue }];
  const phases = [...plan.phaseTargets]
    .filter((p) => p.on > baselineOn && (end == null || p.on < end))
    .sort((a, b) => a.on.getTime() - b.on.getTime());
  points.push(...phases);
  if (end != null && end > baselineOn) points.push({ on: end, value: targetValue });
  else if (phases.length === 0) points.push({ on: baselineOn, value: targetValue });
  return points;
}

/** The value the path expects on `date`: the baseline before it starts, the target after. */
export function expectedOn(path: readonly PathPoint[], date: Date): number | null {
  if (path.length === 0) return null;
  const t = date.getTime();
  if (t <= path[0]!.on.getTime()) return path[0]!.value;
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1]!;
    const b = path[i]!;
    if (t <= b.on.getTime()) {
      const span = b.on.getTime() - a.on.getTime();
      if (span <= 0) return b.value;
      return a.value + ((b.value - a.value) * (t - a.on.getTime())) / span;
    }
  }
  return path[path.length - 1]!.value;
}

/** How much better `value` is than `from`, in the KPI's direction (negative: worse). */
export function gainOver(direction: KpiDirectionValue, from: number, value: number): number {
  return direction === "HIGHER_IS_BETTER" ? value - from : from - value;
}

/**
 * On track: at or better than the path expects. At risk: behind by at most a quarter of the
 * planned change (baseline to target). Off track: further behind. Holding a baseline (target
 * equals baseline): the tolerance is 5 % of the baseline. `epsilon` absorbs rounding.
 */
export function kpiStatus(input: {
  direction: KpiDirectionValue;
  baselineValue: number | null;
  targetValue: number | null;
  expectedValue: number | null;
  latestValue: number | null;
  epsilon?: number;
}): KpiStatusValue {
  const { direction, baselineValue, targetValue, expectedValue, latestValue } = input;
  if (latestValue == null) return "NO_DATA";
  if (baselineValue == null || targetValue == null || expectedValue == null) return "NO_TARGET";
  const epsilon = input.epsilon ?? 1e-9;
  const shortfall = gainOver(direction, latestValue, expectedValue);
  if (shortfall <= epsilon) return "ON_TRACK";
  const planned = Math.abs(targetValue - baselineValue);
  const tolerance =
    planned > epsilon ? planned * AT_RISK_SHARE : Math.abs(baselineValue) * HOLD_TOLERANCE_SHARE;
  return shortfall <= tolerance + epsilon ? "AT_RISK" : "OFF_TRACK";
}

/** Half a unit of the last decimal place kept: differences below it are rounding. */
export function roundingEpsilon(precision: number): number {
  return 0.5 * 10 ** -precision;
}

/** A value rounded to the KPI's precision (what is stored and shown). */
export function roundTo(value: number, precision: number): number {
  const factor = 10 ** precision;
  // Half away from zero, on the magnitude (Math.round alone takes -2.5 to -2).
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * factor)) / factor;
  return rounded === 0 ? 0 : rounded;
}
