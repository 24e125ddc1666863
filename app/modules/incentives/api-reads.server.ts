// What the REST API (decision 044) reads of points and kudos: pages in id order after a cursor.
import { afterCursor, inIdOrder, type CursorPage } from "~/lib/pagination.server";
import { getDb } from "~/lib/db.server";

export async function pointsPage(
  page: CursorPage & {
    userId?: string;
    since?: Date;
  },
) {
  return getDb().pointsEntry.findMany({
    where: {
      ...afterCursor(page),
      ...(page.userId ? { userId: page.userId } : {}),
      ...(page.since ? { createdAt: { gte: page.since } } : {}),
    },
    ...inIdOrder(page),
    select: {
      id: true,
      userId: true,
      departmentId: true,
      points: true,
      kind: true,
      sourceType: true,
      sourceId: true,
      reason: true,
      initiativeId: true,
      createdAt: true,
    },
  });
}

export async function kudosPage(
  page: CursorPage & {
    userId?: string;
    since?: Date;
  },
) {
  return getDb().kudos.findMany({
    where: {
      ...afterCursor(page),
      ...(page.userId ? { OR: [{ fromId: page.userId }, { toId: page.userId }] } : {}),
      ...(page.since ? { createdAt: { gte: page.since } } : {}),
    },
    ...inIdOrder(page),
    select: {
      id: true,
      fromId: true,
      toId: true,
      fromDepartmentId: true,
      toDepartmentId: true,
      message: true,
      points: true,
      createdAt: true,
      value: { select: { name: true } },
    },
  });
}
