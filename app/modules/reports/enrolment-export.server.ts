import { getDb, type Prisma } from "~/lib/db.server";
import type { Principal } from "~/lib/permissions";
import { currentEnrolmentBatches } from "~/modules/learning/index.server";
import { progressPercent, type EnrolmentReportRow } from "./rows.server";
import type { ReportFilters } from "./schemas";
import { resolveScope, type ReportScope } from "./scope.server";
import { containsText } from "~/lib/text-search.server";

// The rows of the enrolment export (300,000 and more): the learning module's keyset
// batches, with names looked up once per export instead of joined per row.

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

type ExportPerson = { name: string; email: string; department: string | null };

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
 * Every active person matching the list's person search (20,000 in the benchmark
 * organisation: ~4 MB), by id. Read 2,000 at a time, each page in a one-query batch
 * transaction (see currentEnrolmentBatches), so query results die young instead of
 * filling the old generation for the rest of the export.
 */
async function exportPeople(scope: ReportScope, q: string | undefined) {
  const db = getDb();
  const departments = new Map(scope.departments.map((d) => [d.id, d.name]));
  const people = new Map<string, ExportPerson>();
  const where: Prisma.UserWhereInput = {
    active: true,
    ...(q ? { OR: [{ name: containsText(q) }, { email: { contains: q.toLowerCase() } }] } : {}),
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
    if (page.length < pageSize) return people;
    cursor = page[page.length - 1]!.id;
  }
}

/** Names for the export rows: people, and every course and version. */
async function exportLookups(scope: ReportScope, q: string | undefined) {
  const db = getDb();
  const people = await exportPeople(scope, q);
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

/** The rows of the on-screen list (scope, status, search), from the learning module's batches. */
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
      return {
        name: person.name,
        email: person.email,
        department: person.department,
        courseTitle: titles.get(row.courseId) ?? "",
        status: row.status,
        assignedAt: row.assignedOn,
        dueAt: row.dueOn,
        completedAt: row.completedOn,
        // Completions (lessonsDone null) are 100 %, as on screen.
        progressPct: progressPercent(
          row.lessonsDone === null,
          row.lessonsDone ?? 0,
          lessonCounts.get(row.versionId) ?? 0,
        ),
        bestScore: row.bestScore,
      };
    });
  }
}
