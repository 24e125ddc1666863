import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import type { Principal, Role } from "~/lib/permissions";
import { createProcessSchema, saveStepsSchema } from "~/modules/processes";
import {
  copyAsIsToToBe,
  createProcess,
  listProcesses,
  processDetail,
  saveSteps,
} from "~/modules/processes/index.server";
import { makeDepartment, makeUser } from "../support/factories";
import { publishedCourse } from "../support/learning";
import { makeInitiative } from "../support/readiness";
import { refusalStatus } from "../support/refusals";

// Process maps (issue 17, decision 042) on the real database: creation once, steps saved in
// order under the revision, the to-be copy, the comparison and the training warnings from
// the owning department's real completion counters, and who may do what.

async function person(role: Role, manages: string[] = []): Promise<Principal> {
  const user = await makeUser({ role, manages });
  return { id: user.id, role, scopeDepartmentIds: manages };
}

async function setting() {
  const service = await makeDepartment({ name: "Service" });
  const desk = await makeDepartment({ name: "Service desk", parentId: service.id });
  const finance = await makeDepartment({ name: "Finance" });
  const initiative = await makeInitiative([{ departmentId: service.id }]);
  const hr = await person("HR");
  const manager = await person("MANAGER", [service.id, desk.id]);
  const outsider = await person("MANAGER", [finance.id]);
  return { service, desk, finance, initiative, hr, manager, outsider };
}

const processForm = (departmentId: string, name = "Complaint handling") =>
  createProcessSchema.parse({ name, departmentId, outcome: "Complaints resolved in a day" });

/** A step row as the form posts it (numbers as typed, or as stored). */
type Row = Record<string, unknown> & { name: string; minutes: string | number };
const stepsForm = (version: "AS_IS" | "TO_BE", revision: number, steps: Row[]) =>
  saveStepsSchema.parse({
    version,
    revision,
    steps: steps.map((step) => ({ errorRate: "0", ...step })),
  });

// Hand-computed in process-flow.test.ts: total 65 min, critical path 45, error rate 55 %.
const COMPLAINT_STEPS: Row[] = [
  { name: "Take the call", minutes: "10", errorRate: "10" },
  { name: "Look up the order", minutes: "30" },
  { name: "Check stock", minutes: "20", errorRate: "50", parallelWithPrevious: true },
  { name: "Reply", minutes: "5" },
];

const revisionOf = async (processId: string) =>
  (await getDb().process.findUniqueOrThrow({ where: { id: processId } })).revision;

describe("processes", () => {
  it("creates a process once per submission and refuses a second one of the same name", async () => {
    const { service, initiative, hr } = await setting();
    const form = processForm(service.id);
    const first = await createProcess(hr, initiative.id, form, { submissionKey: "k1" });
    const again = await createProcess(hr, initiative.id, form, { submissionKey: "k1" });
    expect(again.id).toBe(first.id);
    await expect(
      createProcess(hr, initiative.id, form, { submissionKey: "k2" }),
    ).rejects.toMatchObject({ status: 400, fieldErrors: { name: "processes.errors.nameTaken" } });
    await expect(
      createProcess(hr, initiative.id, processForm("no-such-department", "Returns")),
    ).rejects.toMatchObject({
      fieldErrors: { departmentId: "processes.errors.departmentMissing" },
    });
    expect(await getDb().process.count({ where: { initiativeId: initiative.id } })).toBe(1);
    const audit = await getDb().auditEvent.findFirstOrThrow({
      where: { action: "process.create", subjectId: first.id },
    });
    expect(audit.after).toMatchObject({ name: "Complaint handling", departmentId: service.id });
  });

  it("saves a version's steps in order, keeps ids, refuses a stale revision and bad input", async () => {
    const { service, initiative, hr } = await setting();
    const process = await createProcess(hr, initiative.id, processForm(service.id));
    await saveSteps(hr, process.id, stepsForm("AS_IS", 0, COMPLAINT_STEPS));
    const saved = await getDb().processStep.findMany({
      where: { processId: process.id },
      orderBy: { position: "asc" },
    });
    expect(saved.map((step) => [step.position, step.name, step.parallelWithPrevious])).toEqual([
      [0, "Take the call", false],
      [1, "Look up the order", false],
      [2, "Check stock", true],
      [3, "Reply", false],
    ]);
    // Reordered (Reply first) with the ids kept; the first step's parallel flag is dropped.
    const [call, lookUp, stock, reply] = saved;
    await saveSteps(
      hr,
      process.id,
      stepsForm("AS_IS", 1, [
        { ...reply!, minutes: 5, errorRate: 0, parallelWithPrevious: true },
        { ...call!, minutes: 10, errorRate: 10 },
        { ...lookUp!, minutes: 30, errorRate: 0 },
      ]),
    );
    const reordered = await getDb().processStep.findMany({
      where: { processId: process.id },
      orderBy: { position: "asc" },
    });
    expect(reordered.map((step) => [step.id, step.parallelWithPrevious])).toEqual([
      [reply!.id, false],
      [call!.id, false],
      [lookUp!.id, false],
    ]);
    expect(reordered.some((step) => step.id === stock!.id)).toBe(false);
    // The same form again (revision 1, now 2): refused, nothing changes.
    expect(
      await refusalStatus(() =>
        saveSteps(hr, process.id, stepsForm("AS_IS", 1, [{ name: "Lost", minutes: 1 }])),
      ),
    ).toBe(409);
    // A course that does not exist: the field's error, nothing written.
    await expect(
      saveSteps(
        hr,
        process.id,
        stepsForm("AS_IS", 2, [{ name: "Trained", minutes: 1, courseId: "no-such-course" }]),
      ),
    ).rejects.toMatchObject({
      fieldErrors: { "steps.0.courseId": "processes.errors.courseMissing" },
    });
    expect(await getDb().processStep.count({ where: { processId: process.id } })).toBe(3);
    expect(await revisionOf(process.id)).toBe(2);
    // Bad numbers are refused by the schema, before anything runs.
    const bad = saveStepsSchema.safeParse({
      version: "AS_IS",
      revision: 2,
      steps: [{ name: "x", minutes: "-1", errorRate: "101" }],
    });
    expect(bad.success).toBe(false);
  });

  it("copies as-is to to-be, compares the two and warns where training is missing or short", async () => {
    const { service, desk, initiative, hr } = await setting();
    const trained = await publishedCourse(hr);
    const short = await publishedCourse(hr);
    // Completion counters of the owning department and its sub-department: 9 of 10 (90 %)
    // for one course, 3 of 5 (60 %) for the other.
    await getDb().progressTotal.createMany({
      data: [
        { departmentId: service.id, courseId: trained.id, assigned: 6, completed: 5 },
        { departmentId: desk.id, courseId: trained.id, assigned: 4, completed: 4 },
        { departmentId: desk.id, courseId: short.id, assigned: 5, completed: 3 },
      ],
    });
    const process = await createProcess(hr, initiative.id, processForm(service.id));
    await saveSteps(hr, process.id, stepsForm("AS_IS", 0, COMPLAINT_STEPS));
    await copyAsIsToToBe(hr, process.id, { revision: 1, replace: false });
    expect(
      await refusalStatus(() => copyAsIsToToBe(hr, process.id, { revision: 2, replace: false })),
    ).toBe(409);
    const copied = (await processDetail(hr, process.id)).toBe;
    expect(copied.map((step) => step.name)).toEqual([
      "Take the call",
      "Look up the order",
      "Check stock",
      "Reply",
    ]);
    // To-be: the call logged automatically, stock no longer checked, the reply sent while
    // the order is looked up, and a new follow-up step.
    const [call, lookUp, , reply] = copied;
    const keep = (step: (typeof copied)[number]) => ({
      ...step,
      minutes: step.minutes,
      errorRate: step.errorRate,
    });
    await saveSteps(
      hr,
      process.id,
      stepsForm("TO_BE", 2, [
        {
          ...keep(call!),
          name: "Log the call automatically",
          minutes: 1,
          errorRate: 0,
          automated: true,
        },
        { ...keep(lookUp!), courseId: trained.id },
        { ...keep(reply!), parallelWithPrevious: true, courseId: short.id, tool: "Chat" },
        { name: "Follow up", minutes: "4", errorRate: "5" },
      ]),
    );
    const detail = await processDetail(hr, process.id);
    expect(detail.comparison.asIs).toMatchObject({
      totalMinutes: 65,
      criticalPathMinutes: 45,
      expectedErrorRate: 55,
    });
    expect(detail.comparison.toBe).toMatchObject({
      totalMinutes: 40,
      criticalPathMinutes: 35,
      expectedErrorRate: 5,
      automated: 1,
    });
    expect(detail.comparison).toMatchObject({
      stepsRemoved: 1,
      stepsAdded: 1,
      stepsAutomated: 1,
      stepsParallelised: 1,
    });
    expect(detail.figures.toBe.bottleneckStepId).toBe(detail.toBe[1]!.id);
    expect(
      detail.toBe.map((step) => [step.name, step.courseTitle, step.completion, step.warning]),
    ).toEqual([
      // Changed but automated, no course: nobody to train.
      ["Log the call automatically", null, null, null],
      // Unchanged from the as-is step: no warning, and its course is at 90 %.
      ["Look up the order", trained.title, 90, null],
      // Changed (the tool), its course at 60 %.
      ["Reply", short.title, 60, "belowTarget"],
      // New, manual, untrained.
      ["Follow up", null, null, "noTraining"],
    ]);
    const list = await listProcesses(hr, initiative.id, 1);
    expect(list.rows).toHaveLength(1);
    expect(list.rows[0]).toMatchObject({
      name: "Complaint handling",
      departmentName: "Service",
      asIs: { steps: 4, criticalPathMinutes: 45 },
      toBe: { steps: 4, criticalPathMinutes: 35 },
    });
  });

  it("lets a manager edit their tree's processes only; HR alone creates them", async () => {
    const { service, finance, initiative, hr, manager, outsider } = await setting();
    const process = await createProcess(hr, initiative.id, processForm(service.id));
    await saveSteps(manager, process.id, stepsForm("AS_IS", 0, [{ name: "Answer", minutes: 3 }]));
    expect((await processDetail(manager, process.id)).canUpdate).toBe(true);
    expect(await refusalStatus(() => processDetail(outsider, process.id))).toBe(404);
    expect(
      await refusalStatus(() =>
        saveSteps(outsider, process.id, stepsForm("AS_IS", 1, [{ name: "x", minutes: 1 }])),
      ),
    ).toBe(404);
    expect(
      await refusalStatus(() =>
        createProcess(manager, initiative.id, processForm(service.id, "Returns")),
      ),
    ).toBe(403);
    const employee = await person("EMPLOYEE");
    expect(await refusalStatus(() => processDetail(employee, process.id))).toBe(403);
    // The manager's list holds only their tree's processes.
    await createProcess(hr, initiative.id, processForm(finance.id, "Invoicing"));
    expect((await listProcesses(manager, initiative.id, 1)).rows.map((r) => r.name)).toEqual([
      "Complaint handling",
    ]);
    expect((await listProcesses(hr, initiative.id, 1)).rows).toHaveLength(2);
  });
});
