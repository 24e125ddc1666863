import crypto from "node:crypto";
import { addDays, isoDate } from "~/lib/dates";
import { getDb } from "~/lib/db.server";
import type { Principal } from "~/lib/permissions";
import { answerSchema, pulseCreateSchema } from "~/modules/initiatives";
import { createPulse } from "~/modules/initiatives/index.server";

/** Today's UTC midnight, and a day `days` from it as "YYYY-MM-DD". */
export const today = () => new Date(`${isoDate(new Date())}T00:00:00.000Z`);
export const dayFromToday = (days: number) => isoDate(addDays(today(), days));

/** An initiative targeting the departments (with sub-departments), one phase around today. */
export async function makeInitiative(
  departmentIds: string[],
  data: { status?: "PLANNED" | "ACTIVE" | "CLOSED"; startsOn?: Date; endsOn?: Date } = {},
) {
  const startsOn = data.startsOn ?? addDays(today(), -30);
  return getDb().initiative.create({
    data: {
      name: `Initiative ${crypto.randomUUID().slice(0, 6)}`,
      status: data.status ?? "ACTIVE",
      startDate: startsOn,
      departments: {
        create: departmentIds.map((departmentId) => ({
          departmentId,
          includeSubDepartments: true,
        })),
      },
      phases: {
        create: [
          {
            position: 0,
            name: "initiatives.phases.template.rollout",
            startsOn,
            endsOn: data.endsOn ?? addDays(today(), 60),
          },
        ],
      },
    },
    include: { phases: true },
  });
}

export const pulseInput = (fields: Record<string, string> = {}) => {
  const { intent: _intent, ...input } = pulseCreateSchema.parse({
    intent: "create",
    createKey: crypto.randomUUID(),
    title: "First pulse",
    opensOn: dayFromToday(0),
    closesOn: dayFromToday(14),
    ...fields,
  });
  return input;
};

export const answer = (values: Partial<Record<string, string>> = {}) =>
  answerSchema.parse({
    awareness: "4",
    desire: "2",
    knowledge: "3",
    ability: "5",
    reinforcement: "4",
    ...values,
  });

export async function makePulse(
  hr: Principal,
  initiativeId: string,
  fields: Record<string, string> = {},
) {
  return createPulse(hr, initiativeId, pulseInput(fields));
}
