// What the REST API (decision 044) reads of initiatives: pages in id order after a cursor.
import { afterCursor, inIdOrder, type CursorPage } from "~/lib/pagination.server";
import { getDb } from "~/lib/db.server";

export async function initiativesPage(page: CursorPage) {
  return getDb().initiative.findMany({
    where: afterCursor(page),
    ...inIdOrder(page),
    select: {
      id: true,
      name: true,
      goal: true,
      status: true,
      startDate: true,
      ownerId: true,
      createdAt: true,
      updatedAt: true,
      phases: {
        select: { id: true, name: true, startsOn: true, endsOn: true },
        orderBy: { startsOn: "asc" },
      },
      departments: { select: { departmentId: true } },
      courses: { select: { courseId: true } },
    },
  });
}
