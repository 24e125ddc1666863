import { getDb, type EnrolmentStatus, type Prisma } from "~/lib/db.server";
import { childrenByParent, withDescendants } from "~/lib/department-tree";
import { ForbiddenError, NotFoundError } from "~/lib/errors";
import { assertCan, can, canOnAll, type Principal } from "~/lib/permissions";
import { readAuditNote } from "~/modules/audit/index.server";
import {
  currentEnrolmentBatches,
  currentEnrolmentWhere,
  fellDueWhere,
  overdueAsOf,
} from "~/modules/learning/index.server";
import { displayStatus } from "~/modules/learning";
import { addInto, derive, emptyMetrics, type Metrics } from "./metrics";
import type { ReportFilters } from "./schemas";

// Read side of tracking. Counters come from ProgressStat (kept by the learning module);
// overdue is counted live because it changes with the clock. Every query is limited to
// the viewer's reach: HR and admins see everything, managers their departments' trees.

export const ENROLMENT_PAGE_SIZE = 50;
export const COURSE_PAGE_SIZE = 25;
const NO_DEPARTMENT = "";

interface DepartmentRow {
  id: string;
  name: string;
  parentId: string | null;
}

export interface ReportScope {
  /** null: every department and people without one. */
  departmentIds: string[] | null;
  /** null: every course. */
  courseIds: string[] | null;
  assignedFrom: Date | null;
  assignedBefore: Date | null;
  departments: DepartmentRow[];
}

const monthStart = (month: string) => new Date(`${month}-01T00:00:00.000Z`);
const nextMonthStart = (month: string) => {
  const date = monthStart(month);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return date;
};

/** The departments and courses a report covers for this viewer and these filters. */
export async function resolveScope(
  viewer: Principal,
  filters: ReportFilters,
): Promise<ReportScope> {
  if (!can(viewer, "read", "Report")) throw new ForbiddenError();
  const db = getDb();
  const [departments, courses] = await Promise.all([
    db.department.findMany({
      select: { id: true, name: true, parentId: true },
      orderBy: { name: "asc" },
    }),
    filters.category
      ? db.course.findMany({ where: { category: filters.category }, select: { id: true } })
      : Promise.resolve(null),
  ]);
  let departmentIds: string[] | null = canOnAll(viewer, "read", "Report")
    ? null
    : [...viewer.scopeDepartmentIds];
  if (filters.department) {
    if (!departments.some((d) => d.id === filters.department)) throw new NotFoundError();
    assertCan(viewer, "read", { type: "Report", departmentId: filters.department });
    departmentIds = filters.sub
      ? withDescendants(departments, [filters.department])
      : [filters.department];
  }
  let courseIds: string[] | null = courses ? courses.map((c) => c.id) : null;
  if (filters.course)
    courseIds = courseIds ? courseIds.filter((id) => id === filters.course) : [filters.course];
  return {
    departmentIds,
    courseIds,
    assignedFrom: filters.from ? monthStart(filters.from) : null,
    assignedBefore: filters.to ? nextMonthStart(filters.to) : null,
    departments,
  };
}

function pairWhere(scope: ReportScope) {
  return {
    ...(scope.departmentIds ? { departmentId: { in: scope.departmentIds } } : {}),
    ...(scope.courseIds ? { courseId: { in: scope.courseIds } } : {}),
  };
}

const hasMonthFilter = (filters: ReportFilters) => Boolean(filters.from || filters.to);

function statWhere(scope: ReportScope, filters: ReportFilters): Prisma.ProgressStatWhereInput {
  return {
    ...pairWhere(scope),
    ...(filters.from || filters.to
      ? {
          month: {
            ...(filters.from ? { gte: filters.from } : {}),
            ...(filters.to ? { lte: filters.to } : {}),
          },
        }
      : {}),
  };
}

/** Current enrolments in scope (the rows behind the counters). */
export function enrolmentWhere(scope: ReportScope): Prisma.EnrolmentWhereInput {
  return {
    ...currentEnrolmentWhere,
    ...(scope.departmentIds ? { departmentId: { in: scope.departmentIds } } : {}),
    ...(scope.courseIds ? { courseId: { in: scope.courseIds } } : {}),
    ...(scope.assignedFrom || scope.assignedBefore
      ? {
          assignedAt: {
            ...(scope.assignedFrom ? { gte: scope.assignedFrom } : {}),
            ...(scope.assignedBefore ? { lt: scope.assignedBefore } : {}),
          },
        }
      : {}),
  };
}

const OPEN: EnrolmentStatus[] = ["NOT_STARTED", "IN_PROGRESS"];

/** The where-clause for one displayed status (OVERDUE/EXPIRED are date-derived). */
export function statusWhere(
  status: ReportFilters["status"],
  now: Date,
): Prisma.EnrolmentWhereInput {
  switch (status) {
    case "OVERDUE":
      return { status: { in: OPEN }, dueAt: { lt: now } };
    case "NOT_STARTED":
    case "IN_PROGRESS":
      return { status, OR: [{ dueAt: null }, { dueAt: { gte: now } }] };
    case "COMPLETED":
      return { status: "COMPLETED", OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
    case "EXPIRED":
      return { status: "COMPLETED", expiresAt: { lte: now } };
    default:
      return {};
  }
}

const statSums = {
  assigned: true,
  notStarted: true,
  inProgress: true,
  completed: true,
  completedOnTime: true,
  scoreSum: true,
  scoreCount: true,
  overdue: true,
} as const;

type StatSums = {
  assigned: number | null;
  notStarted: number | null;
  inProgress: number | null;
  completed: number | null;
  completedOnTime: number | null;
  scoreSum: number | null;
  scoreCount: number | null;
  overdue: number | null;
};

/** Stored counters plus the enrolments that fell due since they were stored. */
const metricsOf = (sums: StatSums, fellDue = 0): Metrics => ({
  assigned: sums.assigned ?? 0,
  notStarted: sums.notStarted ?? 0,
  inProgress: sums.inProgress ?? 0,
  completed: sums.completed ?? 0,
  completedOnTime: sums.completedOnTime ?? 0,
  scoreSum: sums.scoreSum ?? 0,
  scoreCount: sums.scoreCount ?? 0,
  overdue: (sums.overdue ?? 0) + fellDue,
});

/** Counters grouped by department or course: the month-less table unless months are filtered. */
async function groupedCounters(
  by: "departmentId" | "courseId",
  scope: ReportScope,
  filters: ReportFilters,
): Promise<{ key: string; sums: StatSums }[]> {
  const db = getDb();
  if (!hasMonthFilter(filters)) {
    const rows = await db.progressTotal.groupBy({
      by: [by],
      where: pairWhere(scope),
      _sum: statSums,
    });
    return rows.map((row) => ({ key: row[by], sums: row._sum }));
  }
  const rows = await db.progressStat.groupBy({
    by: [by],
    where: statWhere(scope, filters),
    _sum: statSums,
  });
  return rows.map((row) => ({ key: row[by], sums: row._sum }));
}

/** Open enrolments in scope that fell due after the stored counters' moment, by pair. */
async function fellDueSince(scope: ReportScope, now: Date) {
  const db = getDb();
  const asOf = await overdueAsOf(db);
  if (now <= asOf) return [];
  const rows = await db.enrolment.groupBy({
    by: ["departmentId", "courseId"],
    where: { AND: [enrolmentWhere(scope), fellDueWhere(asOf, now)] },
    _count: { _all: true },
  });
  return rows.map((row) => ({
    departmentId: row.departmentId ?? NO_DEPARTMENT,
    courseId: row.courseId,
    count: row._count._all,
  }));
}

function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  const cursor = monthStart(from);
  const end = monthStart(to);
  while (cursor <= end && months.length < 120) {
    months.push(cursor.toISOString().slice(0, 7));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return months;
}

/** The completion dashboard: department tree roll-up, courses, and the three charts. */
export async function getDashboard(
  viewer: Principal,
  filters: ReportFilters,
  now = new Date(),
  options: { allCourses?: boolean } = {},
) {
  const db = getDb();
  const scope = await resolveScope(viewer, filters);
  const chartTo = filters.to ?? now.toISOString().slice(0, 7);
  const chartFrom =
    filters.from ??
    (() => {
      const start = monthStart(chartTo);
      start.setUTCMonth(start.getUTCMonth() - 11);
      return start.toISOString().slice(0, 7);
    })();
  const [byDepartment, byCourse, byMonth, fellDue] = await Promise.all([
    groupedCounters("departmentId", scope, filters),
    groupedCounters("courseId", scope, filters),
    db.progressStat.groupBy({
      by: ["month"],
      where: { ...pairWhere(scope), month: { gte: chartFrom, lte: chartTo } },
      _sum: { completionsInMonth: true },
    }),
    fellDueSince(scope, now),
  ]);

  // Enrolments that fell due since the counters were stored, added to their overdue.
  const fellDueByDepartment = new Map<string, number>();
  const fellDueByCourse = new Map<string, number>();
  for (const row of fellDue) {
    fellDueByDepartment.set(
      row.departmentId,
      (fellDueByDepartment.get(row.departmentId) ?? 0) + row.count,
    );
    fellDueByCourse.set(row.courseId, (fellDueByCourse.get(row.courseId) ?? 0) + row.count);
  }

  // Departments: own counters, then rolled up through the visible part of the tree.
  const own = new Map<string, Metrics>();
  for (const row of byDepartment) {
    own.set(row.key, metricsOf(row.sums, fellDueByDepartment.get(row.key)));
  }
  for (const [departmentId, count] of fellDueByDepartment) {
    if (!own.has(departmentId)) own.set(departmentId, { ...emptyMetrics(), overdue: count });
  }
  const visible = scope.departmentIds
    ? scope.departments.filter((d) => scope.departmentIds!.includes(d.id))
    : scope.departments;
  const visibleIds = new Set(visible.map((d) => d.id));
  const children = childrenByParent(visible);
  const roots = visible.filter((d) => !d.parentId || !visibleIds.has(d.parentId));
  const departmentRows: {
    id: string;
    name: string;
    depth: number;
    parentId: string | null;
    metrics: ReturnType<typeof derive>;
  }[] = [];
  const total = emptyMetrics();
  const rollUp = (node: DepartmentRow, depth: number): Metrics => {
    const rolled = addInto(emptyMetrics(), own.get(node.id) ?? emptyMetrics());
    const index = departmentRows.length;
    departmentRows.push({
      id: node.id,
      name: node.name,
      depth,
      parentId: node.parentId,
      metrics: derive(rolled),
    });
    for (const child of children.get(node.id) ?? []) addInto(rolled, rollUp(child, depth + 1));
    departmentRows[index]!.metrics = derive(rolled);
    return rolled;
  };
  for (const root of roots) addInto(total, rollUp(root, 0));
  const unassigned = scope.departmentIds ? undefined : own.get(NO_DEPARTMENT);
  if (unassigned) addInto(total, unassigned);

  // Courses: every course with counters in scope, by title; the table pages, charts use all.
  const courseIds = [...new Set([...byCourse.map((r) => r.key), ...fellDueByCourse.keys()])];
  const courses = await db.course.findMany({
    where: { id: { in: courseIds } },
    select: { id: true, title: true, category: true },
    orderBy: { title: "asc" },
  });
  const courseSums = new Map(byCourse.map((row) => [row.key, row.sums]));
  const courseRows = courses.map((course) => ({
    id: course.id,
    title: course.title,
    category: course.category,
    metrics: derive(
      metricsOf(courseSums.get(course.id) ?? ({} as StatSums), fellDueByCourse.get(course.id)),
    ),
  }));
  const coursePageCount = Math.max(1, Math.ceil(courseRows.length / COURSE_PAGE_SIZE));
  const coursePage = Math.min(filters.page, coursePageCount);

  const completionsByMonth = new Map(
    byMonth.map((row) => [row.month, row._sum.completionsInMonth ?? 0]),
  );
  return {
    total: derive(total),
    unassigned: unassigned ? derive(unassigned) : null,
    departments: departmentRows,
    courses: options.allCourses
      ? courseRows
      : courseRows.slice((coursePage - 1) * COURSE_PAGE_SIZE, coursePage * COURSE_PAGE_SIZE),
    courseCount: courseRows.length,
    coursePage,
    coursePageCount,
    charts: {
      completionByDepartment: departmentRows
        .filter((row) => row.depth <= (roots.length > 1 ? 0 : 1))
        .slice(0, 15)
        .map((row) => ({ name: row.name, completionPct: row.metrics.completionPct ?? 0 })),
      completionsOverTime: monthsBetween(chartFrom, chartTo).map((month) => ({
        month,
        completions: completionsByMonth.get(month) ?? 0,
      })),
      overdueByCourse: courseRows
        .filter((row) => row.metrics.overdue > 0)
        .sort((a, b) => b.metrics.overdue - a.metrics.overdue)
        .slice(0, 10)
        .map((row) => ({ title: row.title, overdue: row.metrics.overdue })),
    },
  };
}

/** Departments and courses for the filter selects (managers: their tree only). */
export async function reportFilterOptions(viewer: Principal) {
  const db = getDb();
  const everywhere = canOnAll(viewer, "read", "Report");
  const [departments, courses] = await Promise.all([
    db.department.findMany({
      where: everywhere ? {} : { id: { in: [...viewer.scopeDepartmentIds] } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
    db.course.findMany({
      where: { status: { not: "DRAFT" } },
      select: { id: true, title: true },
      orderBy: { title: "asc" },
    }),
  ]);
  return { departments, courses };
}

const rowSelect = {
  id: true,
  userId: true,
  courseId: true,
  status: true,
  assignedAt: true,
  dueAt: true,
  startedAt: true,
  completedAt: true,
  expiresAt: true,
  bestScore: true,
  user: { select: { name: true, email: true, department: { select: { name: true } } } },
  course: { select: { title: true } },
  version: { select: { lessonCount: true } },
} as const;
type RowRecord = Prisma.EnrolmentGetPayload<{ select: typeof rowSelect }>;

/** Lessons done per enrolment, for a page or a batch (one grouped query by primary key). */
async function lessonsDone(enrolmentIds: string[]): Promise<Map<string, number>> {
  const done = new Map<string, number>();
  // SQLite takes at most 999 parameters per statement.
  for (let i = 0; i < enrolmentIds.length; i += 900) {
    const rows = await getDb().lessonProgress.groupBy({
      by: ["enrolmentId"],
      where: { enrolmentId: { in: enrolmentIds.slice(i, i + 900) } },
      _count: { _all: true },
    });
    for (const row of rows) done.set(row.enrolmentId, row._count._all);
  }
  return done;
}

const progressPct = (row: RowRecord, done: number) =>
  row.status === "COMPLETED"
    ? 100
    : row.version.lessonCount === 0
      ? 0
      : Math.min(100, Math.round((done / row.version.lessonCount) * 100));

function toRow(row: RowRecord, now: Date, done = 0) {
  return {
    id: row.id,
    userId: row.userId,
    name: row.user.name,
    email: row.user.email,
    department: row.user.department?.name ?? null,
    courseId: row.courseId,
    courseTitle: row.course.title,
    status: displayStatus(row, now),
    assignedAt: row.assignedAt.toISOString(),
    dueAt: row.dueAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    progressPct: progressPct(row, done),
    bestScore: row.bestScore,
  };
}
export type EnrolmentReportRow = ReturnType<typeof toRow>;

function listWhere(
  scope: ReportScope,
  filters: ReportFilters,
  now: Date,
): Prisma.EnrolmentWhereInput {
  return {
    AND: [
      enrolmentWhere(scope),
      statusWhere(filters.status, now),
      filters.q
        ? {
            OR: [
              { user: { name: { contains: filters.q } } },
              { user: { email: { contains: filters.q.toLowerCase() } } },
            ],
          }
        : {},
    ],
  };
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
  const countFromCounters = filters.status === "OVERDUE" && !filters.q;
  const [total, rows] = await Promise.all([
    countFromCounters
      ? summaryFor(scope, filters, now).then((summary) => summary.overdue)
      : db.enrolment.count({ where }),
    db.enrolment.findMany({
      where,
      orderBy,
      skip: (filters.page - 1) * ENROLMENT_PAGE_SIZE,
      take: ENROLMENT_PAGE_SIZE,
      select: rowSelect,
    }),
  ]);
  const ids = rows.map((r) => r.id);
  const [reminders, done] = await Promise.all([
    db.reminderLog.groupBy({
      by: ["enrolmentId"],
      where: { enrolmentId: { in: ids }, event: "REMINDER" },
      _max: { createdAt: true },
    }),
    lessonsDone(ids),
  ]);
  const lastReminder = new Map(reminders.map((r) => [r.enrolmentId, r._max.createdAt]));
  return {
    total,
    page: filters.page,
    pageCount: Math.max(1, Math.ceil(total / ENROLMENT_PAGE_SIZE)),
    rows: rows.map((row) => ({
      ...toRow(row, now, done.get(row.id)),
      lastRemindedAt: lastReminder.get(row.id)?.toISOString() ?? null,
    })),
  };
}

/** Header facts for a department or course drill-down page. */
export async function getDepartmentHeader(viewer: Principal, departmentId: string) {
  const department = await getDb().department.findUnique({
    where: { id: departmentId },
    select: { id: true, name: true, parent: { select: { id: true, name: true } } },
  });
  if (!department) throw new NotFoundError();
  assertCan(viewer, "read", { type: "Report", departmentId });
  return department;
}

export async function getCourseHeader(viewer: Principal, courseId: string) {
  if (!can(viewer, "read", "Report")) throw new ForbiddenError();
  const course = await getDb().course.findUnique({
    where: { id: courseId },
    select: { id: true, title: true, category: true, status: true },
  });
  if (!course) throw new NotFoundError();
  return course;
}

/** What the enrolment export shows of a row; dates are UTC days ("YYYY-MM-DD"). */
export type EnrolmentExportRow = Pick<
  EnrolmentReportRow,
  | "name"
  | "email"
  | "department"
  | "courseTitle"
  | "status"
  | "assignedAt"
  | "dueAt"
  | "completedAt"
  | "progressPct"
  | "bestScore"
>;

/** Batches of enrolment rows for the CSV export, by id order; memory stays one batch. */
export async function enrolmentRowBatches(
  viewer: Principal,
  filters: ReportFilters,
  now = new Date(),
  // Small batches: the rows in flight stay few enough to die young (cheap to collect).
  batchSize = 250,
): Promise<AsyncGenerator<EnrolmentExportRow[]>> {
  // Scope is resolved (and refused, 403/404) before the response starts.
  const scope = await resolveScope(viewer, filters);
  return batchesIn(scope, filters, now, batchSize);
}

/**
 * Names for the export rows, looked up once per export instead of joined per row: every
 * active person (20,000 in the benchmark organisation: ~4 MB), every course and version.
 */
async function exportLookups(scope: ReportScope, q: string | undefined) {
  const db = getDb();
  const departments = new Map(scope.departments.map((d) => [d.id, d.name]));
  const people = new Map<string, { name: string; email: string; department: string | null }>();
  // Active people, and the person search of listWhere. Read 2,000 at a time, each page in a
  // one-query batch transaction (see currentEnrolmentBatches), so query results die young
  // instead of filling the old generation for the rest of the export.
  const where: Prisma.UserWhereInput = {
    active: true,
    ...(q ? { OR: [{ name: { contains: q } }, { email: { contains: q.toLowerCase() } }] } : {}),
  };
  const pageSize = 2000;
  let cursor: string | undefined;
  for (;;) {
    const [page] = await db.$transaction([
      db.user.findMany({
        where: cursor ? { AND: [where, { id: { gt: cursor } }] } : where,
        orderBy: { id: "asc" },
        take: pageSize,
        select: { id: true, name: true, email: true, departmentId: true },
      }),
    ]);
    for (const p of page) {
      people.set(p.id, {
        name: p.name,
        email: p.email,
        department: p.departmentId ? (departments.get(p.departmentId) ?? null) : null,
      });
    }
    if (page.length < pageSize) break;
    cursor = page[page.length - 1]!.id;
  }
  const [courses, versions] = await db.$transaction([
    db.course.findMany({ select: { id: true, title: true } }),
    db.courseVersion.findMany({ select: { id: true, lessonCount: true } }),
  ]);
  return {
    people,
    titles: new Map(courses.map((c) => [c.id, c.title])),
    lessonCounts: new Map(versions.map((v) => [v.id, v.lessonCount])),
  };
}

/** The rows of listWhere(scope, filters, now), from the learning module's keyset batches. */
async function* batchesIn(
  scope: ReportScope,
  filters: ReportFilters,
  now: Date,
  batchSize: number,
): AsyncGenerator<EnrolmentExportRow[]> {
  const { people, titles, lessonCounts } = await exportLookups(scope, filters.q);
  const batches = currentEnrolmentBatches(
    {
      userIds: people,
      departmentIds: scope.departmentIds,
      courseIds: scope.courseIds,
      assignedFrom: scope.assignedFrom,
      assignedBefore: scope.assignedBefore,
      status: filters.status,
      now,
    },
    batchSize,
  );
  for await (const batch of batches) {
    yield batch.map((row) => {
      const person = people.get(row.userId)!;
      const lessons = lessonCounts.get(row.versionId) ?? 0;
      return {
        name: person.name,
        email: person.email,
        department: person.department,
        courseTitle: titles.get(row.courseId) ?? "",
        status: row.status,
        assignedAt: row.assignedOn,
        dueAt: row.dueOn,
        completedAt: row.completedOn,
        // As progressPct: completions (lessonsDone null) are 100 %.
        progressPct:
          row.lessonsDone === null
            ? 100
            : lessons === 0
              ? 0
              : Math.min(100, Math.round((row.lessonsDone / lessons) * 100)),
        bestScore: row.bestScore,
      };
    });
  }
}

export const PERSON_PAGE_SIZE = 25;

/** A person's whole training record: enrolments (history included), attempts, certificates. */
export async function getPersonRecord(
  viewer: Principal,
  userId: string,
  page: number,
  now = new Date(),
) {
  const db = getDb();
  const person = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      jobTitle: true,
      active: true,
      departmentId: true,
      department: { select: { name: true } },
    },
  });
  if (!person) throw new NotFoundError();
  assertCan(viewer, "read", { type: "Report", departmentId: person.departmentId });
  const where = { userId };
  const [total, enrolments, counts] = await Promise.all([
    db.enrolment.count({ where }),
    db.enrolment.findMany({
      where,
      orderBy: [{ assignedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * PERSON_PAGE_SIZE,
      take: PERSON_PAGE_SIZE,
      select: {
        ...rowSelect,
        withdrawnAt: true,
        renewedAt: true,
        selfEnrolled: true,
        version: { select: { lessonCount: true, number: true } },
        attempts: {
          where: { submittedAt: { not: null } },
          orderBy: { number: "asc" },
          select: { number: true, score: true, passed: true, submittedAt: true },
        },
        certificate: { select: { id: true, code: true, issuedAt: true, expiresAt: true } },
        reminders: {
          orderBy: { createdAt: "asc" },
          select: { event: true, createdAt: true, sentById: true },
        },
      },
    }),
    db.enrolment.groupBy({
      by: ["status"],
      where: { userId, status: { not: "WITHDRAWN" }, renewedAt: null },
      _count: { _all: true },
    }),
  ]);
  const manual = await db.auditEvent.findMany({
    where: {
      // Reminders are already in the reminder log; this adds completions recorded by HR.
      action: "enrolment.complete_manual",
      subjectId: { in: enrolments.map((e) => e.id) },
    },
    orderBy: { createdAt: "asc" },
    select: {
      subjectId: true,
      action: true,
      createdAt: true,
      after: true,
      actor: { select: { name: true } },
    },
  });
  const overdue = await db.enrolment.count({
    where: { userId, renewedAt: null, ...statusWhere("OVERDUE", now) },
  });
  const countOf = (status: string) => counts.find((c) => c.status === status)?._count._all ?? 0;
  return {
    person: {
      id: person.id,
      name: person.name,
      email: person.email,
      jobTitle: person.jobTitle,
      active: person.active,
      department: person.department?.name ?? null,
    },
    summary: {
      assigned: counts.reduce((sum, c) => sum + c._count._all, 0),
      completed: countOf("COMPLETED"),
      inProgress: countOf("IN_PROGRESS"),
      notStarted: countOf("NOT_STARTED"),
      overdue,
    },
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / PERSON_PAGE_SIZE)),
    enrolments: enrolments.map((e) => ({
      ...toRow(e, now),
      stored: e.status,
      versionNumber: e.version.number,
      selfEnrolled: e.selfEnrolled,
      startedAt: e.startedAt?.toISOString() ?? null,
      withdrawnAt: e.withdrawnAt?.toISOString() ?? null,
      renewedAt: e.renewedAt?.toISOString() ?? null,
      open: e.status === "NOT_STARTED" || e.status === "IN_PROGRESS",
      attempts: e.attempts.map((a) => ({
        number: a.number,
        score: a.score,
        passed: a.passed,
        submittedAt: a.submittedAt?.toISOString() ?? null,
      })),
      certificate: e.certificate
        ? {
            id: e.certificate.id,
            code: e.certificate.code,
            issuedAt: e.certificate.issuedAt.toISOString(),
            expiresAt: e.certificate.expiresAt?.toISOString() ?? null,
          }
        : null,
      history: [
        ...e.reminders.map((r) => ({
          kind: r.event,
          at: r.createdAt.toISOString(),
          by: null,
          note: null,
        })),
        ...manual
          .filter((m) => m.subjectId === e.id)
          .map((m) => ({
            kind: m.action,
            at: m.createdAt.toISOString(),
            by: m.actor?.name ?? null,
            note: readAuditNote(m.after),
          })),
      ].sort((a, b) => a.at.localeCompare(b.at)),
    })),
  };
}

/** Totals for a drill-down header (the same counters as the dashboard's rows). */
export async function getSummary(viewer: Principal, filters: ReportFilters, now = new Date()) {
  return summaryFor(await resolveScope(viewer, filters), filters, now);
}

async function summaryFor(scope: ReportScope, filters: ReportFilters, now: Date) {
  const db = getDb();
  const [sums, fellDue] = await Promise.all([
    hasMonthFilter(filters)
      ? db.progressStat.aggregate({ where: statWhere(scope, filters), _sum: statSums })
      : db.progressTotal.aggregate({ where: pairWhere(scope), _sum: statSums }),
    fellDueSince(scope, now),
  ]);
  return derive(
    metricsOf(
      sums._sum,
      fellDue.reduce((sum, row) => sum + row.count, 0),
    ),
  );
}
