import { getDb, type Prisma } from "~/lib/db.server";
import { scopeWhere, type Principal } from "~/lib/permissions";
import { containsText } from "~/lib/text-search.server";
import type { PickerOption, PickerPage } from "~/lib/ui/search-picker";
import type { ReportOptionsQuery } from "./schemas";

// The report filters' department and course pickers load their options on demand (decision
// 030): 150 departments and 400 courses as <option>s were 31 KB of every report page, twice
// (HTML and loader data). The page gets only the names of the chosen values.

export const PICKER_PAGE_SIZE = 20;

const departmentWhere = (viewer: Principal): Prisma.DepartmentWhereInput =>
  scopeWhere(viewer, "read", "Report", {
    department: (ids): Prisma.DepartmentWhereInput => ({ id: { in: ids } }),
  });

// The courses a report can be filtered by: every published or archived one (as before).
const courseWhere: Prisma.CourseWhereInput = { status: { not: "DRAFT" } };

/** One page of the departments or courses matching `q`, in the viewer's report scope. */
export async function searchReportOptions(
  viewer: Principal,
  { kind, q, page }: ReportOptionsQuery,
): Promise<PickerPage> {
  const db = getDb();
  const skip = (page - 1) * PICKER_PAGE_SIZE;
  // One more than a page tells whether there is a next one.
  const take = PICKER_PAGE_SIZE + 1;
  const rows =
    kind === "department"
      ? (
          await db.department.findMany({
            where: { AND: [departmentWhere(viewer), q ? { name: containsText(q) } : {}] },
            select: { id: true, name: true },
            orderBy: [{ name: "asc" }, { id: "asc" }],
            skip,
            take,
          })
        ).map((d) => ({ value: d.id, label: d.name }))
      : (
          await db.course.findMany({
            where: { AND: [courseWhere, q ? { title: containsText(q) } : {}] },
            select: { id: true, title: true },
            orderBy: [{ title: "asc" }, { id: "asc" }],
            skip,
            take,
          })
        ).map((c) => ({ value: c.id, label: c.title }));
  return { options: rows.slice(0, PICKER_PAGE_SIZE), hasMore: rows.length > PICKER_PAGE_SIZE };
}

/**
 * The chosen department and course of a report's filters with their names, for the pickers'
 * first render; a value outside the viewer's scope (or unknown) is null.
 */
export async function selectedReportOptions(
  viewer: Principal,
  filters: { department?: string; course?: string },
): Promise<{ department: PickerOption | null; course: PickerOption | null }> {
  const db = getDb();
  const [department, course] = await Promise.all([
    filters.department
      ? db.department.findFirst({
          where: { AND: [departmentWhere(viewer), { id: filters.department }] },
          select: { id: true, name: true },
        })
      : null,
    filters.course
      ? db.course.findFirst({
          where: { AND: [courseWhere, { id: filters.course }] },
          select: { id: true, title: true },
        })
      : null,
  ]);
  return {
    department: department && { value: department.id, label: department.name },
    course: course && { value: course.id, label: course.title },
  };
}
