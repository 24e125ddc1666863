import { getDb, type Prisma } from "~/lib/db.server";
import { NotFoundError } from "~/lib/errors";
import { paginate } from "~/lib/pagination.server";
import { assertCan, type Principal } from "~/lib/permissions";
import { DISPLAY_STATUS_CONDITIONS } from "~/modules/learning";
import { conditionWhere, enrolmentStatusWhere } from "~/modules/learning/index.server";
import { summaryInScope } from "./counters.server";
import { enrolmentRowSelect, lessonsDoneBy, toReportRow } from "./rows.server";
import type { ReportFilters } from "./schemas";
import { enrolmentWhere, resolveScope, type ReportScope } from "./scope.server";
import { containsText } from "~/lib/text-search.server";

// The people behind a report: a department's people, a course's learners, the overdue list.

export const ENROLMENT_PAGE_SIZE = 50;

/** The enrolments of a list: in scope, of the status asked for, matching the person search. */
function listWhere(
  scope: ReportScope,
  filters: ReportFilters,
  statusWhere: Prisma.EnrolmentWhereInput,
): Prisma.EnrolmentWhereInput {
  return {
    AND: [
      enrolmentWhere(scope),
      statusWhere,
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

/**
 * A page of the overdue list, oldest due first: one query per stored status (not started,
 * in progress) for the page's keys, each walking its (status, dueAt) index and stopping at
 * the page's end, merged here; then the page's rows. One query with `status IN (…)` read
 * and sorted all ~99,000 overdue rows at 20,000 staff to show 50 (decision 028). A deep
 * page reads skip + take keys of each status.
 */
async function overduePage(
  scope: ReportScope,
  filters: ReportFilters,
  now: Date,
  { skip, take }: { skip: number; take: number },
) {
  const db = getDb();
  const overdue = DISPLAY_STATUS_CONDITIONS.OVERDUE;
  const perStatus = await Promise.all(
    overdue.stored.map((status) =>
      db.enrolment.findMany({
        // `status = …` alone: beside `status IN (…)` SQLite still sorted every row.
        where: listWhere(scope, filters, conditionWhere({ ...overdue, stored: [status] }, now)),
        orderBy: [{ dueAt: "asc" }, { id: "asc" }],
        take: skip + take,
        select: { id: true, dueAt: true },
      }),
    ),
  );
  type Key = (typeof perStatus)[number][number];
  const byDueThenId = (a: Key, b: Key) =>
    a.dueAt!.getTime() - b.dueAt!.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const ids = perStatus
    .flat()
    .sort(byDueThenId)
    .slice(skip, skip + take)
    .map((key) => key.id);
  const rows = await db.enrolment.findMany({
    where: { id: { in: ids } },
    select: enrolmentRowSelect,
  });
  const position = new Map(ids.map((id, i) => [id, i]));
  return rows.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
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
  return listInScope(await resolveScope(viewer, filters), filters, now);
}

/**
 * A drill-down page (a department's or a course's): its totals and its people, from one
 * reading of the scope (each reads every department's name and parent).
 */
export async function drillDownReport(viewer: Principal, filters: ReportFilters, now = new Date()) {
  const scope = await resolveScope(viewer, filters);
  const [summary, list] = await Promise.all([
    summaryInScope(scope, filters, now),
    listInScope(scope, filters, now),
  ]);
  return { summary, list };
}

async function listInScope(scope: ReportScope, filters: ReportFilters, now: Date) {
  const db = getDb();
  const where = listWhere(scope, filters, enrolmentStatusWhere(filters.status, now));
  // The overdue list's total comes from the counters (the same set; counting ~100k rows live is slow).
  const page = paginate(filters.page, ENROLMENT_PAGE_SIZE);
  const countFromCounters = filters.status === "OVERDUE" && !filters.q;
  const [total, rows] = await Promise.all([
    countFromCounters
      ? summaryInScope(scope, filters, now).then((summary) => summary.overdue)
      : db.enrolment.count({ where }),
    filters.status === "OVERDUE"
      ? overduePage(scope, filters, now, page)
      : db.enrolment.findMany({
          where,
          orderBy: [{ user: { name: "asc" } }, { course: { title: "asc" } }, { id: "asc" }],
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
