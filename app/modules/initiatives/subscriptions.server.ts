// The initiatives module's subscribers (decision 040), installed by app/subscribers.server.ts.
import { raise, subscribe } from "~/lib/domain-events.server";
import { getDb, type DbTx } from "~/lib/db.server";
import { completedCourseIds, peopleWhoCompletedAllPage } from "~/modules/learning/index.server";
import { departmentAndTree, departmentNames } from "~/modules/org/index.server";
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

/**
 * The initiative badge's backfill (handed to incentives through app/subscribers.server.ts):
 * one page of the people who have completed every required course of an initiative reaching
 * their department, in id order. Each initiative is asked for a page; the pages are merged.
 */
export async function initiativeFinishersPage(after: string, take: number) {
  const db = getDb();
  const initiatives = await db.initiative.findMany({
    where: { courses: { some: {} } },
    select: {
      departments: { select: { departmentId: true, includeSubDepartments: true } },
      courses: { select: { courseId: true } },
    },
  });
  const nodes = await departmentNames();
  const pages = await Promise.all(
    initiatives.map((initiative) =>
      peopleWhoCompletedAllPage(
        initiative.courses.map((course) => course.courseId),
        expandTargets(initiative.departments, nodes),
        after,
        take,
      ),
    ),
  );
  const rows = [...new Set(pages.flat())].sort().slice(0, take);
  // Another page may follow while any initiative's own page was full.
  const more = rows.length === take || pages.some((page) => page.length === take);
  return { rows, next: more && rows.length > 0 ? rows[rows.length - 1]! : null };
}
