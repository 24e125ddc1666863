// What the REST API (decision 044) reads of enrolments: pages in id order after a cursor,
// filtered by department, course, status or change time (incremental sync).
import { afterCursor, inIdOrder, type CursorPage } from "~/lib/pagination.server";
import { getDb, type EnrolmentStatus } from "~/lib/db.server";

export async function enrolmentsPage(
  page: CursorPage & {
    departmentId?: string;
    courseId?: string;
    userId?: string;
    status?: EnrolmentStatus;
    updatedSince?: Date;
  },
) {
  return getDb().enrolment.findMany({
    where: {
      ...afterCursor(page),
      ...(page.departmentId ? { departmentId: page.departmentId } : {}),
      ...(page.courseId ? { courseId: page.courseId } : {}),
      ...(page.userId ? { userId: page.userId } : {}),
      ...(page.status ? { status: page.status } : {}),
      ...(page.updatedSince ? { updatedAt: { gte: page.updatedSince } } : {}),
    },
    ...inIdOrder(page),
    select: {
      id: true,
      userId: true,
      courseId: true,
      departmentId: true,
      status: true,
      selfEnrolled: true,
      assignedAt: true,
      dueAt: true,
      startedAt: true,
      completedAt: true,
      expiresAt: true,
      bestScore: true,
      updatedAt: true,
      version: { select: { number: true } },
      certificate: { select: { code: true } },
    },
  });
}
