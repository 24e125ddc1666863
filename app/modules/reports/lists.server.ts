import { getDb, type Prisma } from "~/lib/db.server";
import { NotFoundError } from "~/lib/errors";
import { paginate } from "~/lib/pagination.server";
import { assertCan, type Principal } from "~/lib/permissions";
import { enrolmentStatusWhere } from "~/modules/learning/index.server";
import { summaryInScope } from "./counters.server";
import { enrolmentRowSelect, lessonsDoneBy, toReportRow } from "./rows.server";
import type { ReportFilters } from "./schemas";
import { enrolmentWhere, resolveScope, type ReportScope } from "./scope.server";
import { containsText } from "~/lib/text-search.server";

// The people behind a report: a department's people, a course's learners, the overdue list.

export const ENROLMENT_PAGE_SIZE = 50;

/** The enrolments of a list: in scope, of the filtered status, matching the person search. */
function listWhere(
  scope: ReportScope,
  filters: ReportFilters,
  now: Date,
): Prisma.EnrolmentWhereInput {
  return {
    AND: [
      enrolmentWhere(scope),
      enrolmentStatusWhere(filters.status, now),
      filters.q
        ? {
            OR: [
              { user: { name: containsText(filters.q) } },
              { user: { email: { contains: filters.q.toLowerCase() } } },
            ],
          }
        : {},
    ],
  };
}

/** When each enrolment was last reminded. */
async function lastReminders(enrolmentIds: string[]): Promise<Map<string, Date | null>> {
  const reminders = await getDb().reminderLog.groupBy({
    by: ["enrolmentId"],
    where: { enrolmentId: { in: enrolmentIds }, event: "REMINDER" },
    _max: { createdAt: true },
  });
  return new Map(reminders.map((r) => [r.enrolmentId, r._max.createdAt]));
}

/**
 * The people behind a report, an enrolment per row: a department's people, a course's
 * learners, or the overdue list (status OVERDUE, oldest due first).
 */
export async function listEnrolmentRows(
  viewer: Principal,
  filters: ReportFilters,
  now = new Date(),
) {
  const db = getDb();
  const scope = await resolveScope(viewer, filters);
  const where = listWhere(scope, filters, now);
  const orderBy: Prisma.EnrolmentOrderByWithRelationInput[] =
    filters.status === "OVERDUE"
      ? [{ dueAt: "asc" }, { id: "asc" }]
      : [{ user: { name: "asc" } }, { course: { title: "asc" } }, { id: "asc" }];
  // The overdue list's total comes from the counters (the same set; counting ~100k rows live is slow).
  const page = paginate(filters.page, ENROLMENT_PAGE_SIZE);
  const countFromCounters = filters.status === "OVERDUE" && !filters.q;
  const [total, rows] = await Promise.all([
    countFromCounters
      ? summaryInScope(scope, filters, now).then((summary) => summary.overdue)
      : db.enrolment.count({ where }),
    db.enrolment.findMany({
      where,
      orderBy,
      skip: page.skip,
      take: page.take,
      select: enrolmentRowSelect,
    }),
  ]);
  const ids = rows.map((r) => r.id);
  const [reminded, done] = await Promise.all([lastReminders(ids), lessonsDoneBy(ids)]);
  return {
    ...page.summary(total),
    rows: rows.map((row) => ({
      ...toReportRow(row, now, done.get(row.id)),
      lastRemindedAt: reminded.get(row.id)?.toISOString() ?? null,
    })),
  };
}

/** Header facts for a department drill-down page. */
export async function getDepartmentHeader(viewer: Principal, departmentId: string) {
  const department = await getDb().department.findUnique({
    where: { id: departmentId },
    select: { id: true, name: true, parent: { select: { id: true, name: true } } },
  });
  if (!department) throw new NotFoundError();
  assertCan(viewer, "read", { type: "Report", departmentId });
  return department;
}

/** Header facts for a course drill-down page. */
export async function getCourseHeader(viewer: Principal, courseId: string) {
  assertCan(viewer, "read", "Report");
  const course = await getDb().course.findUnique({
    where: { id: courseId },
    select: { id: true, title: true, category: true, status: true },
  });
  if (!course) throw new NotFoundError();
  return course;
}
