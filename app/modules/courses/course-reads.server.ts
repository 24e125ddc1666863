// Small reads of courses for other modules (the initiatives' required-course picker).
import { getDb } from "~/lib/db.server";
import { paginate } from "~/lib/pagination.server";
import { containsText } from "~/lib/text-search.server";

const PICKER_PAGE_SIZE = 20;

/** Published courses matching `q` by title, a picker's page. */
export async function searchPublishedCourses(q: string, pageNumber = 1) {
  const { skip, take } = paginate(pageNumber, PICKER_PAGE_SIZE);
  const rows = await getDb().course.findMany({
    where: { status: "PUBLISHED", ...(q ? { title: containsText(q) } : {}) },
    select: { id: true, title: true },
    orderBy: [{ title: "asc" }, { id: "asc" }],
    skip,
    take: take + 1,
  });
  return {
    options: rows.slice(0, take).map((row) => ({ value: row.id, label: row.title })),
    hasMore: rows.length > take,
  };
}

/** Title and status of the given courses (id → course), one query. */
export async function courseSummaries(courseIds: readonly string[]) {
  if (courseIds.length === 0) return new Map<string, { title: string; status: string }>();
  const rows = await getDb().course.findMany({
    where: { id: { in: [...courseIds] } },
    select: { id: true, title: true, status: true },
  });
  return new Map(rows.map((row) => [row.id, { title: row.title, status: row.status as string }]));
}
