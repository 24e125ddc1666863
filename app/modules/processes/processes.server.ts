// Process maps (decision 042, issue 17): the processes of an initiative and their as-is and
// to-be steps. HR creates and deletes them; a manager edits those their tree owns. Steps of
// a version are saved together, in order, in one transaction guarded by the revision.
import { recordAudit } from "~/lib/audit-log.server";
import { createOnce, keyOf } from "~/lib/create-once.server";
import { getDb, isUniqueViolation, type DbTx } from "~/lib/db.server";
import { withDescendants } from "~/lib/department-tree";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "~/lib/errors";
import { paginate } from "~/lib/pagination.server";
import { can, visibility, type Action, type Principal } from "~/lib/permissions";
import { courseSummaries } from "~/modules/courses/index.server";
import { requireInitiative } from "~/modules/initiatives/index.server";
import { completionInDepartments } from "~/modules/learning/index.server";
import { departmentNames } from "~/modules/org/index.server";
import {
  compareFlows,
  flowFigures,
  trainingWarningOf,
  type FlowStep,
  type ProcessVersionValue,
} from "./flow";
import type { ProcessInput, SaveStepsInput } from "./schemas";

const SUBJECT = "Process";
export const PROCESS_PAGE_SIZE = 25;

const stepSelect = {
  id: true,
  version: true,
  position: true,
  name: true,
  ownerRole: true,
  tool: true,
  minutes: true,
  errorRate: true,
  automated: true,
  parallelWithPrevious: true,
  courseId: true,
  sourceStepId: true,
} as const;

/** The departments whose processes the viewer may `action`: "all" or ids. */
function processReach(viewer: Principal, action: Action): "all" | string[] {
  const reach = visibility(viewer, action, SUBJECT);
  if (reach.kind === "all") return "all";
  return reach.kind === "departments" ? reach.departmentIds : [];
}

/**
 * The process if the viewer may `action` it: 403 without the grant; 404 when it does not
 * exist or lies outside a manager's tree (its existence does not leak); 403 when they may
 * read it but not `action` it.
 */
export async function requireProcess(
  viewer: Principal,
  processId: string,
  action: Action = "read",
) {
  if (!can(viewer, action === "read" ? "read" : action, SUBJECT)) throw new ForbiddenError();
  const process = await getDb().process.findUnique({ where: { id: processId } });
  if (!process) throw new NotFoundError();
  const record = { type: SUBJECT, departmentId: process.departmentId } as const;
  if (!can(viewer, "read", record)) throw new NotFoundError();
  if (!can(viewer, action, record)) throw new ForbiddenError();
  return process;
}

async function assertDepartment(departmentId: string) {
  const known = (await departmentNames()).some((department) => department.id === departmentId);
  if (!known) throw new ValidationError({ departmentId: "processes.errors.departmentMissing" });
}

const nameTaken = () => new ValidationError({ name: "processes.errors.nameTaken" });

/** Creates a process (no steps yet). The same submission twice is the one process. */
export async function createProcess(
  actor: Principal,
  initiativeId: string,
  input: ProcessInput,
  options: { submissionKey?: string } = {},
) {
  await requireInitiative(actor, initiativeId, "create", SUBJECT);
  await assertDepartment(input.departmentId);
  const createKey = options.submissionKey
    ? keyOf("process", actor.id, options.submissionKey)
    : null;
  const holder = async () =>
    createKey ? getDb().process.findUnique({ where: { createKey } }) : null;
  try {
    return await createOnce(
      () =>
        getDb().$transaction(async (tx) => {
          const process = await tx.process.create({
            data: { ...input, initiativeId, createKey, createdById: actor.id },
          });
          await recordAudit(tx, {
            actorId: actor.id,
            action: "process.create",
            subjectType: "Process",
            subjectId: process.id,
            after: { initiativeId, ...input },
          });
          return process;
        }),
      holder,
    );
  } catch (error) {
    // Not the same submission: another process of the initiative has the name.
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

async function claimRevision(tx: DbTx, processId: string, revision: number, data: object = {}) {
  const { count } = await tx.process.updateMany({
    where: { id: processId, revision },
    data: { ...data, revision: { increment: 1 } },
  });
  if (count === 0) throw new ConflictError("processes.errors.stale");
}

/** Edits name, owning department and outcome. A manager may not move it out of their tree. */
export async function updateProcess(
  actor: Principal,
  processId: string,
  input: ProcessInput & { revision: number },
) {
  const process = await requireProcess(actor, processId, "update");
  const { revision, ...data } = input;
  if (!can(actor, "update", { type: SUBJECT, departmentId: data.departmentId }))
    throw new ValidationError({ departmentId: "processes.errors.departmentOutsideTree" });
  await assertDepartment(data.departmentId);
  try {
    await getDb().$transaction(async (tx) => {
      await claimRevision(tx, processId, revision, data);
      await recordAudit(tx, {
        actorId: actor.id,
        action: "process.update",
        subjectType: "Process",
        subjectId: processId,
        before: {
          name: process.name,
          departmentId: process.departmentId,
          outcome: process.outcome,
        },
        after: data,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

export async function deleteProcess(actor: Principal, processId: string) {
  const process = await requireProcess(actor, processId, "delete");
  await getDb().$transaction(async (tx) => {
    await tx.process.delete({ where: { id: processId } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "process.delete",
      subjectType: "Process",
      subjectId: processId,
      before: { name: process.name, departmentId: process.departmentId },
    });
  });
  return process.initiativeId;
}

const auditStep = (step: Pick<FlowStep, "name" | "minutes" | "errorRate" | "automated">) => ({
  name: step.name,
  minutes: step.minutes,
  errorRate: step.errorRate,
  automated: step.automated,
});

/**
 * Saves one version's steps as listed, in that order: rows with a stored id keep it (so the
 * to-be steps copied from them stay linked), others are new, the missing ones are removed.
 * A to-be step copied from a removed as-is step becomes a new step.
 */
export async function saveSteps(actor: Principal, processId: string, input: SaveStepsInput) {
  await requireProcess(actor, processId, "update");
  const db = getDb();
  const courseIds = [...new Set(input.steps.flatMap((step) => step.courseId ?? []))];
  const [courses, stored] = await Promise.all([
    courseSummaries(courseIds),
    db.processStep.findMany({ where: { processId }, select: stepSelect }),
  ]);
  const errors: Record<string, string> = {};
  input.steps.forEach((step, index) => {
    if (step.courseId && !courses.has(step.courseId))
      errors[`steps.${index}.courseId`] = "processes.errors.courseMissing";
  });
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  const own = new Set(stored.filter((s) => s.version === input.version).map((s) => s.id));
  const asIsIds = new Set(stored.filter((s) => s.version === "AS_IS").map((s) => s.id));
  const rows = input.steps.map((step, position) => ({
    ...(step.id && own.has(step.id) ? { id: step.id } : {}),
    processId,
    version: input.version,
    position,
    name: step.name,
    ownerRole: step.ownerRole,
    tool: step.tool,
    minutes: step.minutes,
    errorRate: step.errorRate,
    automated: step.automated,
    parallelWithPrevious: position > 0 && step.parallelWithPrevious,
    courseId: step.courseId,
    sourceStepId:
      input.version === "TO_BE" && step.sourceStepId && asIsIds.has(step.sourceStepId)
        ? step.sourceStepId
        : null,
  }));
  const kept = new Set(rows.flatMap((row) => row.id ?? []));
  const removed = [...own].filter((id) => !kept.has(id));
  await db.$transaction(async (tx) => {
    await claimRevision(tx, processId, input.revision);
    await tx.processStep.deleteMany({ where: { processId, version: input.version } });
    if (rows.length > 0) await tx.processStep.createMany({ data: rows });
    if (input.version === "AS_IS" && removed.length > 0)
      await tx.processStep.updateMany({
        where: { processId, version: "TO_BE", sourceStepId: { in: removed } },
        data: { sourceStepId: null },
      });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "process.steps.save",
      subjectType: "Process",
      subjectId: processId,
      before: {
        version: input.version,
        steps: stored.filter((s) => s.version === input.version).map(auditStep),
      },
      after: { version: input.version, steps: rows.map(auditStep) },
    });
  });
}

/**
 * Starts the to-be version as a copy of the as-is one, each step linked to its original. When
 * the to-be version has steps already, only with `replace` (the page asks first).
 */
export async function copyAsIsToToBe(
  actor: Principal,
  processId: string,
  input: { revision: number; replace: boolean },
) {
  await requireProcess(actor, processId, "update");
  const db = getDb();
  const steps = await db.processStep.findMany({
    where: { processId },
    select: stepSelect,
    orderBy: { position: "asc" },
  });
  const asIs = steps.filter((step) => step.version === "AS_IS");
  const toBe = steps.filter((step) => step.version === "TO_BE");
  if (asIs.length === 0) throw new ConflictError("processes.errors.nothingToCopy");
  if (toBe.length > 0 && !input.replace) throw new ConflictError("processes.errors.toBeNotEmpty");
  await db.$transaction(async (tx) => {
    await claimRevision(tx, processId, input.revision);
    await tx.processStep.deleteMany({ where: { processId, version: "TO_BE" } });
    await tx.processStep.createMany({
      data: asIs.map(({ id, version: _version, ...step }) => ({
        ...step,
        processId,
        version: "TO_BE" as const,
        sourceStepId: id,
      })),
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "process.copy_to_be",
      subjectType: "Process",
      subjectId: processId,
      before: { steps: toBe.length },
      after: { steps: asIs.length },
    });
  });
}

/** One page of an initiative's processes the viewer may read, with each version's figures. */
export async function listProcesses(viewer: Principal, initiativeId: string, page: number) {
  const initiative = await requireInitiative(viewer, initiativeId, "read", SUBJECT);
  const reach = processReach(viewer, "read");
  const where = {
    initiativeId,
    ...(reach === "all" ? {} : { departmentId: { in: reach } }),
  };
  const { skip, take, summary } = paginate(page, PROCESS_PAGE_SIZE);
  const db = getDb();
  const [total, processes, nodes] = await Promise.all([
    db.process.count({ where }),
    db.process.findMany({
      where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip,
      take,
      select: { id: true, name: true, departmentId: true, outcome: true },
    }),
    departmentNames(),
  ]);
  const steps =
    processes.length === 0
      ? []
      : await db.processStep.findMany({
          where: { processId: { in: processes.map((p) => p.id) } },
          select: { ...stepSelect, processId: true },
          orderBy: { position: "asc" },
        });
  const names = new Map(nodes.map((d) => [d.id, d.name]));
  const versionOf = (processId: string, version: ProcessVersionValue) =>
    steps.filter((step) => step.processId === processId && step.version === version);
  return {
    initiative: { id: initiative.id, name: initiative.name },
    page: summary(total),
    canCreate: can(viewer, "create", SUBJECT),
    rows: processes.map((process) => {
      const comparison = compareFlows(
        versionOf(process.id, "AS_IS"),
        versionOf(process.id, "TO_BE"),
      );
      return {
        ...process,
        departmentName: names.get(process.departmentId) ?? "",
        asIs: comparison.asIs,
        toBe: comparison.toBe,
      };
    }),
  };
}
export type ProcessList = Awaited<ReturnType<typeof listProcesses>>;

/**
 * A process with both versions, their figures and comparison, each linked course's title and
 * completion in the owning department (and below it), and the to-be version's training
 * warnings. A fixed number of queries whatever the number of steps.
 */
export async function processDetail(viewer: Principal, processId: string) {
  const process = await requireProcess(viewer, processId, "read");
  const db = getDb();
  const [steps, nodes] = await Promise.all([
    db.processStep.findMany({
      where: { processId },
      select: stepSelect,
      orderBy: { position: "asc" },
    }),
    departmentNames(),
  ]);
  const courseIds = [...new Set(steps.flatMap((step) => step.courseId ?? []))];
  const [courses, completion] = await Promise.all([
    courseSummaries(courseIds),
    completionInDepartments(courseIds, withDescendants(nodes, [process.departmentId])),
  ]);
  const completionOf = (courseId: string | null) => {
    const totals = courseId ? completion.get(courseId) : undefined;
    return totals && totals.assigned > 0 ? (totals.completed / totals.assigned) * 100 : null;
  };
  const asIs = steps.filter((step) => step.version === "AS_IS");
  const toBe = steps.filter((step) => step.version === "TO_BE");
  const sources = new Map(asIs.map((step) => [step.id, step]));
  const view = (step: (typeof steps)[number]) => ({
    ...step,
    courseTitle: step.courseId ? (courses.get(step.courseId)?.title ?? null) : null,
    completion: completionOf(step.courseId),
  });
  const canUpdate = can(viewer, "update", { type: SUBJECT, departmentId: process.departmentId });
  return {
    process: {
      ...process,
      departmentName: nodes.find((d) => d.id === process.departmentId)?.name ?? "",
    },
    asIs: asIs.map(view),
    toBe: toBe.map((step) => ({
      ...view(step),
      warning: trainingWarningOf(
        step,
        step.sourceStepId ? sources.get(step.sourceStepId) : undefined,
        completionOf(step.courseId),
      ),
    })),
    figures: { asIs: flowFigures(asIs), toBe: flowFigures(toBe) },
    comparison: compareFlows(asIs, toBe),
    canUpdate,
    canDelete: can(viewer, "delete", { type: SUBJECT, departmentId: process.departmentId }),
  };
}
export type ProcessDetail = Awaited<ReturnType<typeof processDetail>>;
