// Leaderboards (decision 031): read from PointsTotal, the running totals writeEntry keeps per
// period, person and department, never by summing the ledger. People who hide themselves
// appear as "a colleague"; their points still count for their department.
import { Prisma, getDb } from "~/lib/db.server";
import { withDescendants } from "~/lib/department-tree";
import { activeHeadcounts, departmentNames, peopleByIds } from "~/modules/org/index.server";
import { LEADERBOARD_SIZE, type LeaderboardQuery } from "./leaderboard-query";
import { periodKey, type PeriodKind } from "./periods";

export interface LeaderboardRow {
  rank: number;
  /** null: the person hides themselves from public leaderboards. */
  person: { id: string; name: string } | null;
  points: number;
  isViewer: boolean;
}

export interface DepartmentRow {
  rank: number;
  department: { id: string; name: string };
  points: number;
  heads: number;
  perHead: number;
}

async function hiddenAmong(userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await getDb().leaderboardPrivacy.findMany({
    where: { userId: { in: [...userIds] }, hidden: true },
    select: { userId: true },
  });
  return new Set(rows.map((row) => row.userId));
}

const departmentFilter = (departmentIds: readonly string[] | null) =>
  departmentIds ? Prisma.sql`AND "departmentId" IN (${Prisma.join(departmentIds)})` : Prisma.empty;

/**
 * The top people of the period, overall or within a department and its sub-departments,
 * with the viewer's own rank and points. Ranks are competition ranks (equal points, equal
 * rank); ties are listed by id so pages are stable. Deactivated people are left out.
 */
export async function peopleLeaderboard(
  viewerId: string,
  kind: PeriodKind,
  departmentIds: readonly string[] | null,
  at = new Date(),
) {
  const db = getDb();
  const period = periodKey(kind, at);
  const filter = departmentFilter(departmentIds);
  // A few more than shown, so that deactivated people left out still leave a full list.
  const top = await db.$queryRaw<{ userId: string; points: number | bigint }[]>`
    SELECT "userId", SUM("points") AS "points" FROM "PointsTotal"
     WHERE "period" = ${period} ${filter}
     GROUP BY "userId"
     ORDER BY SUM("points") DESC, "userId" ASC
     LIMIT ${LEADERBOARD_SIZE * 2}`;
  const [people, hidden, viewerRow] = await Promise.all([
    peopleByIds(top.map((row) => row.userId)),
    hiddenAmong(top.map((row) => row.userId)),
    db.$queryRaw<{ points: number | bigint | null }[]>`
      SELECT SUM("points") AS "points" FROM "PointsTotal"
       WHERE "period" = ${period} AND "userId" = ${viewerId} ${filter}`,
  ]);
  const rows: LeaderboardRow[] = [];
  let previous: number | null = null;
  let rank = 0;
  for (const row of top) {
    const person = people.get(row.userId);
    if (!person?.active) continue;
    const points = Number(row.points);
    rank = points === previous ? rank : rows.length + 1;
    previous = points;
    const isViewer = row.userId === viewerId;
    rows.push({
      rank,
      person: hidden.has(row.userId) && !isViewer ? null : { id: row.userId, name: person.name },
      points,
      isViewer,
    });
    if (rows.length === LEADERBOARD_SIZE) break;
  }
  const viewerPoints = viewerRow[0]?.points == null ? 0 : Number(viewerRow[0].points);
  const better = await db.$queryRaw<{ ahead: number | bigint }[]>`
    SELECT COUNT(*) AS "ahead" FROM (
      SELECT "userId" FROM "PointsTotal" WHERE "period" = ${period} ${filter}
       GROUP BY "userId" HAVING SUM("points") > ${viewerPoints}) AS "better"`;
  const ahead = Number(better[0]?.ahead ?? 0);
  return { period, rows, viewer: { points: viewerPoints, rank: ahead + 1 } };
}

/**
 * Departments by points per active head in the period: the points earned there (by anyone
 * while they worked there) over the people working there now, so that a large department
 * does not win by size. Departments with nobody active are left out.
 */
export async function departmentLeaderboard(
  kind: PeriodKind,
  at = new Date(),
  // The board has read them already.
  knownDepartments?: Awaited<ReturnType<typeof departmentNames>>,
) {
  const period = periodKey(kind, at);
  const [sums, heads, departments] = await Promise.all([
    getDb().pointsTotal.groupBy({
      by: ["departmentId"],
      where: { period, departmentId: { not: "" } },
      _sum: { points: true },
    }),
    activeHeadcounts(),
    knownDepartments ?? departmentNames(),
  ]);
  const pointsOf = new Map(sums.map((row) => [row.departmentId, row._sum.points ?? 0]));
  const ranked = departments
    .filter((department) => (heads.get(department.id) ?? 0) > 0)
    .map((department) => {
      const points = pointsOf.get(department.id) ?? 0;
      const count = heads.get(department.id)!;
      return {
        department: { id: department.id, name: department.name },
        points,
        heads: count,
        perHead: Math.round((points / count) * 10) / 10,
      };
    })
    .sort((a, b) => b.perHead - a.perHead || a.department.name.localeCompare(b.department.name));
  const rows: DepartmentRow[] = [];
  for (const [index, row] of ranked.entries()) {
    const tied = index > 0 && ranked[index - 1]!.perHead === row.perHead;
    rows.push({ ...row, rank: tied ? rows[index - 1]!.rank : index + 1 });
  }
  return { period, rows };
}

/** The board: both leaderboards for the chosen period, and the department choices. */
export async function leaderboardPage(viewerId: string, query: LeaderboardQuery, at = new Date()) {
  const departments = await departmentNames();
  const chosen = departments.find((department) => department.id === query.department) ?? null;
  const scope = chosen ? withDescendants(departments, [chosen.id]) : null;
  const [people, byDepartment] = await Promise.all([
    peopleLeaderboard(viewerId, query.period, scope, at),
    departmentLeaderboard(query.period, at, departments),
  ]);
  return {
    period: query.period,
    periodKey: people.period,
    department: chosen ? { id: chosen.id, name: chosen.name } : null,
    departments: departments.map((department) => ({ id: department.id, name: department.name })),
    people: people.rows,
    viewer: people.viewer,
    departmentsRanked: byDepartment.rows,
  };
}
