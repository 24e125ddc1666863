import { randomBytes } from "node:crypto";
import { getDb, type DbTx, type Prisma } from "~/lib/db.server";
import { ConflictError, ForbiddenError, NotFoundError } from "~/lib/errors";
import { can, type Principal } from "~/lib/permissions";
import { raise } from "~/lib/domain-events.server";
import { recordAudit } from "~/modules/audit/index.server";
import { isOpenStatus, OPEN_STATUSES } from "./enrolment-status";
import { addMonths } from "./matching";
import { snapshotOf } from "./open-enrolment.server";
import { refreshStatsForEnrolments } from "./progress-stats.server";
import { raiseCertificateEvents } from "./enrolment-events.server";

const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789";

/** 20 characters from a 30-letter alphabet: about 98 bits, not guessable, easy to read aloud. */
export function newVerificationCode(): string {
  const bytes = randomBytes(20);
  return Array.from(bytes, (byte) => CODE_ALPHABET[byte % CODE_ALPHABET.length]).join("");
}

/** An open enrolment to complete at `at`, with what its certificate names. */
export interface Completion {
  enrolment: { id: string; userId: string; status: string; recurrenceMonths: number | null };
  certificate: { courseTitle: string; versionNumber: number };
  at: Date;
  /** The best quiz score, when the caller has just graded the attempts. */
  bestScore?: number | null;
}

/**
 * The one write of a completion, inside the caller's transaction: each enrolment still open
 * becomes COMPLETED (expiring after its recertification period) and gets its certificate,
 * and the report counters follow. An enrolment no longer open (completed a moment ago, or
 * withdrawn) is left as it is. Returns the ids it completed.
 */
export async function completeEnrolments(
  tx: DbTx,
  completions: readonly Completion[],
): Promise<string[]> {
  const certificates: Prisma.CertificateCreateManyInput[] = [];
  for (const { enrolment, certificate, at, bestScore } of completions) {
    const expiresAt = enrolment.recurrenceMonths ? addMonths(at, enrolment.recurrenceMonths) : null;
    const { count } = await tx.enrolment.updateMany({
      where: { id: enrolment.id, status: { in: [...OPEN_STATUSES] } },
      data: {
        status: "COMPLETED",
        ...(enrolment.status === "NOT_STARTED" ? { startedAt: at } : {}),
        completedAt: at,
        expiresAt,
        openKey: null,
        ...(bestScore !== undefined ? { bestScore } : {}),
      },
    });
    if (count === 0) continue;
    certificates.push({
      enrolmentId: enrolment.id,
      userId: enrolment.userId,
      code: newVerificationCode(),
      ...certificate,
      issuedAt: at,
      expiresAt,
    });
  }
  if (certificates.length === 0) return [];
  const issued = await tx.certificate.createManyAndReturn({
    data: certificates,
    select: { id: true, enrolmentId: true, userId: true, issuedAt: true, expiresAt: true },
  });
  const completed = certificates.map((c) => c.enrolmentId);
  await refreshStatsForEnrolments(tx, completed);
  const courses = await tx.enrolment.findMany({
    where: { id: { in: completed } },
    select: { id: true, userId: true, courseId: true, completedAt: true },
  });
  for (const enrolment of courses) {
    await raise(tx, "course.completed", {
      userId: enrolment.userId,
      courseId: enrolment.courseId,
      enrolmentId: enrolment.id,
      at: enrolment.completedAt!,
    });
  }
  const courseOf = new Map(courses.map((e) => [e.id, e.courseId]));
  await raiseCertificateEvents(
    tx,
    "certificate.issued",
    issued.map((c) => ({ ...c, courseId: courseOf.get(c.enrolmentId)! })),
  );
  return completed;
}

/** Completes the enrolment when every lesson is done and the quiz (if any) passed. */
export async function completeIfDone(tx: DbTx, enrolmentId: string, now: Date) {
  const enrolment = await tx.enrolment.findUnique({
    where: { id: enrolmentId },
    include: {
      version: { select: { number: true, snapshot: true } },
      progress: { select: { lessonId: true } },
      attempts: { where: { submittedAt: { not: null } }, select: { score: true, passed: true } },
    },
  });
  if (!enrolment || !isOpenStatus(enrolment.status)) return false;
  const snapshot = snapshotOf(enrolment.version.snapshot);
  const done = new Set(enrolment.progress.map((p) => p.lessonId));
  const lessonsDone = snapshot.lessons.every((lesson) => done.has(lesson.id));
  const quizPassed = snapshot.questions.length === 0 || enrolment.attempts.some((a) => a.passed);
  if (!lessonsDone || !quizPassed) return false;
  const scores = enrolment.attempts.map((a) => a.score ?? 0);
  const completed = await completeEnrolments(tx, [
    {
      enrolment,
      certificate: { courseTitle: snapshot.course.title, versionNumber: enrolment.version.number },
      at: now,
      bestScore: scores.length > 0 ? Math.max(...scores) : null,
    },
  ]);
  return completed.length > 0;
}

/**
 * HR records a completion made outside the portal (a classroom session, an assessment on
 * the floor). It issues the certificate like any completion and is audited with the note.
 */
export async function recordManualCompletion(
  actor: Principal,
  input: { enrolmentId: string; note: string },
  now = new Date(),
) {
  return getDb().$transaction(async (tx) => {
    const enrolment = await tx.enrolment.findUnique({
      where: { id: input.enrolmentId },
      select: {
        id: true,
        userId: true,
        status: true,
        departmentId: true,
        recurrenceMonths: true,
        version: { select: { number: true, snapshot: true } },
      },
    });
    if (!enrolment) throw new NotFoundError();
    if (!can(actor, "update", { type: "Assignment", departmentId: enrolment.departmentId })) {
      throw new ForbiddenError();
    }
    const { course } = snapshotOf(enrolment.version.snapshot);
    const completed = await completeEnrolments(tx, [
      {
        enrolment,
        certificate: { courseTitle: course.title, versionNumber: enrolment.version.number },
        at: now,
      },
    ]);
    if (completed.length === 0) {
      // Completed already (a double click, or the learner finished a moment ago): that one
      // completion and its one certificate stand, and the repeat is no error.
      const current = await tx.enrolment.findUnique({
        where: { id: enrolment.id },
        select: { status: true },
      });
      if (current?.status === "COMPLETED") return;
      throw new ConflictError("reports.manual.notOpen");
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "enrolment.complete_manual",
      subjectType: "Enrolment",
      subjectId: enrolment.id,
      before: { status: enrolment.status },
      after: { status: "COMPLETED", course: course.title, note: input.note },
    });
  });
}
