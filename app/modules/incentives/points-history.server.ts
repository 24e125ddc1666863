// A person's own points (the My points page): balance, giving allowance left, history,
// badges and pending redemptions.
import { addDays } from "~/lib/dates";
import { getDb, type Prisma } from "~/lib/db.server";
import { paginate } from "~/lib/pagination.server";
import { badgesOf } from "./badges.server";
import { givingAllowanceLeft } from "./kudos.server";
import { balanceOf } from "./ledger.server";
import { POINTS_HISTORY_PAGE_SIZE, type PointsHistoryQuery } from "./points-query";

/** The ledger rows a history filter selects (`to` is a whole UTC day, included). */
export function historyWhere(
  query: Pick<PointsHistoryQuery, "kind" | "source" | "from" | "to">,
): Prisma.PointsEntryWhereInput {
  const createdAt: Prisma.DateTimeFilter = {};
  if (query.from) createdAt.gte = query.from;
  if (query.to) createdAt.lt = addDays(query.to, 1);
  return {
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.source ? { sourceType: query.source } : {}),
    ...(query.from || query.to ? { createdAt } : {}),
  };
}

export async function myPointsPage(userId: string, query: PointsHistoryQuery, at = new Date()) {
  const db = getDb();
  const where = { userId, ...historyWhere(query) };
  const page = paginate(query.page, POINTS_HISTORY_PAGE_SIZE);
  const [balance, allowance, total, entries, badges, pending] = await Promise.all([
    balanceOf(userId),
    givingAllowanceLeft(userId, at),
    db.pointsEntry.count({ where }),
    db.pointsEntry.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: page.skip,
      take: page.take,
      select: {
        id: true,
        points: true,
        kind: true,
        sourceType: true,
        reason: true,
        createdAt: true,
      },
    }),
    badgesOf(userId),
    db.redemption.findMany({
      where: { userId, status: "PENDING" },
      orderBy: { createdAt: "desc" },
      take: 20,
      select: { id: true, cost: true, createdAt: true, reward: { select: { name: true } } },
    }),
  ]);
  return {
    balance,
    allowance,
    entries,
    badges,
    pending: pending.map((row) => ({
      id: row.id,
      cost: row.cost,
      createdAt: row.createdAt,
      reward: row.reward.name,
    })),
    ...page.summary(total),
  };
}
