// Pulse surveys (decision 039): HR creates a pulse for an initiative, edits it until it
// closes (its statements only until the first answer), opens and closes it, or lets its dates
// do so (pulse-jobs.server.ts). Counts of answers are safe to show; contents are not (037).
import { createOnce, keyOf } from "~/lib/create-once.server";
import { DAY_MS } from "~/lib/dates";
import { getDb, lockForUpdate, type DbTx } from "~/lib/db.server";
import { raise } from "~/lib/domain-events.server";
import { ConflictError, NotFoundError, ValidationError } from "~/lib/errors";
import { paginate } from "~/lib/pagination.server";
import { can, type Principal } from "~/lib/permissions";
import { recordAudit } from "~/modules/audit/index.server";
import { activeHeadcounts } from "~/modules/org/index.server";
import { reachedDepartments, requireInitiative } from "./access.server";
import { ADKAR_ELEMENTS } from "./adkar";
import { announcePulse } from "./pulse-jobs.server";
import {
  DEFAULT_STATEMENT_KEYS,
  parseStatements,
  type PulseCreateInput,
  type PulseFields,
  type PulseStatusName,
  type PulseUpdateInput,
  type Statements,
} from "./pulse-schemas";

export const PULSE_PAGE_SIZE = 25;

/** A "YYYY-MM-DD" as that UTC day's midnight. */
const dayOf = (value: string) => new Date(`${value}T00:00:00.000Z`);

/** A pulse takes answers from opensOn 00:00 UTC until the end of its closesOn day. */
export const closesAt = (pulse: { closesOn: Date }) => new Date(pulse.closesOn.getTime() + DAY_MS);

/** The statements to store: what HR typed, or the default's key where the field was empty. */
function statementsOf(input: PulseFields): Statements {
  return Object.fromEntries(
    ADKAR_ELEMENTS.map((element) => [element, input[element] || DEFAULT_STATEMENT_KEYS[element]]),
  ) as Statements;
}

async function assertPhaseOf(tx: DbTx, initiativeId: string, phaseId: string) {
  if (!phaseId) return null;
  const phase = await tx.initiativePhase.findFirst({
    where: { id: phaseId, initiativeId },
    select: { id: true },
  });
  if (!phase) throw new ValidationError({ phaseId: "initiatives.pulses.unknownPhase" });
  return phase.id;
}

const auditView = (pulse: {
  title: string;
  phaseId: string | null;
  opensOn: Date;
  closesOn: Date;
  status: string;
  statements: string;
}) => ({
  title: pulse.title,
  phaseId: pulse.phaseId,
  opensOn: pulse.opensOn,
  closesOn: pulse.closesOn,
  status: pulse.status,
  statements: parseStatements(pulse.statements),
});

/**
 * Creates a DRAFT pulse. The same form post twice (its createKey) is the one pulse.
 * Refused: a phase of another initiative, closesOn not after opensOn (the schema checks it).
 */
export async function createPulse(actor: Principal, initiativeId: string, input: PulseCreateInput) {
  await requireInitiative(actor, initiativeId, "create", "Pulse");
  const createKey = keyOf("pulse", actor.id, initiativeId, input.createKey);
  return createOnce(
    () =>
      getDb().$transaction(async (tx) => {
        const repeat = await tx.pulse.findUnique({ where: { createKey } });
        if (repeat) return repeat;
        const pulse = await tx.pulse.create({
          data: {
            initiativeId,
            phaseId: await assertPhaseOf(tx, initiativeId, input.phaseId),
            title: input.title,
            opensOn: dayOf(input.opensOn),
            closesOn: dayOf(input.closesOn),
            statements: JSON.stringify(statementsOf(input)),
            createKey,
          },
        });
        await recordAudit(tx, {
          actorId: actor.id,
          action: "pulse.created",
          subjectType: "Pulse",
          subjectId: pulse.id,
          after: auditView(pulse),
        });
        return pulse;
      }),
    () => getDb().pulse.findUnique({ where: { createKey } }),
  );
}

async function pulseOf(actor: Principal, initiativeId: string, pulseId: string, action: "update") {
  await requireInitiative(actor, initiativeId, action, "Pulse");
  const pulse = await getDb().pulse.findFirst({ where: { id: pulseId, initiativeId } });
  if (!pulse) throw new NotFoundError();
  return pulse;
}

/**
 * Edits a pulse that has not closed. Its statements are locked from the first answer on (so
 * pulses compare like with like): a change of them is refused then, field by field.
 */
export async function updatePulse(actor: Principal, initiativeId: string, input: PulseUpdateInput) {
  await pulseOf(actor, initiativeId, input.pulseId, "update");
  return getDb().$transaction(async (tx) => {
    // Answers take the same lock (answers.server.ts): none slips in between the count and the change.
    await lockForUpdate(tx, "Pulse", "id", input.pulseId);
    const before = await tx.pulse.findUniqueOrThrow({ where: { id: input.pulseId } });
    if (before.status === "CLOSED") throw new ConflictError("initiatives.pulses.closedNoEdit");
    const statements = statementsOf(input);
    const stored = parseStatements(before.statements);
    const changed = ADKAR_ELEMENTS.filter((element) => stored[element] !== statements[element]);
    if (
      changed.length > 0 &&
      (await tx.pulseResponse.count({ where: { pulseId: before.id } })) > 0
    ) {
      throw new ConflictError(
        "initiatives.pulses.statementsLocked",
        Object.fromEntries(
          changed.map((element) => [element, "initiatives.pulses.statementsLocked"]),
        ),
      );
    }
    const pulse = await tx.pulse.update({
      where: { id: before.id },
      data: {
        title: input.title,
        phaseId: await assertPhaseOf(tx, initiativeId, input.phaseId),
        // An open pulse keeps the day it opened.
        ...(before.status === "DRAFT" ? { opensOn: dayOf(input.opensOn) } : {}),
        closesOn: dayOf(input.closesOn),
        statements: JSON.stringify(statements),
      },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "pulse.updated",
      subjectType: "Pulse",
      subjectId: pulse.id,
      before: auditView(before),
      after: auditView(pulse),
    });
    return pulse;
  });
}

/**
 * DRAFT → OPEN (HR's button, or the job when opensOn came: actor null), then everyone asked
 * is told, in short transactions (announcePulse). Refused once its closing day has passed.
 */
export async function openPulse(
  actor: Principal | null,
  pulseId: string,
  now: Date = new Date(),
  initiativeId?: string,
) {
  const pulse = await getDb().pulse.findUnique({ where: { id: pulseId } });
  if (!pulse || (initiativeId && pulse.initiativeId !== initiativeId)) throw new NotFoundError();
  if (actor) await requireInitiative(actor, pulse.initiativeId, "update", "Pulse");
  if (pulse.status === "OPEN") return pulse;
  if (pulse.status === "CLOSED") throw new ConflictError("initiatives.pulses.alreadyClosed");
  if (closesAt(pulse) <= now) throw new ConflictError("initiatives.pulses.closingPassed");
  const opened = await setStatus(actor, pulse.id, "DRAFT", "OPEN", now);
  if (opened) await announcePulse(pulse.id);
  return getDb().pulse.findUniqueOrThrow({ where: { id: pulse.id } });
}

/** OPEN → CLOSED (HR's button, or the job after closesOn: actor null). Answers stop. */
export async function closePulse(
  actor: Principal | null,
  pulseId: string,
  now: Date = new Date(),
  initiativeId?: string,
) {
  const pulse = await getDb().pulse.findUnique({ where: { id: pulseId } });
  if (!pulse || (initiativeId && pulse.initiativeId !== initiativeId)) throw new NotFoundError();
  if (actor) await requireInitiative(actor, pulse.initiativeId, "update", "Pulse");
  if (pulse.status === "CLOSED") return pulse;
  if (pulse.status === "DRAFT") throw new ConflictError("initiatives.pulses.notOpen");
  await setStatus(actor, pulse.id, "OPEN", "CLOSED", now);
  return getDb().pulse.findUniqueOrThrow({ where: { id: pulse.id } });
}

/** The change of status, once: of two parallel clicks one changes it, the other nothing. */
async function setStatus(
  actor: Principal | null,
  pulseId: string,
  from: PulseStatusName,
  to: PulseStatusName,
  now: Date,
) {
  return getDb().$transaction(async (tx) => {
    const { count } = await tx.pulse.updateMany({
      where: { id: pulseId, status: from },
      data: to === "OPEN" ? { status: to, openedAt: now } : { status: to, closedAt: now },
    });
    if (count === 0) return false;
    const pulse = await tx.pulse.findUniqueOrThrow({
      where: { id: pulseId },
      select: { initiativeId: true, opensOn: true, closesOn: true },
    });
    await raise(tx, to === "OPEN" ? "pulse.opened" : "pulse.closed", {
      pulseId,
      ...pulse,
      at: now,
    });
    await recordAudit(tx, {
      actorId: actor?.id ?? null,
      action: to === "OPEN" ? "pulse.opened" : "pulse.closed",
      subjectType: "Pulse",
      subjectId: pulseId,
      before: { status: from },
      after: { status: to, by: actor ? "person" : "schedule" },
    });
    return true;
  });
}

/** Active people in the departments an initiative reaches (the rate's denominator). */
async function askedCount(initiativeId: string) {
  const [reached, heads] = await Promise.all([
    reachedDepartments([initiativeId]),
    activeHeadcounts(),
  ]);
  return (reached.get(initiativeId) ?? []).reduce((sum, id) => sum + (heads.get(id) ?? 0), 0);
}

/**
 * The initiative's pulses, newest first, with their answer counts and response rates (counts
 * only: they say how many answered, never who or what), and the pulse being edited.
 */
export async function listPulses(
  viewer: Principal,
  initiativeId: string,
  page: number,
  editId?: string,
) {
  const initiative = await requireInitiative(viewer, initiativeId, "read", "Pulse");
  const db = getDb();
  const { skip, take, summary } = paginate(page, PULSE_PAGE_SIZE);
  const where = { initiativeId };
  const [total, rows, phases, asked] = await Promise.all([
    db.pulse.count({ where }),
    db.pulse.findMany({
      where,
      orderBy: [{ opensOn: "desc" }, { id: "asc" }],
      skip,
      take,
      include: { _count: { select: { responses: true } } },
    }),
    db.initiativePhase.findMany({
      where: { initiativeId },
      orderBy: { position: "asc" },
      select: { id: true, name: true, startsOn: true, endsOn: true },
    }),
    askedCount(initiativeId),
  ]);
  const canManage = can(viewer, "update", "Pulse");
  const view = (pulse: (typeof rows)[number]) => ({
    id: pulse.id,
    title: pulse.title,
    phaseId: pulse.phaseId,
    status: pulse.status as PulseStatusName,
    opensOn: pulse.opensOn,
    closesOn: pulse.closesOn,
    statements: parseStatements(pulse.statements),
    responses: pulse._count.responses,
    rate: asked > 0 ? pulse._count.responses / asked : null,
  });
  let editing = null;
  if (canManage && editId) {
    const pulse = await db.pulse.findFirst({
      where: { id: editId, initiativeId },
      include: { _count: { select: { responses: true } } },
    });
    editing = pulse ? view(pulse) : null;
  }
  return {
    initiative: { id: initiative.id, name: initiative.name, status: initiative.status },
    pulses: rows.map(view),
    phases,
    asked,
    editing,
    canManage,
    ...summary(total),
  };
}
