// What readinessReport and departmentReadiness return (decision 038), browser-safe so the
// pages can type their props. Groups under the floor have `cells: null` and no numbers.
import type { AppPath } from "~/lib/ui/router-anchor";
import type { AdkarElement, Band, ElementMeans, ElementScores, ReadinessEvidence } from "./adkar";
import type { BarrierKey } from "./readiness-rollup";

export interface ReadinessCells {
  respondents: number;
  /** Respondents per active person of the group now, in percent (null without heads). */
  responseRate: number | null;
  means: ElementMeans;
  bands: Record<AdkarElement, Band>;
  /** Element scores from the survey alone, 0–100. */
  survey: ElementScores;
  evidence: ReadinessEvidence;
  /** The blended element scores, 0–100. */
  scores: ElementScores;
  /** The arithmetic mean of the five scores (the readiness score). */
  readiness: number;
  /** The geometric mean, shown as a cross-check. */
  geometric: number;
  barrier: AdkarElement | null;
  disagreements: { element: AdkarElement; survey: number; evidence: number }[];
}

export interface ReadinessRow {
  departmentId: string;
  name: string;
  /** Depth among the rows the viewer sees (0 = top). */
  depth: number;
  hasChildren: boolean;
  /** Null when the group is under the floor or would reveal one by subtraction. */
  cells: ReadinessCells | null;
}

export interface TrendSeries {
  /** A department id, or "company". */
  key: string;
  /** Null for the company row. */
  name: string | null;
  /** Readiness per pulse (in the pulses' order), null where the group is not shown. */
  values: (number | null)[];
}

export interface ReadinessInitiative {
  id: string;
  name: string;
  surveyWeight: number;
  /** The confidentiality floor applied (never below 3). */
  floor: number;
}

export interface ReadinessPulse {
  id: string;
  title: string;
  status: "DRAFT" | "OPEN" | "CLOSED";
  opensOn: Date;
  closesOn: Date;
  phaseId: string | null;
  hasAnswers: boolean;
}

export interface ReadinessReport {
  initiative: ReadinessInitiative;
  asOf: Date;
  /** Every pulse of the initiative, oldest first. */
  pulses: ReadinessPulse[];
  /** The pulse shown: the one asked for, else the latest with answers (null: no pulses). */
  pulseId: string | null;
  phases: { id: string; name: string; startsOn: Date; endsOn: Date }[];
  departmentId: string | null;
  /** The department filter's options: every department the viewer sees, in tree order. */
  departments: { id: string; name: string; depth: number }[];
  /** The whole initiative (HR and admins without a department filter), else null. */
  company: { cells: ReadinessCells | null } | null;
  /** The heat map rows, parents before their children. */
  rows: ReadinessRow[];
  /** Company (if seen) then every row, across `pulses`. */
  trend: TrendSeries[];
}

export interface NextStep {
  element: AdkarElement;
  /** Whether this is the group's barrier point (the first element at 3 or below). */
  barrierPoint: boolean;
  links: { href: AppPath; labelKey: string; params?: Record<string, string> }[];
}

interface DepartmentReadinessBase {
  initiative: ReadinessInitiative;
  asOf: Date;
  department: { id: string; name: string };
  pulses: ReadinessPulse[];
  pulseId: string | null;
  /** The sub-departments' rows (same suppression as the report). */
  children: ReadinessRow[];
}

export type DepartmentReadiness =
  | (DepartmentReadinessBase & { shown: false })
  | (DepartmentReadinessBase & {
      shown: true;
      cells: ReadinessCells;
      elements: {
        element: AdkarElement;
        mean: number;
        band: Band;
        survey: number;
        evidence: number | null;
        score: number;
      }[];
      barrierShares: { barrier: BarrierKey; share: number }[];
      courses: {
        courseId: string;
        title: string;
        enrolled: number;
        completed: number;
        completionPct: number | null;
        quizMean: number | null;
      }[];
      participation: {
        ideas: number;
        votes: number;
        kudos: number;
        headcount: number;
        perHead: number | null;
        score: number | null;
        from: Date;
        to: Date;
      };
      comments: { items: string[]; page: number; pageSize: number; total: number };
      nextSteps: NextStep[];
    });
