import { getDb, type DbTx } from "~/lib/db.server";

// Report counters per (department, course, month). Every write that changes an enrolment's
// status, score, department or visibility in reports rebuilds its pair's rows in the same
// transaction; the job rebuilds everything, so a missed path heals on its next run.

export interface StatPair {
  departmentId: string | null;
  courseId: string;
}

const monthOf = (date: Date) => date.toISOString().slice(0, 7);
const pairKey = (pair: StatPair) => `${pair.departmentId ?? ""}\u0000${pair.courseId}`;

/** Enrolments that count in reports: current (not withdrawn, not renewed) of active people. */
export const currentEnrolmentWhere = {
  status: { not: "WITHDRAWN" },
  renewedAt: null,
  user: { active: true },
} as const;

interface CountedEnrolment {
  status: string;
  assignedAt: Date;
  dueAt: Date | null;
  completedAt: Date | null;
  bestScore: number | null;
}

type StatRow = {
  departmentId: string;
  courseId: string;
  month: string;
  assigned: number;
  notStarted: number;
  inProgress: number;
  completed: number;
  completedOnTime: number;
  scoreSum: number;
  scoreCount: number;
  completionsInMonth: number;
};

/** Pure aggregation of one pair's enrolments into its monthly rows. */
export function aggregatePair(pair: StatPair, enrolments: CountedEnrolment[]): StatRow[] {
  const rows = new Map<string, StatRow>();
  const rowFor = (month: string) => {
    let row = rows.get(month);
    if (!row) {
      row = {
        departmentId: pair.departmentId ?? "",
        courseId: pair.courseId,
        month,
        assigned: 0,
        notStarted: 0,
        inProgress: 0,
        completed: 0,
        completedOnTime: 0,
        scoreSum: 0,
        scoreCount: 0,
        completionsInMonth: 0,
      };
      rows.set(month, row);
    }
    return row;
  };
  for (const e of enrolments) {
    const row = rowFor(monthOf(e.assignedAt));
    row.assigned++;
    if (e.status === "COMPLETED") {
      row.completed++;
      if (!e.dueAt || (e.completedAt && e.completedAt <= e.dueAt)) row.completedOnTime++;
      if (e.completedAt) rowFor(monthOf(e.completedAt)).completionsInMonth++;
    } else if (e.status === "IN_PROGRESS") {
      row.inProgress++;
    } else {
      row.notStarted++;
    }
    if (e.bestScore !== null) {
      row.scoreSum += e.bestScore;
      row.scoreCount++;
    }
  }
  return [...rows.values()];
}

/** Rebuilds the counters of the given (department, course) pairs inside the caller's transaction. */
export async function refreshProgressStats(tx: DbTx, pairs: Iterable<StatPair>) {
  const unique = new Map<string, StatPair>();
  for (const pair of pairs) unique.set(pairKey(pair), pair);
  for (const pair of unique.values()) {
    const enrolments = await tx.enrolment.findMany({
      where: { ...currentEnrolmentWhere, courseId: pair.courseId, departmentId: pair.departmentId },
      select: { status: true, assignedAt: true, dueAt: true, completedAt: true, bestScore: true },
    });
    await tx.progressStat.deleteMany({
      where: { courseId: pair.courseId, departmentId: pair.departmentId ?? "" },
    });
    const rows = aggregatePair(pair, enrolments);
    if (rows.length > 0) await tx.progressStat.createMany({ data: rows });
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

/** Recounts everything from the enrolments (the job, the benchmark, and after migrations). */
export async function rebuildProgressStats() {
  const db = getDb();
  const pairs = await db.enrolment.findMany({
    select: { departmentId: true, courseId: true },
    distinct: ["departmentId", "courseId"],
  });
  await db.$transaction(async (tx) => {
    await tx.progressStat.deleteMany({});
    // Chunks keep each refresh's row set small.
    for (let i = 0; i < pairs.length; i += 200) {
      await refreshProgressStats(tx, pairs.slice(i, i + 200));
    }
  });
  return pairs.length;
}

/** Builds the counters once when enrolments exist without them (an upgraded database). */
export async function ensureProgressStats(): Promise<boolean> {
  const db = getDb();
  const [stats, enrolments] = await Promise.all([db.progressStat.count(), db.enrolment.count()]);
  if (stats > 0 || enrolments === 0) return false;
  await rebuildProgressStats();
  return true;
}
