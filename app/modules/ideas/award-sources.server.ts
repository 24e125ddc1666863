// What ideas hold that earns points or badges, read for the incentives module (decision 032):
// its backfills and badge checks read the ideas tables only through these. Pages come in id
// order (keyset: `after` is the last id of the previous page, "" for the first). Anonymous
// ideas are never listed: an award would name their author (decision 031).
import { getDb, type DbTx } from "~/lib/db.server";
import type { IdeaStatus } from "./schemas";

export interface AuthoredIdea {
  ideaId: string;
  authorId: string;
}

export interface IdeaPage {
  rows: AuthoredIdea[];
  /** The id to read the next page after; null when this was the last. */
  next: string | null;
}

async function ideaPage(
  db: DbTx,
  after: string,
  take: number,
  reached?: IdeaStatus,
): Promise<IdeaPage> {
  const ideas = await db.idea.findMany({
    where: {
      anonymous: false,
      id: { gt: after },
      ...(reached
        ? { OR: [{ status: reached }, { history: { some: { toStatus: reached } } }] }
        : {}),
    },
    orderBy: { id: "asc" },
    take,
    select: { id: true, authorId: true },
  });
  return {
    rows: ideas.map((idea) => ({ ideaId: idea.id, authorId: idea.authorId })),
    next: ideas.length === take && ideas.length > 0 ? ideas[ideas.length - 1]!.id : null,
  };
}

/** Every idea submitted under its author's name. */
export function namedIdeasPage(after: string, take: number, db: DbTx = getDb()) {
  return ideaPage(db, after, take);
}

/**
 * Ideas under their author's name that reached `status` at some point: it is their status
 * now, or their history has a step to it (an idea accepted, then declined, was accepted).
 */
export function namedIdeasReachingPage(
  status: IdeaStatus,
  after: string,
  take: number,
  db: DbTx = getDb(),
) {
  return ideaPage(db, after, take, status);
}
