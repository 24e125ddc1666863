import { beforeAll, describe, expect, it } from "vitest";
import { DAY_MS } from "~/lib/dates";
import { getDb, Prisma } from "~/lib/db.server";
import {
  CERT_EXPIRY_NOTICE,
  CURRENT_STATUSES,
  DISPLAY_STATUS_CONDITIONS,
  DISPLAY_STATUSES,
  DUE_SOON,
  DUE_SOON_DAYS,
  DUE_SOON_NOTICE,
  displayStatus,
  isDueSoon,
  meetsCondition,
  RECERTIFY_NOTICE_DAYS,
  RENEWAL_DUE,
  STILL_VALID,
  type DisplayStatus,
  type EnrolmentCondition,
  type StoredStatus,
} from "~/modules/learning";
import {
  conditionSql,
  conditionWhere,
  currentEnrolmentBatches,
  displayStatusSql,
  enrolmentStatusWhere,
} from "~/modules/learning/index.server";
import { makeUser, principalFor } from "../support/factories";
import { publishedCourse } from "../support/learning";

// One enrolment per edge case, written to the test database as stored rows; the display
// status is then read three ways (the function, the Prisma filters, the export's SQL) and
// every way must give the expected answer for every row.

const now = new Date("2026-06-15T12:00:00.000Z");
const at = (days: number, ms = 0) => new Date(now.getTime() + days * DAY_MS + ms);

interface Case {
  name: string;
  stored: StoredStatus;
  dueAt?: Date;
  expiresAt?: Date;
  completedAt?: Date;
  shows: DisplayStatus;
  dueSoon: boolean;
}

const CASES: Case[] = [
  { name: "not started, no due date", stored: "NOT_STARTED", shows: "NOT_STARTED", dueSoon: false },
  { name: "in progress, no due date", stored: "IN_PROGRESS", shows: "IN_PROGRESS", dueSoon: false },
  {
    name: "not started, due yesterday",
    stored: "NOT_STARTED",
    dueAt: at(-1),
    shows: "OVERDUE",
    dueSoon: false,
  },
  {
    name: "in progress, due a millisecond ago",
    stored: "IN_PROGRESS",
    dueAt: at(0, -1),
    shows: "OVERDUE",
    dueSoon: false,
  },
  {
    name: "in progress, due this very moment",
    stored: "IN_PROGRESS",
    dueAt: now,
    shows: "IN_PROGRESS",
    dueSoon: true,
  },
  {
    name: "not started, due in exactly N days",
    stored: "NOT_STARTED",
    dueAt: at(DUE_SOON_DAYS),
    shows: "NOT_STARTED",
    dueSoon: true,
  },
  {
    name: "in progress, due a millisecond after N days",
    stored: "IN_PROGRESS",
    dueAt: at(DUE_SOON_DAYS, 1),
    shows: "IN_PROGRESS",
    dueSoon: false,
  },
  {
    name: "not started, due in N+1 days",
    stored: "NOT_STARTED",
    dueAt: at(DUE_SOON_DAYS + 1),
    shows: "NOT_STARTED",
    dueSoon: false,
  },
  {
    name: "in progress, due in three days",
    stored: "IN_PROGRESS",
    dueAt: at(3),
    shows: "IN_PROGRESS",
    dueSoon: true,
  },
  {
    name: "completed on time, no expiry",
    stored: "COMPLETED",
    dueAt: at(-10),
    completedAt: at(-12),
    shows: "COMPLETED",
    dueSoon: false,
  },
  {
    name: "completed late (after its due date)",
    stored: "COMPLETED",
    dueAt: at(-10),
    completedAt: at(-5),
    shows: "COMPLETED",
    dueSoon: false,
  },
  {
    name: "completed, certificate valid for a year",
    stored: "COMPLETED",
    completedAt: at(-1),
    expiresAt: at(364),
    shows: "COMPLETED",
    dueSoon: false,
  },
  {
    name: "completed, certificate expires exactly at the notice period",
    stored: "COMPLETED",
    completedAt: at(-300),
    expiresAt: at(RECERTIFY_NOTICE_DAYS),
    shows: "COMPLETED",
    dueSoon: false,
  },
  {
    name: "completed, certificate expires in ten days",
    stored: "COMPLETED",
    completedAt: at(-355),
    expiresAt: at(10),
    shows: "COMPLETED",
    dueSoon: false,
  },
  {
    name: "completed, certificate expires this very moment",
    stored: "COMPLETED",
    completedAt: at(-365),
    expiresAt: now,
    shows: "EXPIRED",
    dueSoon: false,
  },
  {
    name: "completed, certificate expired yesterday",
    stored: "COMPLETED",
    dueAt: at(-400),
    completedAt: at(-366),
    expiresAt: at(-1),
    shows: "EXPIRED",
    dueSoon: false,
  },
  {
    name: "withdrawn, was due yesterday",
    stored: "WITHDRAWN",
    dueAt: at(-1),
    shows: "WITHDRAWN",
    dueSoon: false,
  },
  {
    name: "withdrawn, due in a week",
    stored: "WITHDRAWN",
    dueAt: at(7),
    shows: "WITHDRAWN",
    dueSoon: false,
  },
];

/** The other conditions of the table: each read three ways must agree as well. */
const CONDITIONS: [string, EnrolmentCondition][] = [
  ...DISPLAY_STATUSES.map((s): [string, EnrolmentCondition] => [s, DISPLAY_STATUS_CONDITIONS[s]]),
  ["DUE_SOON", DUE_SOON],
  ["DUE_SOON_NOTICE", DUE_SOON_NOTICE],
  ["CERT_EXPIRY_NOTICE", CERT_EXPIRY_NOTICE],
  ["RENEWAL_DUE", RENEWAL_DUE],
  ["STILL_VALID", STILL_VALID],
];

type Row = Case & { id: string; userId: string; courseId: string };
let rows: Row[] = [];

beforeAll(async () => {
  const course = await publishedCourse(await principalFor("TRAINER"));
  const version = await getDb().courseVersion.findFirstOrThrow({ where: { courseId: course.id } });
  rows = [];
  for (const c of CASES) {
    // One learner per case: export rows are told apart by person.
    const user = await makeUser();
    const enrolment = await getDb().enrolment.create({
      data: {
        userId: user.id,
        departmentId: user.departmentId,
        courseId: course.id,
        versionId: version.id,
        status: c.stored,
        assignedAt: at(-30),
        dueAt: c.dueAt ?? null,
        completedAt: c.completedAt ?? null,
        expiresAt: c.expiresAt ?? null,
      },
    });
    rows.push({ ...c, id: enrolment.id, userId: user.id, courseId: course.id });
  }
});

const fieldsOf = (row: Row) => ({
  status: row.stored,
  dueAt: row.dueAt ?? null,
  expiresAt: row.expiresAt ?? null,
});

/** Which rows the Prisma filter finds. */
async function foundByWhere(where: Prisma.EnrolmentWhereInput) {
  const found = await getDb().enrolment.findMany({
    where: { AND: [{ id: { in: rows.map((r) => r.id) } }, where] },
    select: { id: true },
  });
  return new Set(found.map((e) => e.id));
}

/** Which rows the SQL expression holds for. */
async function foundBySql(condition: EnrolmentCondition) {
  const found = await getDb().$queryRaw<{ id: string }[]>`
    SELECT e."id" FROM "Enrolment" e
    WHERE e."id" IN (${Prisma.join(rows.map((r) => r.id))}) AND ${conditionSql(condition, now)}`;
  return new Set(found.map((e) => e.id));
}

describe("enrolment display status: one table, three readings", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("the function: %s", (_name, c) => {
    const row = rows.find((r) => r.name === c.name)!;
    expect(displayStatus(fieldsOf(row), now)).toBe(c.shows);
    expect(isDueSoon(fieldsOf(row), now)).toBe(c.dueSoon);
  });

  it("the Prisma filter of each status finds exactly the rows that show it", async () => {
    for (const status of DISPLAY_STATUSES) {
      const found = await foundByWhere(enrolmentStatusWhere(status, now));
      const expected = rows.filter((r) => r.shows === status).map((r) => r.name);
      expect(
        rows.filter((r) => found.has(r.id)).map((r) => r.name),
        status,
      ).toEqual(expected);
    }
  });

  it("the SQL status expression gives each row the status it shows", async () => {
    const shown = await getDb().$queryRaw<{ id: string; shown: string }[]>`
      SELECT e."id", ${displayStatusSql(now)} AS "shown" FROM "Enrolment" e
      WHERE e."id" IN (${Prisma.join(rows.map((r) => r.id))})`;
    const byId = new Map(shown.map((s) => [s.id, s.shown]));
    expect(rows.map((r) => [r.name, byId.get(r.id)])).toEqual(rows.map((r) => [r.name, r.shows]));
  });

  it("every condition of the table holds for the same rows read three ways", async () => {
    for (const [name, condition] of CONDITIONS) {
      const byFunction = rows.filter((r) => meetsCondition(condition, fieldsOf(r), now));
      const byWhere = await foundByWhere(conditionWhere(condition, now));
      const bySql = await foundBySql(condition);
      const names = (found: Set<string>) => rows.filter((r) => found.has(r.id)).map((r) => r.name);
      expect(names(byWhere), `${name}: Prisma filter`).toEqual(byFunction.map((r) => r.name));
      expect(names(bySql), `${name}: SQL`).toEqual(byFunction.map((r) => r.name));
    }
    // The due-soon column of the table is the DUE_SOON condition.
    const dueSoon = await foundByWhere(conditionWhere(DUE_SOON, now));
    expect(rows.filter((r) => dueSoon.has(r.id)).map((r) => r.name)).toEqual(
      rows.filter((r) => r.dueSoon).map((r) => r.name),
    );
  });

  it("the export reads the same status, filtered by it or not", async () => {
    const read = async (status: DisplayStatus | undefined) => {
      const found: [string, DisplayStatus][] = [];
      const batches = currentEnrolmentBatches(
        {
          userIds: new Set(rows.map((r) => r.userId)),
          departmentIds: null,
          courseIds: [rows[0]!.courseId],
          assignedFrom: null,
          assignedBefore: null,
          status,
          now,
        },
        100,
      );
      for await (const batch of batches)
        for (const row of batch) found.push([row.userId, row.status]);
      const nameOf = new Map(rows.map((r) => [r.userId, r.name]));
      return found.map(([userId, shown]) => [nameOf.get(userId), shown]).sort();
    };
    // The export leaves withdrawn enrolments out.
    const current = rows.filter((r) => r.stored !== "WITHDRAWN");
    expect(await read(undefined)).toEqual(current.map((r) => [r.name, r.shows]).sort());
    for (const status of CURRENT_STATUSES) {
      expect(await read(status), status).toEqual(
        current
          .filter((r) => r.shows === status)
          .map((r) => [r.name, r.shows])
          .sort(),
      );
    }
  });
});
