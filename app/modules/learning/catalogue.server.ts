import { createOnce } from "~/lib/create-once.server";
import { getDb } from "~/lib/db.server";
import { ConflictError } from "~/lib/errors";
import { STILL_VALID } from "./enrolment-status";
import { conditionWhere } from "./enrolment-status.server";
import { latestPublishedVersion, openKeyOf } from "./open-enrolment.server";
import { refreshStatsForEnrolments } from "./progress-stats.server";
import { raiseEnrolmentsCreated } from "./enrolment-events.server";
import { paginate } from "~/lib/pagination.server";

// The learner's catalogue: published courses to browse, and enrolling oneself.

export const CATALOGUE_PAGE_SIZE = 12;

/** Published courses a learner can enrol in, with whether they already are. */
export async function learnerCatalogue(userId: string, page: number) {
  const db = getDb();
  const where = { status: "PUBLISHED" } as const;
  const { skip, take, summary } = paginate(page, CATALOGUE_PAGE_SIZE);
  const [total, courses] = await Promise.all([
    db.course.count({ where }),
    db.course.findMany({
      where,
      orderBy: { title: "asc" },
      skip,
      take,
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
    ...summary(total),
    courses: courses.map(({ enrolments, ...course }) => ({
      ...course,
      enrolled: enrolments.length > 0,
    })),
  };
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
    const completed = await tx.enrolment.findFirst({
      where: { userId, courseId, ...conditionWhere(STILL_VALID, now) },
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
    await raiseEnrolmentsCreated(tx, [enrolment]);
    return enrolment;
  });
}
