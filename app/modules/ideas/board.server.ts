// The board (filtered, sorted, paged) and its CSV export for reviewers.
import { getDb, type Prisma } from "~/lib/db.server";
import { ForbiddenError } from "~/lib/errors";
import { DAY_MS } from "~/lib/dates";
import { paginate } from "~/lib/pagination.server";
import { can, type Principal } from "~/lib/permissions";
import { showsNameOf } from "./access";
import { reviewableWhere, visibleWhere } from "./idea-records.server";
import type { BoardQuery, IdeaStatus } from "./schemas";
import { containsText } from "~/lib/text-search.server";

export const BOARD_PAGE_SIZE = 12;
const TRENDING_DAYS = 14;

function boardWhere(viewer: Principal, query: BoardQuery): Prisma.IdeaWhereInput {
  return {
    AND: [
      visibleWhere(viewer),
      // Merged duplicates leave the board unless asked for.
      query.status ? { status: query.status } : { status: { not: "DUPLICATE" } },
      query.category ? { category: query.category } : {},
      query.department ? { departmentId: query.department } : {},
      query.mine ? { authorId: viewer.id } : {},
      query.voted ? { votes: { some: { userId: viewer.id } } } : {},
      query.q
        ? {
            OR: [
              { title: containsText(query.q) },
              { problem: containsText(query.q) },
              { proposal: containsText(query.q) },
            ],
          }
        : {},
    ],
  };
}

/** Votes cast in the last 14 days, per idea (the "trending" order). */
async function recentVotes(now: Date, ideaIds?: string[]) {
  const rows = await getDb().ideaVote.groupBy({
    by: ["ideaId"],
    where: {
      createdAt: { gte: new Date(now.getTime() - TRENDING_DAYS * DAY_MS) },
      ...(ideaIds ? { ideaId: { in: ideaIds } } : {}),
    },
    _count: { _all: true },
  });
  return new Map(rows.map((row) => [row.ideaId, row._count._all]));
}

/** Ids of the board's ideas in order, one page of them, and the total. */
async function boardPage(
  viewer: Principal,
  query: BoardQuery,
  now: Date,
  { skip, take }: { skip: number; take: number },
) {
  const db = getDb();
  const where = boardWhere(viewer, query);
  if (query.sort !== "trending") {
    const orderBy: Prisma.IdeaOrderByWithRelationInput[] =
      query.sort === "newest"
        ? [{ createdAt: "desc" }, { id: "desc" }]
        : [{ voteCount: "desc" }, { createdAt: "desc" }, { id: "desc" }];
    const [total, rows] = await Promise.all([
      db.idea.count({ where }),
      db.idea.findMany({
        where,
        orderBy,
        skip,
        take,
        select: { id: true },
      }),
    ]);
    return { total, ids: rows.map((r) => r.id) };
  }
  // Trending: recent votes first, then newest. Sorted here: the count is relative to now.
  const [all, recent] = await Promise.all([
    db.idea.findMany({ where, select: { id: true, createdAt: true } }),
    recentVotes(now),
  ]);
  all.sort(
    (a, b) =>
      (recent.get(b.id) ?? 0) - (recent.get(a.id) ?? 0) ||
      b.createdAt.getTime() - a.createdAt.getTime(),
  );
  return {
    total: all.length,
    ids: all.slice(skip, skip + take).map((r) => r.id),
  };
}

/** The cards of one board page, in the page's order. */
async function boardCards(viewer: Principal, ids: string[], now: Date) {
  const db = getDb();
  const [rows, mine, recent] = await Promise.all([
    db.idea.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        title: true,
        status: true,
        category: true,
        voteCount: true,
        commentCount: true,
        createdAt: true,
        hiddenAt: true,
        department: { select: { name: true } },
      },
    }),
    db.ideaVote.findMany({
      where: { userId: viewer.id, ideaId: { in: ids } },
      select: { ideaId: true },
    }),
    recentVotes(now, ids),
  ]);
  const voted = new Set(mine.map((v) => v.ideaId));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => {
    const row = byId.get(id)!;
    return {
      id: row.id,
      title: row.title,
      status: row.status as IdeaStatus,
      category: row.category,
      votes: row.voteCount,
      recentVotes: recent.get(row.id) ?? 0,
      comments: row.commentCount,
      department: row.department?.name ?? null,
      createdAt: row.createdAt.toISOString(),
      hidden: row.hiddenAt !== null,
      votedByMe: voted.has(row.id),
    };
  });
}

export async function listBoard(viewer: Principal, query: BoardQuery, now = new Date()) {
  if (!can(viewer, "read", "Idea")) throw new ForbiddenError();
  const page = paginate(query.page, BOARD_PAGE_SIZE);
  const { total, ids } = await boardPage(viewer, query, now, page);
  return {
    ...page.summary(total),
    ideas: await boardCards(viewer, ids, now),
  };
}

/** The board with its filters, for reviewers' CSV export (managers: their tree's ideas). */
export async function* boardExportBatches(viewer: Principal, query: BoardQuery, batchSize = 1000) {
  // Refuses (403) a viewer who reviews no ideas.
  const where: Prisma.IdeaWhereInput = {
    AND: [boardWhere(viewer, query), reviewableWhere(viewer)],
  };
  let cursor: string | undefined;
  for (;;) {
    const rows = await getDb().idea.findMany({
      where: cursor ? { AND: [where, { id: { gt: cursor } }] } : where,
      orderBy: { id: "asc" },
      take: batchSize,
      include: {
        department: { select: { name: true } },
        owner: { select: { name: true } },
        author: { select: { name: true } },
      },
    });
    if (rows.length === 0) return;
    yield rows.map((row) => ({
      id: row.id,
      title: row.title,
      status: row.status,
      category: row.category,
      department: row.department?.name ?? "",
      author: showsNameOf(viewer, row, row.authorId) ? row.author.name : null,
      votes: row.voteCount,
      comments: row.commentCount,
      hoursSavedPerMonth: row.hoursSavedPerMonth,
      costSaving: row.costSaving,
      satisfactionEffect: row.satisfactionEffect,
      owner: row.owner?.name ?? "",
      createdAt: row.createdAt,
      hidden: row.hiddenAt !== null,
    }));
    cursor = rows[rows.length - 1]!.id;
    if (rows.length < batchSize) return;
  }
}
