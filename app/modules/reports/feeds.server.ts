// The completion table for BI tools (the API's feeds, decision 044): one row per department
// and course with the dashboard's counters (overdue including what fell due since the stored
// moment), read in key order a batch at a time with the names of that batch only.
import { getDb } from "~/lib/db.server";
import { fellDueSinceStored, withFellDue } from "./counters.server";
import { derive } from "./metrics";
import { NO_DEPARTMENT } from "./scope.server";

export interface CompletionFeedRow {
  department_id: string | null;
  department_code: string | null;
  department: string | null;
  course_id: string;
  course: string;
  assigned: number;
  not_started: number;
  in_progress: number;
  completed: number;
  completed_on_time: number;
  overdue: number;
  completion_pct: number | null;
  average_score: number | null;
}

const everything = {
  departmentIds: null,
  courseIds: null,
  assignedFrom: null,
  assignedBefore: null,
  departments: [],
};

export async function* completionFeedBatches(
  now = new Date(),
  batchSize = 1000,
): AsyncGenerator<CompletionFeedRow[]> {
  const db = getDb();
  const fellDue = new Map(
    (await fellDueSinceStored(everything, now)).map((row) => [
      `${row.departmentId}\u0000${row.courseId}`,
      row.count,
    ]),
  );
  let after: { departmentId: string; courseId: string } | null = null;
  for (;;) {
    const rows: Awaited<ReturnType<typeof db.progressTotal.findMany>> =
      await db.progressTotal.findMany({
        where: after
          ? {
              OR: [
                { departmentId: { gt: after.departmentId } },
                { departmentId: after.departmentId, courseId: { gt: after.courseId } },
              ],
            }
          : {},
        orderBy: [{ departmentId: "asc" }, { courseId: "asc" }],
        take: batchSize,
      });
    if (rows.length === 0) return;
    const [departments, courses] = await Promise.all([
      db.department.findMany({
        where: { id: { in: [...new Set(rows.map((r) => r.departmentId))] } },
        select: { id: true, name: true, code: true },
      }),
      db.course.findMany({
        where: { id: { in: [...new Set(rows.map((r) => r.courseId))] } },
        select: { id: true, title: true },
      }),
    ]);
    const departmentOf = new Map(departments.map((d) => [d.id, d]));
    const titleOf = new Map(courses.map((c) => [c.id, c.title]));
    yield rows.map((row) => {
      const counters = derive(
        withFellDue(row, fellDue.get(`${row.departmentId}\u0000${row.courseId}`) ?? 0),
      );
      const department =
        row.departmentId === NO_DEPARTMENT ? undefined : departmentOf.get(row.departmentId);
      return {
        department_id: row.departmentId === NO_DEPARTMENT ? null : row.departmentId,
        department_code: department?.code ?? null,
        department: department?.name ?? null,
        course_id: row.courseId,
        course: titleOf.get(row.courseId) ?? "",
        assigned: counters.assigned,
        not_started: counters.notStarted,
        in_progress: counters.inProgress,
        completed: counters.completed,
        completed_on_time: counters.completedOnTime,
        overdue: counters.overdue,
        completion_pct: counters.completionPct,
        average_score: counters.averageScore,
      };
    });
    if (rows.length < batchSize) return;
    const { departmentId, courseId } = rows.at(-1)!;
    after = { departmentId, courseId };
  }
}
