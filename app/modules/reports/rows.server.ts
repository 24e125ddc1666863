import { getDb, type Prisma } from "~/lib/db.server";
import { percentOf } from "~/lib/numbers";
import { displayStatus } from "~/modules/learning";

// One enrolment as a report row: what the lists and the person page read and show of it.

export const enrolmentRowSelect = {
  id: true,
  userId: true,
  courseId: true,
  status: true,
  assignedAt: true,
  dueAt: true,
  startedAt: true,
  completedAt: true,
  expiresAt: true,
  bestScore: true,
  user: { select: { name: true, email: true, department: { select: { name: true } } } },
  course: { select: { title: true } },
  version: { select: { lessonCount: true } },
} as const;
type EnrolmentRecord = Prisma.EnrolmentGetPayload<{ select: typeof enrolmentRowSelect }>;

/** Lessons done per enrolment, for a page or a batch (one grouped query by primary key). */
export async function lessonsDoneBy(enrolmentIds: string[]): Promise<Map<string, number>> {
  const done = new Map<string, number>();
  // SQLite takes at most 999 parameters per statement.
  for (let i = 0; i < enrolmentIds.length; i += 900) {
    const rows = await getDb().lessonProgress.groupBy({
      by: ["enrolmentId"],
      where: { enrolmentId: { in: enrolmentIds.slice(i, i + 900) } },
      _count: { _all: true },
    });
    for (const row of rows) done.set(row.enrolmentId, row._count._all);
  }
  return done;
}

/** Lessons done of the version's lessons, whole percent; a completion is 100 %. */
export const progressPercent = (completed: boolean, lessonsDone: number, lessonCount: number) =>
  completed ? 100 : Math.min(100, percentOf(lessonsDone, lessonCount) ?? 0);

export function toReportRow(row: EnrolmentRecord, now: Date, done = 0) {
  return {
    id: row.id,
    userId: row.userId,
    name: row.user.name,
    email: row.user.email,
    department: row.user.department?.name ?? null,
    courseId: row.courseId,
    courseTitle: row.course.title,
    status: displayStatus(row, now),
    assignedAt: row.assignedAt.toISOString(),
    dueAt: row.dueAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    progressPct: progressPercent(row.status === "COMPLETED", done, row.version.lessonCount),
    bestScore: row.bestScore,
  };
}
export type EnrolmentReportRow = ReturnType<typeof toReportRow>;
