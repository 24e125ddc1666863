import { chunkSize, forEachChunk, yieldToEventLoop } from "~/lib/chunks.server";
import { getDb, lockForUpdate, type DbTx } from "~/lib/db.server";
import { addCounters, emptyCounters, type ProgressCounters } from "./progress-counters";
import { OPEN_STATUSES } from "./enrolment-status";

// Report counters per (department, course, month) and per (department, course). Every write
// that changes an enrolment's status, score, department or visibility in reports recounts
// its pair in the same transaction; a daily full recount heals anything a path missed.
// Overdue is stored as of ReportState.overdueAsOf; readers add the enrolments that fell due
// since (a small indexed range), and the job moves that moment forward (`sweepOverdue`).

export interface StatPair {
  departmentId: string | null;
  courseId: string;
}

const STATE_ID = "reports";
const monthOf = (date: Date) => date.toISOString().slice(0, 7);
const pairKey = (pair: StatPair) => `${pair.departmentId ?? ""}\u0000${pair.courseId}`;

/** Enrolments that count in reports: current (not withdrawn, not renewed) of active people. */
export const currentEnrolmentWhere = {
  status: { not: "WITHDRAWN" },
  renewedAt: null,
  user: { active: true },
} as const;

/** The moment stored overdue counts refer to (created on first use). */
export async function overdueAsOf(tx: DbTx): Promise<Date> {
  const state = await tx.reportState.findUnique({ where: { id: STATE_ID } });
  if (state) return state.overdueAsOf;
  // A non-empty update makes Prisma send one INSERT … ON CONFLICT DO UPDATE; with `update: {}`
  // it reads, then inserts, and two servers' first transactions collide on PostgreSQL.
  const stored = await tx.reportState.upsert({
    where: { id: STATE_ID },
    create: { id: STATE_ID, overdueAsOf: new Date() },
    update: { id: STATE_ID },
  });
  return stored.overdueAsOf;
}

interface CountedEnrolment {
  status: string;
  assignedAt: Date;
  dueAt: Date | null;
  completedAt: Date | null;
  bestScore: number | null;
  renewedAt: Date | null;
  user: { active: boolean };
}

export type StatRow = ProgressCounters & {
  departmentId: string;
  courseId: string;
  month: string;
  completionsInMonth: number;
};

/**
 * Pure aggregation of one pair's enrolments into its monthly rows. Counters cover current
 * enrolments of active people; completions per month cover every completion (renewed ones
 * and leavers' too), so the past does not change.
 */
export function aggregatePair(
  pair: StatPair,
  enrolments: CountedEnrolment[],
  asOf: Date,
): StatRow[] {
  const rows = new Map<string, StatRow>();
  const rowFor = (month: string) => {
    let row = rows.get(month);
    if (!row) {
      row = {
        departmentId: pair.departmentId ?? "",
        courseId: pair.courseId,
        month,
        completionsInMonth: 0,
        ...emptyCounters(),
      };
      rows.set(month, row);
    }
    return row;
  };
  for (const e of enrolments) {
    if (e.status === "WITHDRAWN") continue;
    if (e.status === "COMPLETED" && e.completedAt)
      rowFor(monthOf(e.completedAt)).completionsInMonth++;
    if (e.renewedAt || !e.user.active) continue;
    const row = rowFor(monthOf(e.assignedAt));
    row.assigned++;
    if (e.status === "COMPLETED") {
      row.completed++;
      if (!e.dueAt || (e.completedAt && e.completedAt <= e.dueAt)) row.completedOnTime++;
    } else {
      if (e.status === "IN_PROGRESS") row.inProgress++;
      else row.notStarted++;
      if (e.dueAt && e.dueAt < asOf) row.overdue++;
    }
    if (e.bestScore !== null) {
      row.scoreSum += e.bestScore;
      row.scoreCount++;
    }
  }
  return [...rows.values()];
}

function totalOf(rows: StatRow[]): ProgressCounters {
  const total = emptyCounters();
  for (const row of rows) addCounters(total, row);
  return total;
}

/** Recounts the given (department, course) pairs inside the caller's transaction. */
export async function refreshProgressStats(tx: DbTx, pairs: Iterable<StatPair>, asOf?: Date) {
  const unique = new Map<string, StatPair>();
  for (const pair of pairs) unique.set(pairKey(pair), pair);
  if (unique.size === 0) return;
  const moment = asOf ?? (await overdueAsOf(tx));
  let counted = 0;
  // Two recounts of one pair at once would both delete and both insert its rows (READ
  // COMMITTED): the second insert fails on the rows' key. Locking the course queues them, and
  // locking courses in one order keeps transactions that recount several from deadlocking.
  const inLockOrder = [...unique.values()].sort(
    (a, b) =>
      a.courseId.localeCompare(b.courseId) ||
      (a.departmentId ?? "").localeCompare(b.departmentId ?? ""),
  );
  let lockedCourse: string | undefined;
  for (const pair of inLockOrder) {
    if (pair.courseId !== lockedCourse) {
      await lockForUpdate(tx, "Course", "id", pair.courseId);
      lockedCourse = pair.courseId;
    }
    // Many pairs (an import, a sweep) give the event loop turns inside the transaction.
    if (++counted % chunkSize("recountPairs") === 0) await yieldToEventLoop();
    const enrolments = await tx.enrolment.findMany({
      where: {
        courseId: pair.courseId,
        departmentId: pair.departmentId,
        status: { not: "WITHDRAWN" },
      },
      select: {
        status: true,
        assignedAt: true,
        dueAt: true,
        completedAt: true,
        bestScore: true,
        renewedAt: true,
        user: { select: { active: true } },
      },
    });
    const key = { courseId: pair.courseId, departmentId: pair.departmentId ?? "" };
    await tx.progressStat.deleteMany({ where: key });
    await tx.progressTotal.deleteMany({ where: key });
    const rows = aggregatePair(pair, enrolments, moment);
    if (rows.length === 0) continue;
    await tx.progressStat.createMany({ data: rows });
    const total = totalOf(rows);
    if (total.assigned > 0) await tx.progressTotal.create({ data: { ...key, ...total } });
  }
}

/** The pair of each enrolment, then a refresh (for writes that know only enrolment ids). */
export async function refreshStatsForEnrolments(tx: DbTx, enrolmentIds: readonly string[]) {
  if (enrolmentIds.length === 0) return;
  const pairs = await tx.enrolment.findMany({
    where: { id: { in: [...enrolmentIds] } },
    select: { departmentId: true, courseId: true },
    distinct: ["departmentId", "courseId"],
  });
  await refreshProgressStats(tx, pairs);
}

/**
 * Keeps a person's enrolments filed under their current department and recounts the pairs
 * they leave and join. `recount` also recounts when nothing moved (the person was
 * deactivated or reactivated, which changes what counts).
 */
export async function alignUserEnrolments(tx: DbTx, userId: string, recount = false) {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { departmentId: true } });
  if (!user) return;
  const before = await tx.enrolment.findMany({
    where: { userId },
    select: { departmentId: true, courseId: true },
    distinct: ["departmentId", "courseId"],
  });
  const moved = before.filter((pair) => pair.departmentId !== user.departmentId);
  if (moved.length === 0 && !recount) return;
  if (moved.length > 0) {
    await tx.enrolment.updateMany({
      // SQL's `<>` skips NULLs, so "no department" rows are matched explicitly.
      where: {
        userId,
        OR: [{ departmentId: null }, { departmentId: { not: user.departmentId } }],
      },
      data: { departmentId: user.departmentId },
    });
  }
  const stale = recount ? before : moved;
  const after = stale.map((pair) => ({ departmentId: user.departmentId, courseId: pair.courseId }));
  await refreshProgressStats(tx, [...stale, ...after]);
}

/** Open enrolments that fell due in [from, to): their pairs' stored overdue is behind. */
export function fellDueWhere(from: Date, to: Date) {
  return {
    status: { in: [...OPEN_STATUSES] },
    dueAt: { gte: from, lt: to },
    renewedAt: null,
    user: { active: true },
  };
}

/**
 * Moves the stored overdue counts forward to `now`: only pairs with an enrolment that fell
 * due since the last sweep change. In slices of time, each a short transaction that
 * recounts its pairs as of the slice's end and moves `overdueAsOf` there (decision 027):
 * readers add what fell due since `overdueAsOf`, so every commit leaves the counts right,
 * and a sweep cut off goes on from where it stopped. Returns how many pairs it recounted.
 */
export async function sweepOverdue(now = new Date()) {
  let recounted = 0;
  for (;;) {
    const slice = await getDb().$transaction((tx) => sweepSlice(tx, now));
    recounted += slice.pairs;
    if (slice.done) return recounted;
    await yieldToEventLoop();
  }
}

const fellDueSelect = { departmentId: true, courseId: true, dueAt: true } as const;

/** One slice: the next `sweepRows` enrolments that fell due, ending before the last one's due time. */
async function sweepSlice(tx: DbTx, now: Date) {
  const from = await overdueAsOf(tx);
  if (now <= from) return { pairs: 0, done: true };
  const size = chunkSize("sweepRows");
  let rows = await tx.enrolment.findMany({
    where: fellDueWhere(from, now),
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    take: size,
    select: fellDueSelect,
  });
  let until = now;
  if (rows.length === size) {
    const last = rows[rows.length - 1]!.dueAt!;
    if (last > from) {
      // Those due at `last` itself go to the next slice, with the rest due then.
      until = last;
      rows = rows.filter((row) => row.dueAt! < last);
    } else {
      // Every row read fell due at `from`: that millisecond is a slice of its own.
      until = new Date(from.getTime() + 1);
      rows = await tx.enrolment.findMany({
        where: fellDueWhere(from, until),
        select: fellDueSelect,
      });
    }
  }
  const pairs = new Map(rows.map((row) => [pairKey(row), row]));
  await refreshProgressStats(tx, pairs.values(), until);
  await tx.reportState.update({ where: { id: STATE_ID }, data: { overdueAsOf: until } });
  return { pairs: pairs.size, done: until.getTime() === now.getTime() };
}

// A chunk of pairs is one transaction: several statements per pair, each a round trip on
// PostgreSQL, so a busy server needs more than Prisma's default 5 s.
const REBUILD_TIMEOUT_MS = 30_000;

/** The departments with enrolments in one course: one short indexed read per course. */
async function pairsOfCourse(courseId: string): Promise<StatPair[]> {
  // SQL DISTINCT: Prisma's `distinct` reads every row and deduplicates in JavaScript.
  const rows = await getDb().$queryRaw<{ departmentId: string | null }[]>`
    SELECT DISTINCT "departmentId" FROM "Enrolment" WHERE "courseId" = ${courseId}
    ORDER BY "departmentId"`;
  return rows.map((row) => ({ departmentId: row.departmentId, courseId }));
}

/** Stored pairs with no enrolments left (every one deleted with its course or person). */
async function pairsWithoutEnrolments(): Promise<StatPair[]> {
  const rows = await getDb().$queryRaw<StatPair[]>`
    SELECT t."departmentId", t."courseId" FROM "ProgressTotal" t
    WHERE NOT EXISTS (
      SELECT 1 FROM "Enrolment" e WHERE e."courseId" = t."courseId"
        AND (e."departmentId" = t."departmentId" OR (e."departmentId" IS NULL AND t."departmentId" = ''))
    )
    ORDER BY t."courseId", t."departmentId"`;
  return rows.map((row) => ({ departmentId: row.departmentId || null, courseId: row.courseId }));
}

/**
 * Recounts every pair from the enrolments, course by course, a few pairs per short
 * transaction with a yield between (decision 027): 50,000 pairs read or recounted at once
 * held the event loop for seconds. Counters stay readable throughout (each pair is replaced
 * atomically). Returns how many pairs have enrolments.
 */
export async function rebuildProgressStats(now = new Date()) {
  const db = getDb();
  const recount = (chunk: StatPair[]) =>
    db.$transaction((tx) => refreshProgressStats(tx, chunk), { timeout: REBUILD_TIMEOUT_MS });
  const courses = await db.course.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  let pairs = 0;
  for (const course of courses) {
    const ofCourse = await pairsOfCourse(course.id);
    pairs += ofCourse.length;
    await forEachChunk(ofCourse, "recountPairs", recount);
  }
  await forEachChunk(await pairsWithoutEnrolments(), "recountPairs", recount);
  await db.reportState.upsert({
    where: { id: STATE_ID },
    create: { id: STATE_ID, overdueAsOf: now, rebuiltAt: now },
    update: { rebuiltAt: now },
  });
  return pairs;
}

/** Builds the counters once when enrolments exist without them (an upgraded database). */
export async function ensureProgressStats(): Promise<boolean> {
  const db = getDb();
  const [stats, enrolments] = await Promise.all([db.progressTotal.count(), db.enrolment.count()]);
  if (stats > 0 || enrolments === 0) return false;
  await rebuildProgressStats();
  return true;
}
