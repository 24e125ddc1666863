import { chunkSize, yieldToEventLoop } from "~/lib/chunks.server";
import { getDb, type DbTx, type Prisma } from "~/lib/db.server";
import { RENEWAL_DUE } from "./enrolment-status";
import { conditionWhere } from "./enrolment-status.server";
import { latestPublishedVersion, openKeyOf } from "./open-enrolment.server";
import { refreshProgressStats } from "./progress-stats.server";
import {
  newEnrolmentSelect,
  raiseEnrolmentsCreated,
  type NewEnrolment,
} from "./enrolment-events.server";

/**
 * Creates recertification enrolments for completions that expire within the notice period
 * (or have expired), due at their expiry, for people still active and still covered by an
 * active rule that asks for recertification. Earlier completions stay as history.
 * Inside the caller's transaction; returns how many enrolments it created.
 */
export async function recertify(tx: DbTx, now: Date, userId?: string) {
  return (await renewExpiring(tx, now, userId ? { userId } : {})).created;
}

/**
 * Everyone's renewals, a chunk per short transaction (decision 027), walking the enrolments
 * by id: a chunk renews or skips each of its rows, so a run cut off halfway is finished by
 * the next one. Returns how many enrolments it created.
 */
export async function recertifyAll(now: Date) {
  let created = 0;
  for (let afterId: string | null = ""; afterId !== null;) {
    const from: string = afterId;
    const page: Renewed = await getDb().$transaction((tx) =>
      renewExpiring(tx, now, { id: { gt: from } }, chunkSize("renewals")),
    );
    created += page.created;
    afterId = page.lastId;
    await yieldToEventLoop();
  }
  return created;
}

interface Renewed {
  created: number;
  /** The last enrolment looked at when the page was full; null when none are left. */
  lastId: string | null;
}

/** Renews the expiring completions `scope` picks (`take` of them, by id); see recertify. */
async function renewExpiring(
  tx: DbTx,
  now: Date,
  scope: Prisma.EnrolmentWhereInput,
  take?: number,
): Promise<Renewed> {
  const expiring = await tx.enrolment.findMany({
    where: {
      ...scope,
      ...conditionWhere(RENEWAL_DUE, now),
      renewedAt: null,
      recurrenceMonths: { not: null },
      user: { active: true },
      sources: { some: { rule: { removedAt: null, recurrenceMonths: { not: null } } } },
    },
    orderBy: { id: "asc" },
    take,
    select: {
      id: true,
      userId: true,
      courseId: true,
      departmentId: true,
      expiresAt: true,
      recurrenceMonths: true,
      sources: { where: { rule: { removedAt: null } }, select: { ruleId: true } },
    },
  });
  const renewals: NewEnrolment[] = [];
  for (const old of expiring) {
    const version = await latestPublishedVersion(tx, old.courseId);
    if (!version) continue;
    await tx.enrolment.update({ where: { id: old.id }, data: { renewedAt: now } });
    // Already working on it (assigned again or self-enrolled): that enrolment is the renewal.
    const open = await tx.enrolment.findUnique({
      where: { openKey: openKeyOf(old.userId, old.courseId) },
      select: { id: true },
    });
    if (open) continue;
    const renewal = await tx.enrolment.create({
      data: {
        userId: old.userId,
        courseId: old.courseId,
        versionId: version.id,
        departmentId: old.departmentId,
        openKey: openKeyOf(old.userId, old.courseId),
        assignedAt: now,
        dueAt: old.expiresAt,
        recurrenceMonths: old.recurrenceMonths,
        previousEnrolmentId: old.id,
        sources: { create: old.sources.map((source) => ({ ruleId: source.ruleId })) },
      },
      select: newEnrolmentSelect,
    });
    renewals.push(renewal);
  }
  await raiseEnrolmentsCreated(tx, renewals);
  const created = renewals.length;
  // The renewed completion leaves the counters and its renewal joins them.
  await refreshProgressStats(tx, expiring);
  const full = take !== undefined && expiring.length === take;
  return { created, lastId: full ? expiring[expiring.length - 1]!.id : null };
}
