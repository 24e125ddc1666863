import { randomBytes } from "node:crypto";
import { createOnce } from "~/lib/create-once.server";
import { getDb, type DbTx } from "~/lib/db.server";
import { ConflictError, ForbiddenError, NotFoundError } from "~/lib/errors";
import { renderMarkdown } from "~/lib/markdown.server";
import { can, type Principal } from "~/lib/permissions";
import { recordAudit } from "~/modules/audit/index.server";
import { readCourseSnapshot } from "~/modules/courses/index.server";
import { addMonths, displayStatus } from "./matching";
import { refreshStatsForEnrolments } from "./progress-stats.server";
import { openKeyOf, RECERTIFY_NOTICE_DAYS, syncUserEnrolments } from "./rules.server";

const DUE_SOON_DAYS = 14;
const DAY_MS = 24 * 3600 * 1000;

const snapshotOf = readCourseSnapshot;

async function latestPublishedVersion(tx: DbTx, courseId: string) {
  const course = await tx.course.findUnique({
    where: { id: courseId },
    select: {
      status: true,
      versions: {
        orderBy: { number: "desc" },
        take: 1,
        select: { id: true, number: true, snapshot: true },
      },
    },
  });
  return course?.status === "PUBLISHED" ? (course.versions[0] ?? null) : null;
}

/** My learning: every enrolment of mine with progress, in the sections the page shows. */
export async function getMyLearning(userId: string, now = new Date()) {
  await syncUserEnrolments(userId, now);
  const enrolments = await getDb().enrolment.findMany({
    where: { userId, status: { not: "WITHDRAWN" } },
    orderBy: [{ dueAt: "asc" }, { assignedAt: "desc" }],
    select: {
      id: true,
      courseId: true,
      status: true,
      dueAt: true,
      completedAt: true,
      expiresAt: true,
      bestScore: true,
      selfEnrolled: true,
      course: {
        select: { title: true, coverIcon: true, coverColor: true, estimatedMinutes: true },
      },
      version: { select: { number: true, snapshot: true } },
      progress: { select: { lessonId: true } },
      attempts: { where: { passed: true }, select: { id: true }, take: 1 },
      certificate: { select: { id: true } },
    },
  });
  const items = enrolments.map((e) => {
    const snapshot = snapshotOf(e.version.snapshot);
    const done = new Set(e.progress.map((p) => p.lessonId));
    const lessonsDone = snapshot.lessons.filter((lesson) => done.has(lesson.id)).length;
    const hasQuiz = snapshot.questions.length > 0;
    const steps = snapshot.lessons.length + (hasQuiz ? 1 : 0);
    const stepsDone = lessonsDone + (hasQuiz && e.attempts.length > 0 ? 1 : 0);
    const status = displayStatus(e, now);
    return {
      id: e.id,
      courseId: e.courseId,
      title: e.course.title,
      coverIcon: e.course.coverIcon,
      coverColor: e.course.coverColor,
      estimatedMinutes: e.course.estimatedMinutes,
      versionNumber: e.version.number,
      status,
      dueAt: e.dueAt?.toISOString() ?? null,
      completedAt: e.completedAt?.toISOString() ?? null,
      expiresAt: e.expiresAt?.toISOString() ?? null,
      bestScore: e.bestScore,
      certificateId: e.certificate?.id ?? null,
      progress: steps === 0 ? 0 : Math.round((stepsDone / steps) * 100),
      lessonsDone,
      lessonCount: snapshot.lessons.length,
      dueSoon:
        e.status !== "COMPLETED" &&
        !!e.dueAt &&
        e.dueAt >= now &&
        e.dueAt.getTime() - now.getTime() <= DUE_SOON_DAYS * DAY_MS,
    };
  });
  return {
    overdue: items.filter((i) => i.status === "OVERDUE"),
    dueSoon: items.filter((i) => i.dueSoon),
    inProgress: items.filter((i) => i.status === "IN_PROGRESS" && !i.dueSoon),
    notStarted: items.filter((i) => i.status === "NOT_STARTED" && !i.dueSoon),
    completed: items.filter((i) => i.status === "COMPLETED" || i.status === "EXPIRED"),
  };
}

/** The enrolment a learner works on for a course: the open one, else the latest completed. */
async function currentEnrolment(tx: DbTx, userId: string, courseId: string) {
  const course = await tx.course.findUnique({ where: { id: courseId }, select: { status: true } });
  if (!course) throw new NotFoundError();
  const enrolment =
    (await tx.enrolment.findUnique({
      where: { openKey: openKeyOf(userId, courseId) },
      include: { version: true },
    })) ??
    (await tx.enrolment.findFirst({
      where: { userId, courseId, status: "COMPLETED" },
      orderBy: { completedAt: "desc" },
      include: { version: true },
    }));
  // A published course I am not enrolled in: 403. Drafts and archived courses stay hidden: 404.
  if (!enrolment)
    throw course.status === "PUBLISHED"
      ? new ForbiddenError("learning.notEnrolled")
      : new NotFoundError();
  return enrolment;
}

/**
 * Starts an enrolment on its first real step. A not-yet-started enrolment moves to the
 * newest published version first; from then on it keeps that version until it finishes.
 */
export async function ensureStarted(
  tx: DbTx,
  enrolment: { id: string; status: string; courseId: string; versionId: string },
  now: Date,
) {
  if (enrolment.status !== "NOT_STARTED") return enrolment.versionId;
  const latest = await latestPublishedVersion(tx, enrolment.courseId);
  const versionId = latest?.id ?? enrolment.versionId;
  const { count } = await tx.enrolment.updateMany({
    where: { id: enrolment.id, status: "NOT_STARTED" },
    data: { status: "IN_PROGRESS", startedAt: now, versionId },
  });
  if (count > 0) await refreshStatsForEnrolments(tx, [enrolment.id]);
  return versionId;
}

/** What the course player shows: the pinned (or, before starting, newest) version. */
export async function getPlayer(userId: string, courseId: string) {
  const db = getDb();
  const enrolment = await currentEnrolment(db, userId, courseId);
  const version =
    enrolment.status === "NOT_STARTED"
      ? ((await latestPublishedVersion(db, courseId)) ?? enrolment.version)
      : enrolment.version;
  const snapshot = snapshotOf(version.snapshot);
  const [progress, attempts, certificate] = await Promise.all([
    db.lessonProgress.findMany({
      where: { enrolmentId: enrolment.id },
      select: { lessonId: true },
    }),
    db.quizAttempt.findMany({
      where: { enrolmentId: enrolment.id },
      orderBy: { number: "asc" },
      select: {
        id: true,
        number: true,
        submittedAt: true,
        score: true,
        passed: true,
        deadlineAt: true,
      },
    }),
    db.certificate.findUnique({
      where: { enrolmentId: enrolment.id },
      select: { id: true, code: true },
    }),
  ]);
  const done = new Set(progress.map((p) => p.lessonId));
  const submitted = attempts.filter((a) => a.submittedAt);
  return {
    enrolment: {
      id: enrolment.id,
      status: enrolment.status,
      dueAt: enrolment.dueAt?.toISOString() ?? null,
      bestScore: enrolment.bestScore,
    },
    versionNumber: version.number,
    course: snapshot.course,
    lessons: snapshot.lessons.map((lesson) => ({
      id: lesson.id,
      title: lesson.title,
      html: renderMarkdown(lesson.body),
      videoUrl: lesson.videoUrl,
      attachmentUrl: lesson.attachmentUrl,
      done: done.has(lesson.id),
    })),
    quiz:
      snapshot.questions.length === 0
        ? null
        : {
            passMark: snapshot.quiz.passMark,
            attemptsAllowed: snapshot.quiz.attemptsAllowed,
            attemptsUsed: submitted.length,
            timeLimitMinutes: snapshot.quiz.timeLimitMinutes,
            questionCount: snapshot.quiz.drawCount || snapshot.questions.length,
            passed: submitted.some((a) => a.passed),
            openAttemptId: attempts.find((a) => !a.submittedAt)?.id ?? null,
            attempts: submitted.map((a) => ({
              id: a.id,
              number: a.number,
              score: a.score,
              passed: a.passed,
            })),
          },
    certificate,
  };
}

/** Completes the enrolment when every lesson is done and the quiz (if any) passed. */
export async function completeIfDone(tx: DbTx, enrolmentId: string, now: Date) {
  const enrolment = await tx.enrolment.findUnique({
    where: { id: enrolmentId },
    include: {
      version: { select: { number: true, snapshot: true } },
      progress: { select: { lessonId: true } },
      attempts: { where: { submittedAt: { not: null } }, select: { score: true, passed: true } },
      user: { select: { id: true } },
    },
  });
  if (!enrolment || enrolment.status === "COMPLETED" || enrolment.status === "WITHDRAWN")
    return false;
  const snapshot = snapshotOf(enrolment.version.snapshot);
  const done = new Set(enrolment.progress.map((p) => p.lessonId));
  const lessonsDone = snapshot.lessons.every((lesson) => done.has(lesson.id));
  const quizPassed = snapshot.questions.length === 0 || enrolment.attempts.some((a) => a.passed);
  if (!lessonsDone || !quizPassed) return false;
  const scores = enrolment.attempts.map((a) => a.score ?? 0);
  const expiresAt = enrolment.recurrenceMonths ? addMonths(now, enrolment.recurrenceMonths) : null;
  const { count } = await tx.enrolment.updateMany({
    where: { id: enrolmentId, status: { not: "COMPLETED" } },
    data: {
      status: "COMPLETED",
      completedAt: now,
      expiresAt,
      openKey: null,
      bestScore: scores.length > 0 ? Math.max(...scores) : null,
    },
  });
  if (count === 0) return false;
  await tx.certificate.create({
    data: {
      enrolmentId,
      userId: enrolment.userId,
      code: newVerificationCode(),
      courseTitle: snapshot.course.title,
      versionNumber: enrolment.version.number,
      issuedAt: now,
      expiresAt,
    },
  });
  await refreshStatsForEnrolments(tx, [enrolmentId]);
  return true;
}

const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789";

/** 20 characters from a 30-letter alphabet: about 98 bits, not guessable, easy to read aloud. */
export function newVerificationCode(): string {
  const bytes = randomBytes(20);
  return Array.from(bytes, (byte) => CODE_ALPHABET[byte % CODE_ALPHABET.length]).join("");
}

export async function markLessonDone(
  userId: string,
  courseId: string,
  lessonId: string,
  now = new Date(),
) {
  return getDb().$transaction(async (tx) => {
    const enrolment = await currentEnrolment(tx, userId, courseId);
    if (enrolment.status === "COMPLETED") return { completed: true };
    const versionId = await ensureStarted(tx, enrolment, now);
    const version = await tx.courseVersion.findUniqueOrThrow({
      where: { id: versionId },
      select: { snapshot: true },
    });
    if (!snapshotOf(version.snapshot).lessons.some((lesson) => lesson.id === lessonId))
      throw new NotFoundError();
    const exists = await tx.lessonProgress.findUnique({
      where: { enrolmentId_lessonId: { enrolmentId: enrolment.id, lessonId } },
    });
    if (!exists)
      await tx.lessonProgress.create({
        data: { enrolmentId: enrolment.id, lessonId, completedAt: now },
      });
    return { completed: await completeIfDone(tx, enrolment.id, now) };
  });
}

/**
 * Employees may enrol themselves in any published course (no due date). Enrolling again
 * gives the enrolment they have: the open one (one per course, by its unique key, also when
 * 50 requests race), or a completion that is still valid, which is not taken twice (no
 * second enrolment, no second certificate). An expired or expiring completion may be
 * retaken.
 */
export async function selfEnrol(userId: string, courseId: string, now = new Date()) {
  // Another request that enrolled this person a moment ago holds the key: theirs is the answer.
  return createOnce(
    () => insertSelfEnrolment(userId, courseId, now),
    () => getDb().enrolment.findUnique({ where: { openKey: openKeyOf(userId, courseId) } }),
  );
}

async function insertSelfEnrolment(userId: string, courseId: string, now: Date) {
  return getDb().$transaction(async (tx) => {
    const open = await tx.enrolment.findUnique({ where: { openKey: openKeyOf(userId, courseId) } });
    if (open) return open;
    const renewBefore = new Date(now.getTime() + RECERTIFY_NOTICE_DAYS * DAY_MS);
    const completed = await tx.enrolment.findFirst({
      where: {
        userId,
        courseId,
        status: "COMPLETED",
        OR: [{ expiresAt: null }, { expiresAt: { gt: renewBefore } }],
      },
      orderBy: { completedAt: "desc" },
    });
    if (completed) return completed;
    const version = await latestPublishedVersion(tx, courseId);
    if (!version) throw new ConflictError("learning.notAvailable");
    const learner = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { departmentId: true },
    });
    const enrolment = await tx.enrolment.create({
      data: {
        userId,
        departmentId: learner.departmentId,
        courseId,
        versionId: version.id,
        openKey: openKeyOf(userId, courseId),
        selfEnrolled: true,
        assignedAt: now,
      },
    });
    await refreshStatsForEnrolments(tx, [enrolment.id]);
    return enrolment;
  });
}

export const CATALOGUE_PAGE_SIZE = 12;

/** Published courses a learner can enrol in, with whether they already are. */
export async function learnerCatalogue(userId: string, page: number) {
  const db = getDb();
  const where = { status: "PUBLISHED" } as const;
  const [total, courses] = await Promise.all([
    db.course.count({ where }),
    db.course.findMany({
      where,
      orderBy: { title: "asc" },
      skip: (page - 1) * CATALOGUE_PAGE_SIZE,
      take: CATALOGUE_PAGE_SIZE,
      select: {
        id: true,
        title: true,
        summary: true,
        category: true,
        estimatedMinutes: true,
        coverIcon: true,
        coverColor: true,
        enrolments: {
          where: { userId, status: { not: "WITHDRAWN" } },
          select: { status: true },
          take: 1,
        },
      },
    }),
  ]);
  return {
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / CATALOGUE_PAGE_SIZE)),
    courses: courses.map(({ enrolments, ...course }) => ({
      ...course,
      enrolled: enrolments.length > 0,
    })),
  };
}

/** For the home page: my open training, soonest due first (no writes, no sync). */
export async function getDueSummary(userId: string, now = new Date()) {
  const open = await getDb().enrolment.findMany({
    where: { userId, openKey: { not: null } },
    orderBy: [{ dueAt: "asc" }, { assignedAt: "asc" }],
    take: 5,
    select: {
      courseId: true,
      dueAt: true,
      status: true,
      expiresAt: true,
      course: { select: { title: true } },
    },
  });
  return open.map((e) => ({
    courseId: e.courseId,
    title: e.course.title,
    dueAt: e.dueAt?.toISOString() ?? null,
    status: displayStatus(e, now),
  }));
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
    const expiresAt = enrolment.recurrenceMonths
      ? addMonths(now, enrolment.recurrenceMonths)
      : null;
    const { count } = await tx.enrolment.updateMany({
      where: { id: enrolment.id, status: { in: ["NOT_STARTED", "IN_PROGRESS"] } },
      data: {
        status: "COMPLETED",
        ...(enrolment.status === "NOT_STARTED" ? { startedAt: now } : {}),
        completedAt: now,
        expiresAt,
        openKey: null,
      },
    });
    if (count === 0) {
      // Completed already (a double click, or the learner finished a moment ago): that one
      // completion and its one certificate stand, and the repeat is no error.
      const current = await tx.enrolment.findUnique({
        where: { id: enrolment.id },
        select: { status: true },
      });
      if (current?.status === "COMPLETED") return;
      throw new ConflictError("reports.manual.notOpen");
    }
    const snapshot = snapshotOf(enrolment.version.snapshot);
    await tx.certificate.create({
      data: {
        enrolmentId: enrolment.id,
        userId: enrolment.userId,
        code: newVerificationCode(),
        courseTitle: snapshot.course.title,
        versionNumber: enrolment.version.number,
        issuedAt: now,
        expiresAt,
      },
    });
    await refreshStatsForEnrolments(tx, [enrolment.id]);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "enrolment.complete_manual",
      subjectType: "Enrolment",
      subjectId: enrolment.id,
      before: { status: enrolment.status },
      after: { status: "COMPLETED", course: snapshot.course.title, note: input.note },
    });
  });
}
