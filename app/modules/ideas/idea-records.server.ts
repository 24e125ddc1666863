// The module's own helpers for the idea rows (not part of its surface, index.server.ts):
// reading an idea as the viewer may see it, and the counters kept on it.
import { lockForUpdate, type DbTx, type Prisma } from "~/lib/db.server";
import { ForbiddenError, NotFoundError } from "~/lib/errors";
import { scopeWhere, type Principal } from "~/lib/permissions";
import { isIdeaModerator, reviewsIdea } from "./access";

/** Hidden ideas are for moderators only. */
export function visibleWhere(viewer: Principal): Prisma.IdeaWhereInput {
  return isIdeaModerator(viewer) ? {} : { hiddenAt: null };
}

/** The ideas the viewer may review; throws ForbiddenError for a viewer who reviews none. */
export function reviewableWhere(viewer: Principal): Prisma.IdeaWhereInput {
  return scopeWhere<Prisma.IdeaWhereInput>(viewer, "update", "Idea", {
    department: (departmentIds) => ({ departmentId: { in: departmentIds } }),
  });
}

export async function loadIdea(tx: DbTx, viewer: Principal, id: string) {
  const idea = await tx.idea.findUnique({ where: { id } });
  if (!idea || (idea.hiddenAt && !isIdeaModerator(viewer))) throw new NotFoundError();
  return idea;
}

export function assertReviewer(viewer: Principal, idea: { departmentId: string | null }) {
  if (!reviewsIdea(viewer, idea)) throw new ForbiddenError();
}

/** Counts are recounted, not incremented, in the change's transaction: races cannot drift. */
// Each recount locks the idea first: two racing recounts on PostgreSQL would otherwise each
// miss the other's uncommitted row, and the last to commit would write a short count.

export async function recountVotes(tx: DbTx, ideaId: string) {
  await lockForUpdate(tx, "Idea", "id", ideaId);
  const voteCount = await tx.ideaVote.count({ where: { ideaId } });
  await tx.idea.update({ where: { id: ideaId }, data: { voteCount } });
  return voteCount;
}

export async function recountComments(tx: DbTx, ideaId: string) {
  await lockForUpdate(tx, "Idea", "id", ideaId);
  const commentCount = await tx.ideaComment.count({
    where: { ideaId, deletedAt: null, hiddenAt: null },
  });
  await tx.idea.update({ where: { id: ideaId }, data: { commentCount } });
}
