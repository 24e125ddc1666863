// The initiatives module's subscribers (decision 040), installed by app/subscribers.server.ts.
import { raise, subscribe } from "~/lib/domain-events.server";
import type { DbTx } from "~/lib/db.server";
import { completedCourseIds } from "~/modules/learning/index.server";
import { departmentAndTree } from "~/modules/org/index.server";
import { expandTargets } from "./access.server";

/**
 * The initiatives requiring this course whose every required course the person has now
 * completed, among those reaching the person's department (read inside `tx`).
 */
export async function initiativesCompletedBy(tx: DbTx, userId: string, courseId: string) {
  const requiring = await tx.initiativeCourse.findMany({
    where: { courseId },
    select: { initiativeId: true },
  });
  if (requiring.length === 0) return [];
  const [{ departmentId, nodes }, initiatives] = await Promise.all([
    departmentAndTree(tx, userId),
    tx.initiative.findMany({
      where: { id: { in: requiring.map((row) => row.initiativeId) } },
      select: {
        id: true,
        departments: { select: { departmentId: true, includeSubDepartments: true } },
        courses: { select: { courseId: true } },
      },
    }),
  ]);
  if (!departmentId) return [];
  const reaching = initiatives.filter((initiative) =>
    expandTargets(initiative.departments, nodes).includes(departmentId),
  );
  const courseIds = [...new Set(reaching.flatMap((i) => i.courses.map((c) => c.courseId)))];
  const done = await completedCourseIds(tx, userId, courseIds);
  return reaching
    .filter((initiative) => initiative.courses.every((course) => done.has(course.courseId)))
    .map((initiative) => initiative.id);
}

export function installInitiativeSubscribers(): void {
  subscribe("course.completed", async (tx, event) => {
    for (const initiativeId of await initiativesCompletedBy(tx, event.userId, event.courseId)) {
      await raise(tx, "initiative.courses_completed", {
        userId: event.userId,
        initiativeId,
        at: event.at,
      });
    }
  });
}
