import { Prisma } from "~/lib/db.server";
import {
  DISPLAY_STATUS_CONDITIONS,
  DISPLAY_STATUSES,
  momentOf,
  UNKNOWN_STORED_STATUS_SHOWS,
  type Comparison,
  type DateColumn,
  type DisplayStatus,
  type EnrolmentCondition,
} from "./enrolment-status";

// The conditions of enrolment-status.ts as a Prisma filter and as SQL (for the export's raw
// queries). Both are derived from the same table as displayStatus; a test proves they agree.

const onColumn = (
  column: DateColumn,
  filter: Prisma.DateTimeNullableFilter | null,
): Prisma.EnrolmentWhereInput => (column === "dueAt" ? { dueAt: filter } : { expiresAt: filter });

/** The Prisma filter for enrolments meeting `condition` at `now`. */
export function conditionWhere(
  condition: EnrolmentCondition,
  now: Date,
): Prisma.EnrolmentWhereInput {
  const [only, ...more] = condition.stored;
  return {
    status: more.length === 0 ? only : { in: [...condition.stored] },
    AND: condition.dates.map((test) => {
      const range = onColumn(test.column, { [test.op]: momentOf(test, now) });
      return test.orEmpty ? { OR: [onColumn(test.column, null), range] } : range;
    }),
  };
}

/** The filter for one displayed status; no status, no filter. */
export function enrolmentStatusWhere(
  status: DisplayStatus | undefined,
  now: Date,
): Prisma.EnrolmentWhereInput {
  return status ? conditionWhere(DISPLAY_STATUS_CONDITIONS[status], now) : {};
}

const SQL_OPERATOR: Record<Comparison, string> = { lt: "<", lte: "<=", gt: ">", gte: ">=" };

/** How a query names an enrolment column (plain, or wrapped to steer the planner). */
export type ColumnSql = (column: "status" | "dueAt" | "expiresAt") => Prisma.Sql;

export const enrolmentColumn: ColumnSql = (column) => Prisma.raw(`e."${column}"`);

// The table's own status names, written as literals: parameters are kept for values.
const literal = (status: string) => Prisma.raw(`'${status}'`);

/** `condition` as a SQL boolean expression over the enrolment columns `column` names. */
export function conditionSql(
  condition: EnrolmentCondition,
  now: Date,
  column: ColumnSql = enrolmentColumn,
): Prisma.Sql {
  const stored = Prisma.sql`${column("status")} IN (${Prisma.join(condition.stored.map(literal))})`;
  const dates = condition.dates.map((test) => {
    const compared = Prisma.sql`${column(test.column)} ${Prisma.raw(SQL_OPERATOR[test.op])} ${momentOf(test, now)}`;
    return test.orEmpty ? Prisma.sql`(${column(test.column)} IS NULL OR ${compared})` : compared;
  });
  return Prisma.sql`(${Prisma.join([stored, ...dates], " AND ")})`;
}

/** The displayed status as a SQL text expression, as displayStatus derives it. */
export function displayStatusSql(now: Date, column: ColumnSql = enrolmentColumn): Prisma.Sql {
  const cases = DISPLAY_STATUSES.map(
    (status) =>
      Prisma.sql`WHEN ${conditionSql(DISPLAY_STATUS_CONDITIONS[status], now, column)} THEN ${literal(status)}`,
  );
  return Prisma.sql`CASE ${Prisma.join(cases, " ")} ELSE ${literal(UNKNOWN_STORED_STATUS_SHOWS)} END`;
}
