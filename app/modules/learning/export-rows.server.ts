import { getDb, Prisma } from "~/lib/db.server";
import type { displayStatus } from "./matching";

// Current enrolments for large report exports (300,000 rows), one raw keyset query per
// batch: Prisma's findMany spends ~15 µs per row building objects (over 4 s for the whole
// table), a plain SELECT a fraction of that. Only the learning module's own tables are read
// here; people, courses and departments are the caller's to look up through Prisma.
// The SQL also runs on PostgreSQL. Dates are bound as Date parameters, which the SQLite
// adapter writes in the stored ISO-8601 text form ("2025-12-03T09:02:52.967+00:00"), so
// they compare as text in SQLite and as timestamps in PostgreSQL.

type DisplayStatus = ReturnType<typeof displayStatus>;

export interface CurrentEnrolmentQuery {
  /** Whose enrolments to read: the caller applies "active" and any person search. */
  userIds: readonly string[];
  /** null: every department (of the enrolment), every course. */
  departmentIds: readonly string[] | null;
  courseIds: readonly string[] | null;
  assignedFrom: Date | null;
  assignedBefore: Date | null;
  /** One displayed status (OVERDUE and EXPIRED are derived from dates, as in displayStatus). */
  status: DisplayStatus | undefined;
  now: Date;
}

export interface CurrentEnrolmentRow {
  id: string;
  userId: string;
  courseId: string;
  versionId: string;
  departmentId: string | null;
  /** The displayed status, as displayStatus derives it. */
  status: DisplayStatus;
  /** Days (UTC) as "YYYY-MM-DD". */
  assignedOn: string;
  dueOn: string | null;
  completedOn: string | null;
  bestScore: number | null;
  /** A count: some drivers return it as a bigint. */
  lessonsDone: number | bigint;
}

// SQLite's historical limit is 999 parameters per statement; the fixed ones come on top.
const LIST_PARAMS = 900;

// The UTC day as text, without a Date per value: SQLite stores ISO-8601 text and PostgreSQL's
// timestamp(3) casts to "YYYY-MM-DD hh:mm:ss.sss"; both start with the day.
const day = (column: string) => Prisma.raw(`substr(CAST(e."${column}" AS TEXT), 1, 10)`);

/** Mirrors reports' statusWhere: the stored status plus the dates that derive the shown one. */
function statusSql(status: DisplayStatus | undefined, now: Date): Prisma.Sql {
  switch (status) {
    case "OVERDUE":
      return Prisma.sql`AND e."status" IN ('NOT_STARTED', 'IN_PROGRESS') AND e."dueAt" < ${now}`;
    case "NOT_STARTED":
    case "IN_PROGRESS":
      return Prisma.sql`AND e."status" = ${status} AND (e."dueAt" IS NULL OR e."dueAt" >= ${now})`;
    case "COMPLETED":
      return Prisma.sql`AND e."status" = 'COMPLETED' AND (e."expiresAt" IS NULL OR e."expiresAt" > ${now})`;
    case "EXPIRED":
      return Prisma.sql`AND e."status" = 'COMPLETED' AND e."expiresAt" <= ${now}`;
    default:
      return Prisma.empty;
  }
}

/**
 * Current enrolments (not withdrawn, not renewed) of `userIds`, in id order, `batchSize` per
 * query, with the number of lessons done. Memory stays one batch; the next query runs when
 * the consumer asks for the next batch.
 */
export async function* currentEnrolmentBatches(
  query: CurrentEnrolmentQuery,
  batchSize: number,
): AsyncGenerator<CurrentEnrolmentRow[]> {
  const lists = [
    ["departmentId", query.departmentIds],
    ["courseId", query.courseIds],
    ["userId", query.userIds],
  ] as const;
  if (lists.some(([, ids]) => ids?.length === 0)) return;
  // Short lists narrow the query in SQL; longer ones (all 20,000 people, say) are checked
  // here instead, so no statement exceeds the parameter limit.
  let budget = LIST_PARAMS;
  const inSql: Prisma.Sql[] = [];
  const inCode: [(row: CurrentEnrolmentRow) => string | null, Set<string | null>][] = [];
  for (const [column, ids] of lists) {
    if (!ids) continue;
    if (ids.length <= budget) {
      budget -= ids.length;
      inSql.push(Prisma.sql`AND e.${Prisma.raw(`"${column}"`)} IN (${Prisma.join(ids)})`);
    } else {
      inCode.push([(row) => row[column], new Set(ids)]);
    }
  }
  const filters = Prisma.join(
    [
      ...inSql,
      query.assignedFrom ? Prisma.sql`AND e."assignedAt" >= ${query.assignedFrom}` : Prisma.empty,
      query.assignedBefore
        ? Prisma.sql`AND e."assignedAt" < ${query.assignedBefore}`
        : Prisma.empty,
      statusSql(query.status, query.now),
    ],
    " ",
  );
  const db = getDb();
  const now = query.now;
  let cursor = "";
  for (;;) {
    const rows = await db.$queryRaw<CurrentEnrolmentRow[]>`
      SELECT e."id", e."userId", e."courseId", e."versionId", e."departmentId",
        CASE
          WHEN e."status" = 'COMPLETED' THEN
            CASE WHEN e."expiresAt" <= ${now} THEN 'EXPIRED' ELSE 'COMPLETED' END
          WHEN e."dueAt" < ${now} THEN 'OVERDUE'
          WHEN e."status" = 'IN_PROGRESS' THEN 'IN_PROGRESS'
          ELSE 'NOT_STARTED'
        END AS "status",
        ${day("assignedAt")} AS "assignedOn",
        ${day("dueAt")} AS "dueOn",
        ${day("completedAt")} AS "completedOn",
        e."bestScore",
        (SELECT count(*) FROM "LessonProgress" p WHERE p."enrolmentId" = e."id") AS "lessonsDone"
      FROM "Enrolment" e
      WHERE e."id" > ${cursor} AND e."status" <> 'WITHDRAWN' AND e."renewedAt" IS NULL ${filters}
      ORDER BY e."id"
      LIMIT ${batchSize}`;
    if (rows.length === 0) return;
    cursor = rows[rows.length - 1]!.id;
    const kept = inCode.length
      ? rows.filter((row) => inCode.every(([key, ids]) => ids.has(key(row))))
      : rows;
    if (kept.length > 0) yield kept;
    if (rows.length < batchSize) return;
  }
}
