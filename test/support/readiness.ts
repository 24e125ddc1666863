import { randomUUID } from "node:crypto";
import { getDb } from "~/lib/db.server";
import type { Principal } from "~/lib/permissions";
import { ADKAR_ELEMENTS, barrierOf } from "~/modules/initiatives";
import { makeDepartment } from "./factories";

// Readiness fixtures: an initiative, pulses and answers inserted straight into PulseResponse
// (the initiatives module owns the table; no person ids, only random respondent keys).

export type Answer = [number, number, number, number, number];

export async function makeInitiative(
  targets: { departmentId: string; includeSubDepartments?: boolean }[],
  data: { surveyWeight?: number; minRespondents?: number } = {},
) {
  return getDb().initiative.create({
    data: {
      name: `Initiative ${randomUUID().slice(0, 6)}`,
      startDate: new Date("2026-08-01T00:00:00Z"),
      status: "ACTIVE",
      surveyWeight: data.surveyWeight ?? 50,
      minRespondents: data.minRespondents ?? 5,
      departments: {
        create: targets.map((target) => ({
          departmentId: target.departmentId,
          includeSubDepartments: target.includeSubDepartments ?? true,
        })),
      },
    },
  });
}

export async function makePulse(
  initiativeId: string,
  data: { title?: string; opensOn?: Date; closesOn?: Date; phaseId?: string } = {},
) {
  const opensOn = data.opensOn ?? new Date(Date.now() - 7 * 86_400_000);
  return getDb().pulse.create({
    data: {
      initiativeId,
      title: data.title ?? "Pulse",
      status: "OPEN",
      opensOn,
      closesOn: data.closesOn ?? new Date(Date.now() + 86_400_000),
      phaseId: data.phaseId ?? null,
      statements: JSON.stringify(Object.fromEntries(ADKAR_ELEMENTS.map((e) => [e, e]))),
    },
  });
}

/** Inserts one PulseResponse per answer (the respondent's own barrier computed as the app does). */
export async function answer(
  pulseId: string,
  departmentId: string,
  answers: readonly Answer[],
  comments: readonly string[] = [],
) {
  await getDb().pulseResponse.createMany({
    data: answers.map((values, index) => {
      const means = Object.fromEntries(ADKAR_ELEMENTS.map((e, i) => [e, values[i]!])) as Record<
        (typeof ADKAR_ELEMENTS)[number],
        number
      >;
      return {
        pulseId,
        respondentKey: randomUUID(),
        departmentId,
        awareness: values[0],
        desire: values[1],
        knowledge: values[2],
        ability: values[3],
        reinforcement: values[4],
        comment: comments[index] ?? "",
        barrier: barrierOf(means) ?? "",
      };
    }),
  });
}

/** `count` identical answers. */
export const same = (count: number, values: Answer = [4, 4, 4, 4, 4]): Answer[] =>
  Array.from({ length: count }, () => values);

export const hr = (id: string): Principal => ({ id, role: "HR", scopeDepartmentIds: [] });
export const manager = (id: string, scope: string[]): Principal => ({
  id,
  role: "MANAGER",
  scopeDepartmentIds: scope,
});

/** Sales (North, South below it) and Support, each a fresh department. */
export async function salesTree() {
  const sales = await makeDepartment({ name: "Sales" });
  const north = await makeDepartment({ name: "Sales North", parentId: sales.id });
  const south = await makeDepartment({ name: "Sales South", parentId: sales.id });
  const support = await makeDepartment({ name: "Support" });
  return { sales, north, south, support };
}
