// The CSV of a process's steps, both versions in order (issue 17): one row per step, with
// the figures a reader needs to redo the sums (minutes, error rate, stage, bottleneck).
import type { TFunction } from "i18next";
import type { CsvValue } from "~/lib/csv.server";
import { stagesOf } from "./flow";
import type { ProcessDetail } from "./processes.server";

export function processCsvHeader(t: TFunction): string[] {
  return [
    "version",
    "position",
    "stage",
    "name",
    "ownerRole",
    "tool",
    "minutes",
    "errorRate",
    "automated",
    "parallelWithPrevious",
    "course",
    "completion",
    "bottleneck",
    "trainingWarning",
  ].map((key) => t(`processes.csv.${key}`));
}

export function processCsvRows(detail: ProcessDetail, t: TFunction): CsvValue[][] {
  const versions = [
    { key: "AS_IS", steps: detail.asIs, bottleneck: detail.figures.asIs.bottleneckStepId },
    { key: "TO_BE", steps: detail.toBe, bottleneck: detail.figures.toBe.bottleneckStepId },
  ] as const;
  return versions.flatMap(({ key, steps, bottleneck }) => {
    const stageOf = new Map<string, number>();
    stagesOf(steps).forEach((stage, index) => {
      for (const step of stage) stageOf.set(step.id, index + 1);
    });
    return steps.map((step, index): CsvValue[] => [
      t(`processes.version.${key}`),
      index + 1,
      stageOf.get(step.id) ?? index + 1,
      step.name,
      step.ownerRole,
      step.tool,
      step.minutes,
      step.errorRate,
      step.automated,
      step.parallelWithPrevious,
      step.courseTitle ?? "",
      step.completion === null ? "" : Math.round(step.completion * 10) / 10,
      step.id === bottleneck,
      "warning" in step && step.warning ? t(`processes.warning.${step.warning}`) : "",
    ]);
  });
}
