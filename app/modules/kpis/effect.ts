// The effect table of an initiative (decision 041, issue 16 item 5), the browser-safe part:
// the groups (finished training or not), the direction-aware means per group and the
// plain-language summary, shared by the server, the page, the CSV and the tests.
import type { TFunction } from "i18next";
import { z } from "zod";
import type { AdkarElement } from "~/modules/initiatives";
import type { KpiPeriodValue } from "./periods";
import { gainOver, roundTo, type KpiDirectionValue, type KpiStatusValue } from "./status";
import { kpiText } from "./texts";

/** A department "finished training" at this share (%) of its required-course enrolments. */
export const FINISHED_TRAINING_PCT = 80;

export const EFFECT_GROUPS = ["finished", "others"] as const;
export type EffectGroup = (typeof EFFECT_GROUPS)[number];

export const effectParamsSchema = z.object({ initiativeId: z.string().trim().min(1).max(40) });

/** Departments without enrolments (completion null) have not finished training either. */
export function effectGroupOf(completion: number | null): EffectGroup {
  return completion !== null && completion >= FINISHED_TRAINING_PCT ? "finished" : "others";
}

export interface EffectKpi {
  id: string;
  name: string;
  unit: string;
  precision: number;
  direction: KpiDirectionValue;
}

/** One KPI in one department: baseline, latest, and the change between them. */
export interface EffectCell {
  baselineValue: number | null;
  latestValue: number | null;
  latestPeriod: Date | null;
  /** Latest − baseline, rounded to the KPI's precision; null without both. */
  change: number | null;
  /** The change for the better in the KPI's direction (negative: worse). */
  gain: number | null;
  /** Whether the change is for the better (+1), worse (−1) or none (0). */
  sense: -1 | 0 | 1;
  status: KpiStatusValue;
}

export function effectCellOf(
  kpi: EffectKpi,
  pair: {
    baselineValue: number | null;
    latestValue: number | null;
    latestPeriod: Date | null;
    status: KpiStatusValue;
  },
): EffectCell {
  const { baselineValue, latestValue } = pair;
  const both = baselineValue !== null && latestValue !== null;
  const change = both ? roundTo(latestValue - baselineValue, kpi.precision) : null;
  const gain = both
    ? roundTo(gainOver(kpi.direction, baselineValue, latestValue), kpi.precision)
    : null;
  return {
    baselineValue,
    latestValue,
    latestPeriod: pair.latestPeriod,
    change,
    gain,
    sense: gain === null || gain === 0 ? 0 : gain > 0 ? 1 : -1,
    status: pair.status,
  };
}

export interface EffectGroupMean {
  /** Departments of the group with a baseline and a latest value for the KPI. */
  departments: number;
  /** The mean improvement (direction-aware), in the KPI's unit and precision. */
  meanGain: number | null;
  /** The mean raw change (latest − baseline). */
  meanChange: number | null;
}

export interface EffectKpiSummary {
  kpi: EffectKpi;
  groups: Record<EffectGroup, EffectGroupMean>;
}

/** The means per group of one KPI over the departments' cells (those without data skipped). */
export function effectSummaryOf(
  kpi: EffectKpi,
  cells: readonly { group: EffectGroup; cell: EffectCell | undefined }[],
): EffectKpiSummary {
  const mean = (group: EffectGroup): EffectGroupMean => {
    const withData = cells.filter(
      (entry) => entry.group === group && entry.cell && entry.cell.change !== null,
    );
    if (withData.length === 0) return { departments: 0, meanGain: null, meanChange: null };
    const sum = (pick: (cell: EffectCell) => number) =>
      withData.reduce((total, entry) => total + pick(entry.cell!), 0);
    return {
      departments: withData.length,
      meanGain: roundTo(sum((cell) => cell.gain!) / withData.length, kpi.precision),
      meanChange: roundTo(sum((cell) => cell.change!) / withData.length, kpi.precision),
    };
  };
  return { kpi, groups: { finished: mean("finished"), others: mean("others") } };
}

/** One department of the effect table. */
export interface EffectRow {
  departmentId: string;
  name: string;
  /** Depth among the rows the viewer sees (0 = top). */
  depth: number;
  /** Required-course completion (%), with sub-departments; null when nobody is enrolled. */
  completion: number | null;
  /** The latest answered pulse's readiness; null under the floor or without answers. */
  readiness: { score: number; barrier: AdkarElement | null } | null;
  group: EffectGroup;
  /** Per KPI id that applies to the department. */
  cells: Record<string, EffectCell>;
}

/** What initiativeEffect answers (typed here so the page can use it). */
export interface InitiativeEffect {
  initiative: { id: string; name: string };
  /** The confidentiality floor of the initiative's survey. */
  floor: number;
  pulse: { id: string; title: string; closesOn: Date } | null;
  requiredCourses: number;
  kpis: (EffectKpi & { period: KpiPeriodValue })[];
  summaries: EffectKpiSummary[];
  rows: EffectRow[];
}

/** A KPI's stored text: a template's i18n key is translated, anything else shown as typed. */
/** A value with the KPI's decimals. */
export function fixedDecimals(value: number, precision: number): string {
  return value.toFixed(precision);
}

/** A magnitude with its unit ("0.45 points (1–5)", "12 %"). */
function amountOf(t: TFunction, kpi: EffectKpi, value: number): string {
  const unit = kpiText(t, kpi.unit);
  const number = fixedDecimals(Math.abs(value), kpi.precision);
  return unit ? `${number} ${unit}` : number;
}

const senseKey = (value: number) => (value > 0 ? "improved" : value < 0 ? "worsened" : "unchanged");

/**
 * One sentence per KPI: how the departments that finished training moved it on average,
 * against the others; says so when a group (or both) has no data.
 */
export function effectSummaryText(t: TFunction, summary: EffectKpiSummary): string {
  const k = (key: string, params: Record<string, unknown> = {}) =>
    t(`kpis.effect.summary.${key}`, params);
  const kpi = kpiText(t, summary.kpi.name);
  const { finished, others } = summary.groups;
  if (finished.meanGain === null && others.meanGain === null) return k("noData", { kpi });
  const first =
    finished.meanGain === null
      ? k("finishedNoData", { kpi })
      : k(`finished.${senseKey(finished.meanGain)}`, {
          kpi,
          amount: amountOf(t, summary.kpi, finished.meanGain),
          count: finished.departments,
        });
  let second: string;
  if (others.meanGain === null) second = k("othersNoData");
  else {
    // "the others by Y" reads well only when both groups moved the same way.
    const same =
      finished.meanGain !== null &&
      others.meanGain !== 0 &&
      Math.sign(finished.meanGain) === Math.sign(others.meanGain);
    second = k(same ? "others.same" : `others.${senseKey(others.meanGain)}`, {
      amount: amountOf(t, summary.kpi, others.meanGain),
      count: others.departments,
    });
  }
  return k("sentence", { first, second });
}
