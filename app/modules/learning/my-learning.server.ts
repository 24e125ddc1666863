import { getDb, type Prisma } from "~/lib/db.server";
import { displayStatus, isDueSoon } from "./enrolment-status";
import { snapshotOf } from "./open-enrolment.server";
import { percentOf } from "~/lib/numbers";

// A learner's own view: My learning and the home page's summary of what is due.

const learningSelect = {
  id: true,
  courseId: true,
  status: true,
  dueAt: true,
  completedAt: true,
  expiresAt: true,
  bestScore: true,
  course: {
    select: { title: true, coverIcon: true, coverColor: true, estimatedMinutes: true },
  },
  version: { select: { number: true, snapshot: true } },
  progress: { select: { lessonId: true } },
  attempts: { where: { passed: true }, select: { id: true }, take: 1 },
  certificate: { select: { id: true } },
} as const;
type LearningRow = Prisma.EnrolmentGetPayload<{ select: typeof learningSelect }>;

/** One card of My learning: the course, its status and progress (lessons, plus the quiz). */
function learningItem(e: LearningRow, now: Date) {
  const snapshot = snapshotOf(e.version.snapshot);
  const done = new Set(e.progress.map((p) => p.lessonId));
  const lessonsDone = snapshot.lessons.filter((lesson) => done.has(lesson.id)).length;
  const hasQuiz = snapshot.questions.length > 0;
  const steps = snapshot.lessons.length + (hasQuiz ? 1 : 0);
  const stepsDone = lessonsDone + (hasQuiz && e.attempts.length > 0 ? 1 : 0);
  return {
    id: e.id,
    courseId: e.courseId,
    title: e.course.title,
    coverIcon: e.course.coverIcon,
    coverColor: e.course.coverColor,
    estimatedMinutes: e.course.estimatedMinutes,
    versionNumber: e.version.number,
    status: displayStatus(e, now),
    dueAt: e.dueAt?.toISOString() ?? null,
    completedAt: e.completedAt?.toISOString() ?? null,
    expiresAt: e.expiresAt?.toISOString() ?? null,
    bestScore: e.bestScore,
    certificateId: e.certificate?.id ?? null,
    progress: percentOf(stepsDone, steps) ?? 0,
    lessonsDone,
    lessonCount: snapshot.lessons.length,
    dueSoon: isDueSoon(e, now),
  };
}

/**
 * My learning: every enrolment of mine with progress, in the sections the page shows. A
 * read only: rules apply when they or the people they cover change, and the hourly job
 * heals the rest (decision 027).
 */
export async function getMyLearning(userId: string, now = new Date()) {
  const enrolments = await getDb().enrolment.findMany({
    where: { userId, status: { not: "WITHDRAWN" } },
    orderBy: [{ dueAt: "asc" }, { assignedAt: "desc" }],
    select: learningSelect,
  });
  const items = enrolments.map((e) => learningItem(e, now));
  return {
    overdue: items.filter((i) => i.status === "OVERDUE"),
    dueSoon: items.filter((i) => i.dueSoon),
    inProgress: items.filter((i) => i.status === "IN_PROGRESS" && !i.dueSoon),
    notStarted: items.filter((i) => i.status === "NOT_STARTED" && !i.dueSoon),
    completed: items.filter((i) => i.status === "COMPLETED" || i.status === "EXPIRED"),
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
