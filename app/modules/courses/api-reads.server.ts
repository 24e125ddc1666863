// What the REST API (decision 044) reads of courses: pages in id order after a cursor.
import { afterCursor, inIdOrder, type CursorPage } from "~/lib/pagination.server";
import { getDb, type CourseStatus, type Prisma } from "~/lib/db.server";

const courseColumns = {
  id: true,
  title: true,
  summary: true,
  category: true,
  status: true,
  estimatedMinutes: true,
  tags: true,
  passMark: true,
  latestVersion: true,
  ownerId: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.CourseSelect;

export async function coursesPage(
  page: CursorPage & {
    status?: CourseStatus;
    updatedSince?: Date;
  },
) {
  return getDb().course.findMany({
    where: {
      ...afterCursor(page),
      ...(page.status ? { status: page.status } : {}),
      ...(page.updatedSince ? { updatedAt: { gte: page.updatedSince } } : {}),
    },
    ...inIdOrder(page),
    select: courseColumns,
  });
}

export async function courseById(id: string) {
  return getDb().course.findUnique({ where: { id }, select: courseColumns });
}
