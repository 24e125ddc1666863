// What learning holds that earns points or badges, read for the incentives module (decision
// 032): its backfills and badge checks read learning's tables only through these. Lists come
// in pages in key order (keyset: `after` is the last key of the previous page, "" for the
// first), so a large organisation is read in bounded steps with one statement per page.
import { getDb, type DbTx } from "~/lib/db.server";

export interface LearnerCourse {
  userId: string;
  courseId: string;
}

/** A page of rows and the key to read the next page after (null: this was the last). */
export interface KeyedPage<T> {
  rows: T[];
  next: string | null;
}

const nextKey = <T>(rows: T[], take: number, keyOf: (row: T) => string) =>
  rows.length === take && rows.length > 0 ? keyOf(rows[rows.length - 1]!) : null;

/** Completed enrolments, by enrolment id: who completed which course. */
export async function completedCoursesPage(
  after: string,
  take: number,
  db: DbTx = getDb(),
): Promise<KeyedPage<LearnerCourse>> {
  const rows = await db.enrolment.findMany({
    where: { status: "COMPLETED", id: { gt: after } },
    orderBy: { id: "asc" },
    take,
    select: { id: true, userId: true, courseId: true },
  });
  return {
    rows: rows.map(({ userId, courseId }) => ({ userId, courseId })),
    next: nextKey(rows, take, (row) => row.id),
  };
}

/** How many different courses the person has completed (a course done twice counts once). */
export async function completedCourseCount(tx: DbTx, userId: string): Promise<number> {
  const courses = await tx.enrolment.groupBy({
    by: ["courseId"],
    where: { userId, status: "COMPLETED" },
  });
  return courses.length;
}

/** People who completed at least `minimum` different courses, by person id. */
export async function peopleWithCompletedCoursesPage(
  minimum: number,
  after: string,
  take: number,
  db: DbTx = getDb(),
): Promise<KeyedPage<string>> {
  const rows = await db.$queryRaw<{ userId: string }[]>`
    SELECT p."userId" AS "userId"
    FROM (
      SELECT DISTINCT "userId", "courseId" FROM "Enrolment"
      WHERE "status" = 'COMPLETED' AND "userId" > ${after}
    ) p
    GROUP BY p."userId"
    HAVING COUNT(*) >= ${minimum}
    ORDER BY p."userId"
    LIMIT ${take}`;
  const ids = rows.map((row) => row.userId);
  return { rows: ids, next: nextKey(ids, take, (id) => id) };
}

/** Submitted quiz attempts scoring 100, by attempt id: who had a perfect score at which course. */
export async function perfectQuizzesPage(
  after: string,
  take: number,
  db: DbTx = getDb(),
): Promise<KeyedPage<LearnerCourse>> {
  const rows = await db.quizAttempt.findMany({
    where: { score: 100, submittedAt: { not: null }, id: { gt: after } },
    orderBy: { id: "asc" },
    take,
    select: { id: true, enrolment: { select: { userId: true, courseId: true } } },
  });
  return { rows: rows.map((row) => row.enrolment), next: nextKey(rows, take, (row) => row.id) };
}

/**
 * Passes at the person's first submitted attempt at a course's quiz (in any enrolment, as
 * quiz.graded's `firstAttempt` says), by attempt id. Two statements per page: the passes, then
 * every submitted attempt of the same people at the same courses, to find which came first.
 */
export async function firstAttemptPassesPage(
  after: string,
  take: number,
  db: DbTx = getDb(),
): Promise<KeyedPage<LearnerCourse>> {
  const passes = await db.quizAttempt.findMany({
    where: { passed: true, submittedAt: { not: null }, id: { gt: after } },
    orderBy: { id: "asc" },
    take,
    select: { id: true, enrolment: { select: { userId: true, courseId: true } } },
  });
  const next = nextKey(passes, take, (row) => row.id);
  if (passes.length === 0) return { rows: [], next };
  const userIds = [...new Set(passes.map((pass) => pass.enrolment.userId))];
  const courseIds = [...new Set(passes.map((pass) => pass.enrolment.courseId))];
  const attempts = await db.quizAttempt.findMany({
    where: {
      submittedAt: { not: null },
      enrolment: { userId: { in: userIds }, courseId: { in: courseIds } },
    },
    select: {
      id: true,
      submittedAt: true,
      enrolment: { select: { userId: true, courseId: true } },
    },
  });
  const firstOf = new Map<string, { id: string; at: number }>();
  for (const attempt of attempts) {
    const key = `${attempt.enrolment.userId}\u0000${attempt.enrolment.courseId}`;
    const at = attempt.submittedAt!.getTime();
    const first = firstOf.get(key);
    if (!first || at < first.at || (at === first.at && attempt.id < first.id)) {
      firstOf.set(key, { id: attempt.id, at });
    }
  }
  const rows = passes
    .filter(
      (pass) =>
        firstOf.get(`${pass.enrolment.userId}\u0000${pass.enrolment.courseId}`)?.id === pass.id,
    )
    .map((pass) => pass.enrolment);
  return { rows, next };
}
