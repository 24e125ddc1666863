import { getDb, Prisma } from "~/lib/db.server";
import { DISPLAY_STATUS_CONDITIONS, type DisplayStatus } from "./enrolment-status";
import { conditionSql, displayStatusSql } from "./enrolment-status.server";

// Current enrolments for report exports (300,000 rows and more), read in keyset pages.
// Each page is one raw query that returns its rows packed into a single text value:
// Prisma builds several objects for every value of every result row, which took seconds
// and, through garbage promoted to the old generation, over 250 MB for the whole table.
// Only the learning module's own tables are read here; names are the caller's to look up.
// The SQL also runs on PostgreSQL (string_agg needs SQLite 3.44+). Dates are bound as Date
// parameters, which the SQLite adapter writes in the stored ISO-8601 text form
// ("2025-12-03T09:02:52.967+00:00"), so they compare as text there and as timestamps in
// PostgreSQL.

export interface CurrentEnrolmentQuery {
  /** Whose enrolments to read (a set, or a map by id): the caller decides who is active. */
  userIds: Pick<ReadonlySet<string>, "has" | "size" | "keys">;
  /** null: any department (the enrolment's), any course. */
  departmentIds: readonly string[] | null;
  courseIds: readonly string[] | null;
  assignedFrom: Date | null;
  assignedBefore: Date | null;
  /** One displayed status (OVERDUE and EXPIRED are derived from dates). */
  status: DisplayStatus | undefined;
  now: Date;
}

export interface CurrentEnrolmentRow {
  userId: string;
  courseId: string;
  versionId: string;
  departmentId: string | null;
  /** As displayStatus derives it. */
  status: DisplayStatus;
  /** UTC days, "YYYY-MM-DD". */
  assignedOn: string;
  dueOn: string | null;
  completedOn: string | null;
  bestScore: number | null;
  /** null for completions (they show 100 %). */
  lessonsDone: number | null;
}

// Rows per query: fewer statements (each holds ~30 KB of native memory until it is
// garbage-collected) against a page text that stays a small, short-lived string.
const PAGE_ROWS = 1500;
// SQLite's historical limit is 999 parameters per statement; the fixed ones come on top.
const LIST_PARAMS = 900;
// Separators in the packed page (ASCII unit and record separators: never in ids or dates).
const FIELD = "\u001f";
const ROW = "\u001e";

// A filtered column as coalesce(x, x), which is x but not indexable: with an index on the
// filter SQLite reads and sorts every remaining match for each page (the overdue export
// took 23 s); without, it walks the primary key once and stops at a page's last row.
const unindexed = (column: string) => Prisma.raw(`coalesce(e."${column}", e."${column}")`);

/** One displayed status, filtered on the columns the planner cannot use (see unindexed). */
function statusSql(status: DisplayStatus | undefined, now: Date): Prisma.Sql {
  if (!status) return Prisma.empty;
  return Prisma.sql`AND ${conditionSql(DISPLAY_STATUS_CONDITIONS[status], now, unindexed)}`;
}

// The UTC day as text: SQLite stores ISO-8601 text, PostgreSQL's timestamp(3) casts to
// "YYYY-MM-DD hh:mm:ss.sss"; both start with the day.
const day = (column: string) =>
  Prisma.raw(`coalesce(substr(CAST(e."${column}" AS TEXT), 1, 10), '')`);

/** One enrolment as a packed line, fields in CurrentEnrolmentRow order. */
function lineSql(now: Date) {
  const fields = [
    Prisma.sql`e."userId"`,
    Prisma.sql`e."courseId"`,
    Prisma.sql`e."versionId"`,
    Prisma.sql`coalesce(e."departmentId", '')`,
    displayStatusSql(now),
    day("assignedAt"),
    day("dueAt"),
    day("completedAt"),
    Prisma.sql`coalesce(CAST(e."bestScore" AS TEXT), '')`,
    // Counted by primary-key prefix; not for completions (100 % whatever was ticked).
    Prisma.sql`CASE WHEN e."status" = 'COMPLETED' THEN '' ELSE CAST((
      SELECT count(*) FROM "LessonProgress" p WHERE p."enrolmentId" = e."id"
    ) AS TEXT) END`,
  ];
  return fields.reduce((packed, field) => Prisma.sql`${packed} || ${FIELD} || ${field}`);
}

function unpack(line: string): CurrentEnrolmentRow {
  const f = line.split(FIELD);
  return {
    userId: f[0]!,
    courseId: f[1]!,
    versionId: f[2]!,
    departmentId: f[3] || null,
    status: f[4] as DisplayStatus,
    assignedOn: f[5]!,
    dueOn: f[6] || null,
    completedOn: f[7] || null,
    // The text of a float8 reads back as the same number.
    bestScore: f[8] ? Number(f[8]) : null,
    lessonsDone: f[9] ? Number(f[9]) : null,
  };
}

type IdSet = Pick<ReadonlySet<string | null>, "has" | "size" | "keys">;

/**
 * The query's filters as SQL, and the id lists too long for it (checked on each row read);
 * null when a list is empty (nothing can match).
 */
function filtersOf(query: CurrentEnrolmentQuery) {
  const lists: [keyof CurrentEnrolmentRow, IdSet | null][] = [
    ["departmentId", query.departmentIds && new Set(query.departmentIds)],
    ["courseId", query.courseIds && new Set(query.courseIds)],
    ["userId", query.userIds],
  ];
  // Short lists narrow the query in SQL; longer ones (all 20,000 people, say) are checked
  // here instead, so no statement exceeds the parameter limit.
  let budget = LIST_PARAMS;
  const inSql: Prisma.Sql[] = [];
  const inCode: [keyof CurrentEnrolmentRow, IdSet][] = [];
  for (const [column, ids] of lists) {
    if (!ids) continue;
    if (ids.size === 0) return null;
    if (ids.size <= budget) {
      budget -= ids.size;
      const values = Prisma.join([...ids.keys()]);
      inSql.push(Prisma.sql`AND ${unindexed(column)} IN (${values})`);
    } else {
      inCode.push([column, ids]);
    }
  }
  const where = Prisma.join(
    [
      ...inSql,
      query.assignedFrom
        ? Prisma.sql`AND ${unindexed("assignedAt")} >= ${query.assignedFrom}`
        : Prisma.empty,
      query.assignedBefore
        ? Prisma.sql`AND ${unindexed("assignedAt")} < ${query.assignedBefore}`
        : Prisma.empty,
      statusSql(query.status, query.now),
    ],
    " ",
  );
  return { where, inCode };
}

/**
 * Current enrolments (not withdrawn, not renewed) of `userIds`, in id order, with the
 * number of lessons done, `batchSize` rows at a time. Memory stays one page of text and
 * one batch of rows; the next page is read when the consumer asks for more.
 */
export async function* currentEnrolmentBatches(
  query: CurrentEnrolmentQuery,
  batchSize: number,
  pageRows = PAGE_ROWS,
): AsyncGenerator<CurrentEnrolmentRow[]> {
  const filters = filtersOf(query);
  if (!filters) return;
  const { where, inCode } = filters;
  const line = lineSql(query.now);
  const db = getDb();
  let cursor = "";
  for (;;) {
    // A one-query batch transaction: through Prisma's single-request path each result stays
    // reachable across young-generation collections and ends in the old generation (about
    // 6 times the old-space garbage, measured); through the batch path it dies young.
    const [[page]] = await db.$transaction([
      db.$queryRaw<{ lines: string | null; last: string | null; read: number | bigint }[]>`
        SELECT string_agg(t."line", ${ROW} ORDER BY t."id") AS "lines",
          max(t."id") AS "last", count(*) AS "read"
        FROM (
          SELECT e."id", ${line} AS "line"
          FROM "Enrolment" e
          WHERE e."id" > ${cursor} AND e."status" <> 'WITHDRAWN' AND e."renewedAt" IS NULL
            ${where}
          ORDER BY e."id"
          LIMIT ${pageRows}
        ) t`,
    ]);
    if (!page?.lines || !page.last) return;
    const lines = page.lines.split(ROW);
    for (let i = 0; i < lines.length; i += batchSize) {
      const rows = lines.slice(i, i + batchSize).map(unpack);
      const kept = inCode.length
        ? rows.filter((row) => inCode.every(([column, ids]) => ids.has(row[column] as string)))
        : rows;
      if (kept.length > 0) yield kept;
    }
    if (Number(page.read) < pageRows) return;
    cursor = page.last;
  }
}
