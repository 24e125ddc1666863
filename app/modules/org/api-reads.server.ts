// What the REST API (decision 044) reads of people and departments: pages in id order after
// a cursor, `limit + 1` rows so the caller knows whether another page follows.
import { afterCursor, inIdOrder, type CursorPage } from "~/lib/pagination.server";
import { getDb, type Prisma } from "~/lib/db.server";
import type { Role } from "~/lib/permissions";

const personColumns = {
  id: true,
  email: true,
  name: true,
  role: true,
  departmentId: true,
  jobTitle: true,
  hireDate: true,
  active: true,
  preferredLanguage: true,
  createdAt: true,
  updatedAt: true,
  managedDepartments: { select: { departmentId: true }, orderBy: { departmentId: "asc" } },
} satisfies Prisma.UserSelect;

export async function peoplePage(
  page: CursorPage & {
    departmentId?: string;
    role?: Role;
    active?: boolean;
    email?: string;
    updatedSince?: Date;
  },
) {
  return getDb().user.findMany({
    where: {
      ...afterCursor(page),
      ...(page.departmentId ? { departmentId: page.departmentId } : {}),
      ...(page.role ? { role: page.role } : {}),
      ...(page.active === undefined ? {} : { active: page.active }),
      ...(page.email ? { email: page.email.toLowerCase() } : {}),
      ...(page.updatedSince ? { updatedAt: { gte: page.updatedSince } } : {}),
    },
    ...inIdOrder(page),
    select: personColumns,
  });
}

export async function personById(id: string) {
  return getDb().user.findUnique({ where: { id }, select: personColumns });
}

export async function departmentsPage(page: CursorPage) {
  return getDb().department.findMany({
    where: afterCursor(page),
    ...inIdOrder(page),
    select: { id: true, name: true, code: true, parentId: true, createdAt: true, updatedAt: true },
  });
}
