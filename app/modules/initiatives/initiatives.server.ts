// Initiatives (decision 040): create from the template, edit details, phases and targets; the
// list and the overview data. Every change is audited in its own transaction and bumps the
// revision, so a form saved over a newer version is refused.
import { createOnce, keyOf } from "~/lib/create-once.server";
import { getDb, type DbTx, type Prisma } from "~/lib/db.server";
import { raise } from "~/lib/domain-events.server";
import { ConflictError, ForbiddenError, ValidationError } from "~/lib/errors";
import { storedTemplateText } from "~/lib/i18n.server";
import { paginate } from "~/lib/pagination.server";
import { can, type Principal } from "~/lib/permissions";
import { containsText } from "~/lib/text-search.server";
import { recordAudit } from "~/modules/audit/index.server";
import { departmentNames, isActivePerson, personNames } from "~/modules/org/index.server";
import { initiativesInReach } from "./access.server";
import { defaultPhases } from "./phases";
import { syncCourseRules } from "./required-courses.server";
import {
  isPhaseKey,
  type InitiativeInput,
  type InitiativeListQuery,
  type PhasesInput,
  type TargetsInput,
} from "./schemas";

export const INITIATIVE_PAGE_SIZE = 20;

async function assertOwner(ownerId: string) {
  if (ownerId && !(await isActivePerson(ownerId)))
    throw new ValidationError({ ownerId: "initiatives.errors.ownerMissing" });
}

/**
 * Creates an initiative with the three template phases (their names stored as i18n keys,
 * shown in each reader's language). The same submission twice is the one initiative.
 */
export async function createInitiative(
  actor: Principal,
  input: InitiativeInput,
  options: { submissionKey?: string } = {},
) {
  if (!can(actor, "create", "Initiative")) throw new ForbiddenError();
  await assertOwner(input.ownerId);
  const createKey = options.submissionKey
    ? keyOf("initiative", actor.id, options.submissionKey)
    : null;
  return createOnce(
    () =>
      getDb().$transaction(async (tx) => {
        const phases = defaultPhases(input.startDate);
        const initiative = await tx.initiative.create({
          data: {
            name: input.name,
            goal: input.goal,
            ownerId: input.ownerId || null,
            status: input.status,
            startDate: input.startDate,
            createKey,
            createdById: actor.id,
            phases: { create: phases.map((phase, position) => ({ ...phase, position })) },
          },
        });
        await recordAudit(tx, {
          actorId: actor.id,
          action: "initiative.create",
          subjectType: "Initiative",
          subjectId: initiative.id,
          after: {
            ...input,
            startDate: input.startDate.toISOString(),
            phases: phases.map((p) => ({
              ...p,
              startsOn: p.startsOn.toISOString(),
              endsOn: p.endsOn.toISOString(),
            })),
          },
        });
        return initiative;
      }),
    async () => (createKey ? getDb().initiative.findUnique({ where: { createKey } }) : null),
  );
}

/** Bumps the revision the form was opened at; refused (nothing written) when it moved on. */
async function claimRevision(
  tx: DbTx,
  initiativeId: string,
  revision: number,
  data: Prisma.InitiativeUpdateManyMutationInput = {},
) {
  const { count } = await tx.initiative.updateMany({
    where: { id: initiativeId, revision },
    data: { ...data, revision: { increment: 1 } },
  });
  if (count === 0) throw new ConflictError("initiatives.errors.stale");
}

function assertUpdate(actor: Principal) {
  if (!can(actor, "update", "Initiative")) throw new ForbiddenError();
}

/** Name, goal, owner, status and start date (the phases keep their dates). */
export async function updateDetails(
  actor: Principal,
  initiativeId: string,
  input: InitiativeInput & { revision: number },
) {
  assertUpdate(actor);
  await assertOwner(input.ownerId);
  await getDb().$transaction(async (tx) => {
    const before = await tx.initiative.findUniqueOrThrow({ where: { id: initiativeId } });
    const { revision, ...fields } = input;
    await claimRevision(tx, initiativeId, revision, { ...fields, ownerId: fields.ownerId || null });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "initiative.update",
      subjectType: "Initiative",
      subjectId: initiativeId,
      before: {
        name: before.name,
        goal: before.goal,
        ownerId: before.ownerId,
        status: before.status,
        startDate: before.startDate.toISOString(),
      },
      after: { ...fields, startDate: fields.startDate.toISOString() },
    });
  });
}

/** A template name left as shown (in either language) stays its key. */
const storedPhaseName = (name: string, storedName: string) =>
  storedTemplateText(name, storedName, isPhaseKey);

/**
 * Replaces the phases (rename, reorder, resize, add, remove) in one go. The list is checked
 * again here (no overlap, each ends on or after it starts); a phase that has pulses cannot be
 * removed. The rules' due dates follow the rollout phase (syncCourseRules).
 */
export async function setPhases(actor: Principal, initiativeId: string, input: PhasesInput) {
  assertUpdate(actor);
  const names = await Promise.all(input.phases.map((p) => storedPhaseName(p.name, p.storedName)));
  await getDb().$transaction(async (tx) => {
    const existing = await tx.initiativePhase.findMany({
      where: { initiativeId },
      include: { _count: { select: { pulses: true } } },
      orderBy: { position: "asc" },
    });
    const kept = new Set(input.phases.map((p) => p.id).filter(Boolean));
    const fieldErrors: Record<string, string> = {};
    input.phases.forEach((phase, index) => {
      if (phase.id && !existing.some((e) => e.id === phase.id))
        fieldErrors[`phases.${index}.name`] = "initiatives.errors.phaseMissing";
    });
    const removed = existing.filter((phase) => !kept.has(phase.id));
    if (removed.some((phase) => phase._count.pulses > 0))
      fieldErrors.phases = "initiatives.errors.phaseHasPulses";
    if (Object.keys(fieldErrors).length > 0) throw new ValidationError(fieldErrors);
    await claimRevision(tx, initiativeId, input.revision);
    await tx.initiativePhase.deleteMany({ where: { id: { in: removed.map((p) => p.id) } } });
    // Positions are unique: park the kept phases out of the way first, then number them.
    for (const [index, phase] of existing.filter((p) => kept.has(p.id)).entries()) {
      await tx.initiativePhase.update({ where: { id: phase.id }, data: { position: -1 - index } });
    }
    for (const [position, phase] of input.phases.entries()) {
      const data = {
        name: names[position]!,
        startsOn: phase.startsOn,
        endsOn: phase.endsOn,
        position,
      };
      if (phase.id) await tx.initiativePhase.update({ where: { id: phase.id }, data });
      else await tx.initiativePhase.create({ data: { ...data, initiativeId } });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "initiative.phases",
      subjectType: "Initiative",
      subjectId: initiativeId,
      // Audit details are objects (the audit log reads them back as such).
      before: {
        phases: existing.map((p) => ({
          id: p.id,
          name: p.name,
          startsOn: p.startsOn.toISOString(),
          endsOn: p.endsOn.toISOString(),
        })),
      },
      after: {
        phases: input.phases.map((p, i) => ({
          id: p.id,
          name: names[i],
          startsOn: p.startsOn.toISOString(),
          endsOn: p.endsOn.toISOString(),
        })),
      },
    });
    await raise(tx, "initiative.phases_changed", { initiativeId, at: new Date() });
  });
  await syncCourseRules(actor, initiativeId);
}

/** Replaces the target departments; the required courses' rules follow (syncCourseRules). */
export async function setTargets(actor: Principal, initiativeId: string, input: TargetsInput) {
  assertUpdate(actor);
  const known = new Set((await departmentNames()).map((d) => d.id));
  const fieldErrors: Record<string, string> = {};
  input.targets.forEach((target, index) => {
    if (!known.has(target.departmentId))
      fieldErrors[`targets.${index}.departmentId`] = "org.user.departmentMissing";
  });
  if (Object.keys(fieldErrors).length > 0) throw new ValidationError(fieldErrors);
  await getDb().$transaction(async (tx) => {
    const before = await tx.initiativeDepartment.findMany({
      where: { initiativeId },
      select: { departmentId: true, includeSubDepartments: true },
    });
    await claimRevision(tx, initiativeId, input.revision);
    await tx.initiativeDepartment.deleteMany({ where: { initiativeId } });
    await tx.initiativeDepartment.createMany({
      data: input.targets.map((target) => ({ initiativeId, ...target })),
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "initiative.targets",
      subjectType: "Initiative",
      subjectId: initiativeId,
      before: { targets: before },
      after: { targets: input.targets },
    });
  });
  await syncCourseRules(actor, initiativeId);
}

/** The list: HR/admin all, a manager those reaching their tree; filters status and text. */
export async function listInitiatives(viewer: Principal, query: InitiativeListQuery) {
  if (!can(viewer, "read", "Initiative")) throw new ForbiddenError();
  const reach = await initiativesInReach(viewer);
  const page = paginate(query.page, INITIATIVE_PAGE_SIZE);
  const where: Prisma.InitiativeWhereInput = {
    ...(reach === "all" ? {} : { id: { in: reach } }),
    ...(query.status ? { status: query.status } : {}),
    ...(query.q ? { name: containsText(query.q) } : {}),
  };
  const db = getDb();
  const [total, rows] = await Promise.all([
    db.initiative.count({ where }),
    db.initiative.findMany({
      where,
      orderBy: [{ startDate: "desc" }, { id: "asc" }],
      skip: page.skip,
      take: page.take,
      select: {
        id: true,
        name: true,
        status: true,
        startDate: true,
        ownerId: true,
        _count: { select: { departments: true, courses: true } },
      },
    }),
  ]);
  const owners = await personNames(rows.flatMap((row) => (row.ownerId ? [row.ownerId] : [])));
  return {
    ...page.summary(total),
    initiatives: rows.map((row) => ({
      id: row.id,
      name: row.name,
      status: row.status,
      startDate: row.startDate.toISOString(),
      owner: row.ownerId ? (owners.get(row.ownerId) ?? null) : null,
      targets: row._count.departments,
      courses: row._count.courses,
    })),
  };
}
