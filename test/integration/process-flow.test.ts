import { describe, expect, it } from "vitest";
import {
  bottleneckOf,
  compareFlows,
  flowFigures,
  stagesOf,
  trainingWarningOf,
  type FlowStep,
} from "~/modules/processes";
import { layoutFlow, tallestStageHeight } from "~/modules/processes/components/flow-layout";

// The process arithmetic (decision 042) on a hand-computed complaint-handling process.

const step = (id: string, minutes: number, errorRate: number, extra: Partial<FlowStep> = {}) => ({
  id,
  name: `Step ${id}`,
  ownerRole: "Agent",
  tool: "CRM",
  minutes,
  errorRate,
  automated: false,
  parallelWithPrevious: false,
  courseId: null,
  sourceStepId: null,
  ...extra,
});

// As-is: a(10 min, 10 %) → b(30, 0) ‖ c(20, 50 %) → d(5, 0).
//   loads: a 11, b 30, c 30, d 5 → bottleneck b (first of the tie at 30).
//   total 65; critical path 10 + max(30, 20) + 5 = 45.
//   error: 1 − 0.9 × 1 × 0.5 × 1 = 55 %.
const asIs: FlowStep[] = [
  step("a", 10, 10),
  step("b", 30, 0),
  step("c", 20, 50, { parallelWithPrevious: true }),
  step("d", 5, 0),
];

// To-be: a′ automated (from a, 1 min, 0 %), b′ (from b, 30, 0) ‖ d′ (from d, 5, 0, now
// parallel), e new (4, 5 %); c removed.
//   total 40; critical 1 + 30 + 4 = 35; error 5 %; bottleneck b′.
const toBe: FlowStep[] = [
  step("a2", 1, 0, { sourceStepId: "a", automated: true }),
  step("b2", 30, 0, { sourceStepId: "b" }),
  step("d2", 5, 0, { sourceStepId: "d", parallelWithPrevious: true }),
  step("e", 4, 5),
];

describe("process arithmetic", () => {
  it("groups parallel steps into stages, in order", () => {
    expect(stagesOf(asIs).map((stage) => stage.map((s) => s.id))).toEqual([
      ["a"],
      ["b", "c"],
      ["d"],
    ]);
    // The first step's flag has nothing to join.
    expect(stagesOf([step("x", 1, 0, { parallelWithPrevious: true })]).length).toBe(1);
  });

  it("finds the bottleneck by time × (1 + error rate), the earliest on a tie", () => {
    expect(bottleneckOf(asIs)?.id).toBe("b");
    expect(bottleneckOf([step("p", 10, 0), step("q", 8, 30)])?.id).toBe("q");
    expect(bottleneckOf([step("z", 0, 0)])).toBeNull();
    expect(bottleneckOf([])).toBeNull();
  });

  it("adds up total and critical-path time and the expected error rate", () => {
    expect(flowFigures(asIs)).toEqual({
      steps: 4,
      manual: 4,
      automated: 0,
      parallel: 2,
      totalMinutes: 65,
      criticalPathMinutes: 45,
      expectedErrorRate: 55,
      bottleneckStepId: "b",
    });
  });

  it("compares as-is with to-be: removed, added, automated, parallelised", () => {
    const comparison = compareFlows(asIs, toBe);
    expect(comparison.toBe).toMatchObject({
      steps: 4,
      automated: 1,
      totalMinutes: 40,
      criticalPathMinutes: 35,
      expectedErrorRate: 5,
      bottleneckStepId: "b2",
    });
    expect(comparison).toMatchObject({
      stepsRemoved: 1,
      stepsAdded: 1,
      stepsAutomated: 1,
      // d′ now runs beside b′; b′ ran beside c already, so it does not count.
      stepsParallelised: 1,
    });
  });

  it("warns on new or changed steps without training or below 80 % completion", () => {
    const source = asIs[0]!;
    const same = { ...source, id: "s", sourceStepId: "a" };
    expect(trainingWarningOf(same, source, null)).toBeNull();
    const renamed = { ...same, name: "Log the complaint in the new form" };
    expect(trainingWarningOf(renamed, source, null)).toBe("noTraining");
    const trained = { ...renamed, courseId: "course" };
    expect(trainingWarningOf(trained, source, 79.9)).toBe("belowTarget");
    expect(trainingWarningOf(trained, source, null)).toBe("belowTarget");
    expect(trainingWarningOf(trained, source, 80)).toBeNull();
    // A new automated step with no course: nobody to train.
    expect(trainingWarningOf(step("bot", 1, 0, { automated: true }), undefined, null)).toBeNull();
    expect(trainingWarningOf(step("new", 1, 0), undefined, null)).toBe("noTraining");
  });
});

describe("the drawing's box", () => {
  // Steps in stages of the given sizes (the first of a stage sequential, the rest parallel).
  const shaped = (sizes: number[]) =>
    sizes.flatMap((size, stage) =>
      Array.from({ length: size }, (_, k) =>
        step(`s${stage}-${k}`, 5, 0, { parallelWithPrevious: k > 0 }),
      ),
    );

  it("is dagre's height when every stage is centred, and never taller than dagre draws", () => {
    for (const sizes of [[1], [1, 1, 1], [1, 3, 1], [5, 1, 2], [2, 3]]) {
      expect(tallestStageHeight(shaped(sizes)), `${sizes}`).toBe(layoutFlow(shaped(sizes)).height);
    }
    for (const sizes of [
      [2, 2, 2],
      [3, 2, 4, 1],
      [1, 4, 4, 1, 3],
    ]) {
      const height = tallestStageHeight(shaped(sizes));
      expect(height, `${sizes}`).toBeLessThanOrEqual(layoutFlow(shaped(sizes)).height);
      expect(height, `${sizes}`).toBe(Math.max(...sizes) * 64 + (Math.max(...sizes) - 1) * 24 + 32);
    }
    expect(tallestStageHeight([])).toBe(0);
  });
});
