// Readiness evidence for the initiatives module (decision 038): completion and best quiz
// scores of required courses, per department, in one grouped query.
import { getDb } from "~/lib/db.server";
import { currentEnrolmentWhere } from "./progress-stats.server";

export interface CourseEvidenceRow {
  departmentId: string;
  courseId: string;
  /** Current enrolments of active people (not withdrawn, not renewed). */
  total: number;
  completed: number;
  /** Sum and count of the best quiz scores (percent) of those who have one. */
  scoreSum: number;
  scoreCount: number;
}

/** Completion and quiz evidence of `courseIds` per (department, course): one groupBy. */
export async function requiredCourseEvidence(
  courseIds: readonly string[],
): Promise<CourseEvidenceRow[]> {
  if (courseIds.length === 0) return [];
  const groups = await getDb().enrolment.groupBy({
    by: ["departmentId", "courseId", "status"],
    where: {
      ...currentEnrolmentWhere,
      courseId: { in: [...courseIds] },
      departmentId: { not: null },
    },
    _count: { _all: true, bestScore: true },
    _sum: { bestScore: true },
  });
  const rows = new Map<string, CourseEvidenceRow>();
  for (const group of groups) {
    const key = `${group.departmentId}\u0000${group.courseId}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        departmentId: group.departmentId!,
        courseId: group.courseId,
        total: 0,
        completed: 0,
        scoreSum: 0,
        scoreCount: 0,
      };
      rows.set(key, row);
    }
    row.total += group._count._all;
    if (group.status === "COMPLETED") row.completed += group._count._all;
    row.scoreSum += group._sum.bestScore ?? 0;
    row.scoreCount += group._count.bestScore;
  }
  return [...rows.values()];
}

/** Course titles by id (for the readiness drill-down's per-course evidence). */
export async function courseTitlesByIds(courseIds: readonly string[]) {
  if (courseIds.length === 0) return new Map<string, string>();
  const rows = await getDb().course.findMany({
    where: { id: { in: [...courseIds] } },
    select: { id: true, title: true },
  });
  return new Map(rows.map((row) => [row.id, row.title]));
}
