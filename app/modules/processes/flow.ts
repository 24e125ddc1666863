// The arithmetic of a process version (decision 042, issue 17 item 3), pure so that the page,
// the server, the CSV and the tests share it: stages of parallel steps, the bottleneck, total
// and critical-path time, the expected error rate, and the as-is/to-be comparison.

export const PROCESS_VERSIONS = ["AS_IS", "TO_BE"] as const;
export type ProcessVersionValue = (typeof PROCESS_VERSIONS)[number];

/** A step's completion of its course below this share (%) warns on the to-be version. */
export const TRAINED_PCT = 80;

export interface FlowStep {
  id: string;
  name: string;
  ownerRole: string;
  tool: string;
  /** Average time of one pass, in minutes. */
  minutes: number;
  /** Share of passes that go wrong, in % (0–100). */
  errorRate: number;
  automated: boolean;
  /** Runs at the same time as the step before it (ignored on the first step). */
  parallelWithPrevious: boolean;
  courseId: string | null;
  /** On a to-be step: the as-is step it was copied from. */
  sourceStepId: string | null;
}

/**
 * Consecutive steps that run in parallel form one stage; stages run one after another. Steps
 * keep their order (the table's order).
 */
export function stagesOf<T extends Pick<FlowStep, "parallelWithPrevious">>(steps: readonly T[]) {
  const stages: T[][] = [];
  for (const step of steps) {
    const current = stages.at(-1);
    if (current && step.parallelWithPrevious) current.push(step);
    else stages.push([step]);
  }
  return stages;
}

/** Time weighted by rework: a step that often goes wrong costs its time again that often. */
export const stepLoad = (step: Pick<FlowStep, "minutes" | "errorRate">) =>
  step.minutes * (1 + step.errorRate / 100);

/** The step with the largest time × (1 + error rate); the earliest on a tie; none if all 0. */
export function bottleneckOf<T extends FlowStep>(steps: readonly T[]): T | null {
  let worst: T | null = null;
  for (const step of steps) {
    if (stepLoad(step) > (worst ? stepLoad(worst) : 0)) worst = step;
  }
  return worst;
}

const round = (value: number, digits: number) => {
  const factor = 10 ** digits;
  return Math.round((value + Number.EPSILON) * factor) / factor;
};

export interface FlowFigures {
  steps: number;
  manual: number;
  automated: number;
  /** Steps that run beside another step. */
  parallel: number;
  /** Every step's time added up: the work one pass costs (minutes). */
  totalMinutes: number;
  /** The longest step of each stage added up: how long one pass takes end to end (minutes). */
  criticalPathMinutes: number;
  /** The chance (%) that at least one step of a pass goes wrong, steps independent. */
  expectedErrorRate: number;
  bottleneckStepId: string | null;
}

export function flowFigures(steps: readonly FlowStep[]): FlowFigures {
  const stages = stagesOf(steps);
  const automated = steps.filter((step) => step.automated).length;
  const clean = steps.reduce((product, step) => product * (1 - step.errorRate / 100), 1);
  return {
    steps: steps.length,
    manual: steps.length - automated,
    automated,
    parallel: stages.filter((stage) => stage.length > 1).reduce((n, s) => n + s.length, 0),
    totalMinutes: round(
      steps.reduce((sum, step) => sum + step.minutes, 0),
      2,
    ),
    criticalPathMinutes: round(
      stages.reduce((sum, stage) => sum + Math.max(...stage.map((step) => step.minutes)), 0),
      2,
    ),
    expectedErrorRate: round((1 - clean) * 100, 2),
    bottleneckStepId: bottleneckOf(steps)?.id ?? null,
  };
}

/** Whether a to-be step differs from the as-is step it came from in what people do. */
export function stepChanged(step: FlowStep, source: FlowStep | undefined): boolean {
  if (!source) return true;
  return (
    step.name.trim() !== source.name.trim() ||
    step.ownerRole.trim() !== source.ownerRole.trim() ||
    step.tool.trim() !== source.tool.trim() ||
    step.automated !== source.automated
  );
}

export interface FlowComparison {
  asIs: FlowFigures;
  toBe: FlowFigures;
  /** As-is steps no to-be step comes from. */
  stepsRemoved: number;
  /** To-be steps that come from no as-is step. */
  stepsAdded: number;
  /** To-be steps automated whose as-is step was manual. */
  stepsAutomated: number;
  /** To-be steps that run beside another whose as-is step ran alone. */
  stepsParallelised: number;
}

export function compareFlows(asIs: readonly FlowStep[], toBe: readonly FlowStep[]): FlowComparison {
  const sources = new Map(asIs.map((step) => [step.id, step]));
  const ranAlone = new Set(
    stagesOf(asIs)
      .filter((stage) => stage.length === 1)
      .map((stage) => stage[0]!.id),
  );
  const copied = new Set(toBe.map((step) => step.sourceStepId).filter((id) => id !== null));
  const inParallel = new Set(
    stagesOf(toBe)
      .filter((stage) => stage.length > 1)
      .flatMap((stage) => stage.map((step) => step.id)),
  );
  const sourceOf = (step: FlowStep) =>
    step.sourceStepId ? sources.get(step.sourceStepId) : undefined;
  return {
    asIs: flowFigures(asIs),
    toBe: flowFigures(toBe),
    stepsRemoved: asIs.filter((step) => !copied.has(step.id)).length,
    stepsAdded: toBe.filter((step) => !sourceOf(step)).length,
    stepsAutomated: toBe.filter((step) => step.automated && sourceOf(step)?.automated === false)
      .length,
    stepsParallelised: toBe.filter(
      (step) =>
        inParallel.has(step.id) && step.sourceStepId !== null && ranAlone.has(step.sourceStepId),
    ).length,
  };
}

export type TrainingWarning = "noTraining" | "belowTarget";

/**
 * What the to-be version warns of on a step: a new or changed manual step with no course, or
 * any new or changed step whose course is completed by less than TRAINED_PCT of the owning
 * department's enrolled staff (`completion` null: nobody enrolled, which warns too).
 */
export function trainingWarningOf(
  step: FlowStep,
  source: FlowStep | undefined,
  completion: number | null,
): TrainingWarning | null {
  if (!stepChanged(step, source)) return null;
  if (!step.courseId) return step.automated ? null : "noTraining";
  return completion === null || completion < TRAINED_PCT ? "belowTarget" : null;
}
