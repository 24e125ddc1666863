// Answering a pulse (decisions 037 and 039). One answer per person per pulse, kept under the
// person's respondent key; the row holds the answers, the department and the person's own
// first barrier, nothing that names them or tells when they answered. Nothing here logs or
// audits who answered: the "pulse.answered" event (points) says that someone answered, only.
import { getDb, isUniqueViolation, lockForUpdate } from "~/lib/db.server";
import { raise } from "~/lib/domain-events.server";
import { ConflictError, ForbiddenError, NotFoundError } from "~/lib/errors";
import { can, type Principal } from "~/lib/permissions";
import { reachedDepartments } from "./access.server";
import { ADKAR_ELEMENTS, BARRIER_AT_OR_BELOW } from "./adkar";
import { parseStatements, type AnswerInput, type PulseStatusName } from "./pulse-schemas";
import { closesAt } from "./pulses.server";
import { respondentKey } from "./respondent.server";

export interface Respondent extends Principal {
  departmentId: string | null;
}

/** The person's own first barrier: the first element, in ADKAR order, answered 3 or less. */
export const ownBarrier = (answer: AnswerInput) =>
  ADKAR_ELEMENTS.find((element) => answer[element] <= BARRIER_AT_OR_BELOW) ?? "";

/**
 * The pulse if the person is asked: 404 for a draft, an unknown pulse or someone outside the
 * target departments (its existence does not leak).
 */
async function askedPulse(user: Respondent, pulseId: string) {
  const pulse = await getDb().pulse.findUnique({
    where: { id: pulseId },
    include: { initiative: { select: { id: true, name: true } } },
  });
  if (!pulse || pulse.status === "DRAFT" || !user.departmentId) throw new NotFoundError();
  const reached = (await reachedDepartments([pulse.initiativeId])).get(pulse.initiativeId) ?? [];
  if (!reached.includes(user.departmentId)) throw new NotFoundError();
  return pulse;
}

const isOpen = (pulse: { status: string; closesOn: Date }, now: Date) =>
  pulse.status === "OPEN" && now < closesAt(pulse);

/** What /surveys/:pulseId shows: the statements, the person's current answer, open or not. */
export async function getAnswerPage(user: Respondent, pulseId: string, now: Date = new Date()) {
  if (!can(user, "create", { type: "PulseResponse", ownerId: user.id })) throw new ForbiddenError();
  const pulse = await askedPulse(user, pulseId);
  const key = await respondentKey(pulse.id, user.id);
  const mine = await getDb().pulseResponse.findUnique({
    where: { pulseId_respondentKey: { pulseId: pulse.id, respondentKey: key } },
    select: { ...Object.fromEntries(ADKAR_ELEMENTS.map((e) => [e, true])), comment: true },
  });
  return {
    pulse: {
      id: pulse.id,
      title: pulse.title,
      initiativeName: pulse.initiative.name,
      status: pulse.status as PulseStatusName,
      closesOn: pulse.closesOn,
      statements: parseStatements(pulse.statements),
    },
    open: isOpen(pulse, now),
    answer: mine as (Record<(typeof ADKAR_ELEMENTS)[number], number> & { comment: string }) | null,
  };
}

/**
 * Saves the person's answer: the first, or a change of it until the pulse closes. Refused
 * (409) once it has closed. 50 posts at once still leave one row: the (pulse, key) pair is
 * unique, the pulse row is locked on PostgreSQL, and a lost insert race becomes the update.
 * The event's firstAnswer is true for the first answer only (its points come once).
 */
export async function submitAnswer(
  user: Respondent,
  pulseId: string,
  input: AnswerInput,
  now: Date = new Date(),
): Promise<{ firstAnswer: boolean }> {
  if (!can(user, "create", { type: "PulseResponse", ownerId: user.id })) throw new ForbiddenError();
  // Who is asked is read before the transaction (the department tree is read outside it).
  await askedPulse(user, pulseId);
  const key = await respondentKey(pulseId, user.id);
  const values = {
    ...Object.fromEntries(ADKAR_ELEMENTS.map((element) => [element, input[element]])),
    comment: input.comment,
    barrier: ownBarrier(input),
  } as Record<(typeof ADKAR_ELEMENTS)[number], number> & { comment: string; barrier: string };
  const attempt = () =>
    getDb().$transaction(async (tx) => {
      await lockForUpdate(tx, "Pulse", "id", pulseId);
      const pulse = await tx.pulse.findUniqueOrThrow({ where: { id: pulseId } });
      if (!isOpen(pulse, now)) throw new ConflictError("initiatives.answer.closed");
      const where = { pulseId_respondentKey: { pulseId: pulse.id, respondentKey: key } };
      const existing = await tx.pulseResponse.findUnique({ where, select: { id: true } });
      if (existing) {
        // The department stays the one of the first answer: a move does not shift it.
        await tx.pulseResponse.update({ where, data: values });
      } else {
        await tx.pulseResponse.create({
          data: {
            pulseId: pulse.id,
            respondentKey: key,
            departmentId: user.departmentId!,
            ...values,
          },
        });
      }
      await raise(tx, "pulse.answered", {
        pulseId: pulse.id,
        initiativeId: pulse.initiativeId,
        userId: user.id,
        firstAnswer: !existing,
        at: now,
      });
      return { firstAnswer: !existing };
    });
  try {
    return await attempt();
  } catch (error) {
    // SQLite: another post inserted first; this one is now a change of that answer.
    if (!isUniqueViolation(error)) throw error;
    return attempt();
  }
}
