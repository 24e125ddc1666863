import { getDb, type DbTx } from "~/lib/db.server";
import { ForbiddenError, NotFoundError } from "~/lib/errors";
import { renderMarkdown } from "~/lib/markdown.server";
import type { CourseSnapshot } from "~/modules/courses";
import { completeIfDone } from "./completion.server";
import { latestPublishedVersion, openKeyOf, snapshotOf } from "./open-enrolment.server";
import { refreshStatsForEnrolments } from "./progress-stats.server";

// The course player: what a learner sees of their enrolment, and ticking off lessons.

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

type CurrentEnrolment = Awaited<ReturnType<typeof currentEnrolment>>;

/** The version the player shows: the pinned one, or before starting the newest published. */
async function shownVersion(tx: DbTx, enrolment: CurrentEnrolment) {
  if (enrolment.status !== "NOT_STARTED") return enrolment.version;
  const latest = await latestPublishedVersion(tx, enrolment.courseId);
  if (!latest || latest.id === enrolment.versionId) return enrolment.version;
  return tx.courseVersion.findUniqueOrThrow({ where: { id: latest.id } });
}

interface PlayerAttempt {
  id: string;
  number: number;
  submittedAt: Date | null;
  score: number | null;
  passed: boolean | null;
}

/** The quiz panel: settings, attempts so far, and the open attempt to resume. */
function quizPanel(snapshot: CourseSnapshot, attempts: PlayerAttempt[]) {
  if (snapshot.questions.length === 0) return null;
  const submitted = attempts.filter((a) => a.submittedAt);
  return {
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
  };
}

/** What the course player shows: the pinned (or, before starting, newest) version. */
export async function getPlayer(userId: string, courseId: string) {
  const db = getDb();
  const enrolment = await currentEnrolment(db, userId, courseId);
  const version = await shownVersion(db, enrolment);
  const snapshot = snapshotOf(version.snapshot);
  const [progress, attempts, certificate] = await Promise.all([
    db.lessonProgress.findMany({
      where: { enrolmentId: enrolment.id },
      select: { lessonId: true },
    }),
    db.quizAttempt.findMany({
      where: { enrolmentId: enrolment.id },
      orderBy: { number: "asc" },
      select: { id: true, number: true, submittedAt: true, score: true, passed: true },
    }),
    db.certificate.findUnique({
      where: { enrolmentId: enrolment.id },
      select: { id: true, code: true },
    }),
  ]);
  const done = new Set(progress.map((p) => p.lessonId));
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
    quiz: quizPanel(snapshot, attempts),
    certificate,
  };
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
