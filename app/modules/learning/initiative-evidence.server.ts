// Readiness evidence for the initiatives module (decision 038): completion and best quiz
// scores of required courses, per department, in one query over the report counters.
import { getDb } from "~/lib/db.server";

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

/**
 * Completion and quiz evidence of `courseIds` per (department, course), from the report
 * counters (ProgressTotal: current enrolments of active people, kept in step by every
 * enrolment write and healed by the daily recount), so no enrolment row is read.
 */
export async function requiredCourseEvidence(
  courseIds: readonly string[],
): Promise<CourseEvidenceRow[]> {
  if (courseIds.length === 0) return [];
  const rows = await getDb().progressTotal.findMany({
    where: { courseId: { in: [...courseIds] }, departmentId: { not: "" } },
    select: {
      departmentId: true,
      courseId: true,
      assigned: true,
      completed: true,
      scoreSum: true,
      scoreCount: true,
    },
  });
  return rows.map((row) => ({
    departmentId: row.departmentId,
    courseId: row.courseId,
    total: row.assigned,
    completed: row.completed,
    scoreSum: row.scoreSum,
    scoreCount: row.scoreCount,
  }));
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
