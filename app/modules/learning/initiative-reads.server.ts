// Small reads for the initiatives module: the rules it created, completion of its required
// courses in its departments, and whether a person has completed a set of courses.
import { Prisma, getDb, type DbTx } from "~/lib/db.server";

/** The given assignment rules as stored (removed ones too), id → rule. */
export async function assignmentRulesById(ruleIds: readonly string[]) {
  const rows = await getDb().assignmentRule.findMany({
    where: { id: { in: [...ruleIds] } },
    select: {
      id: true,
      courseId: true,
      departmentId: true,
      includeSubDepartments: true,
      dueDate: true,
      removedAt: true,
    },
  });
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * Assigned and completed enrolments per course in the given departments, from the report
 * totals (one grouped query).
 */
export async function completionInDepartments(
  courseIds: readonly string[],
  departmentIds: readonly string[],
) {
  const result = new Map<string, { assigned: number; completed: number }>();
  if (courseIds.length === 0 || departmentIds.length === 0) return result;
  const rows = await getDb().progressTotal.groupBy({
    by: ["courseId"],
    where: { courseId: { in: [...courseIds] }, departmentId: { in: [...departmentIds] } },
    _sum: { assigned: true, completed: true },
  });
  for (const row of rows) {
    result.set(row.courseId, {
      assigned: row._sum.assigned ?? 0,
      completed: row._sum.completed ?? 0,
    });
  }
  return result;
}

/** Which of these courses the person has a completed enrolment of (inside `tx`). */
export async function completedCourseIds(tx: DbTx, userId: string, courseIds: readonly string[]) {
  if (courseIds.length === 0) return new Set<string>();
  const rows = await tx.enrolment.findMany({
    where: { userId, courseId: { in: [...courseIds] }, status: "COMPLETED" },
    select: { courseId: true },
    distinct: ["courseId"],
  });
  return new Set(rows.map((row) => row.courseId));
}

/**
 * People in these departments with a completed enrolment of every one of these courses, in id
 * order after `after` (the initiative badge's backfill: decision 040).
 */
export async function peopleWhoCompletedAllPage(
  courseIds: readonly string[],
  departmentIds: readonly string[],
  after: string,
  take: number,
): Promise<string[]> {
  if (courseIds.length === 0 || departmentIds.length === 0) return [];
  const rows = await getDb().$queryRaw<{ userId: string }[]>(Prisma.sql`
    SELECT p."userId" AS "userId"
    FROM (
      SELECT DISTINCT "userId", "courseId" FROM "Enrolment"
      WHERE "status" = 'COMPLETED' AND "userId" > ${after}
        AND "courseId" IN (${Prisma.join([...courseIds])})
        AND "departmentId" IN (${Prisma.join([...departmentIds])})
    ) p
    GROUP BY p."userId"
    HAVING COUNT(*) = ${courseIds.length}
    ORDER BY p."userId"
    LIMIT ${take}`);
  return rows.map((row) => row.userId);
}

/**
 * For each course, when a learner of these departments was first enrolled in it on or after
 * its `since` (the KPI chart's roll-out markers): one grouped query for all the courses.
 * Enrolments from before `since` (someone who took the course earlier) are not the roll-out.
 */
export async function firstEnrolmentsInDepartments(
  courses: readonly { courseId: string; since: Date }[],
  departmentIds: readonly string[],
) {
  const result = new Map<string, Date>();
  if (courses.length === 0 || departmentIds.length === 0) return result;
  const rows = await getDb().enrolment.groupBy({
    by: ["courseId"],
    where: {
      departmentId: { in: [...departmentIds] },
      OR: courses.map((course) => ({
        courseId: course.courseId,
        assignedAt: { gte: course.since },
      })),
    },
    _min: { assignedAt: true },
  });
  for (const row of rows) if (row._min.assignedAt) result.set(row.courseId, row._min.assignedAt);
  return result;
}
