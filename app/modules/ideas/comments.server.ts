// Comments on an idea: posting, correcting (for 15 minutes) and deleting your own.
import { createOnce, keyOf } from "~/lib/create-once.server";
import { getDb, type DbTx } from "~/lib/db.server";
import { ConflictError, ForbiddenError, NotFoundError } from "~/lib/errors";
import { assertRendersInTime } from "~/lib/markdown.server";
import type { Principal } from "~/lib/permissions";
import { commentEditDeadline } from "./access";
import { loadIdea, recountComments } from "./idea-records.server";

/**
 * Adds a comment. The same text posted again right after (a double click, a resent form)
 * is the same comment: only the author's latest comment on the idea holds its repeat key,
 * so the same words after another comment of theirs are a new comment.
 */
export async function addComment(actor: Principal, ideaId: string, body: string) {
  assertRendersInTime({ body });
  const repeatKey = keyOf("comment", ideaId, actor.id, body);
  return createOnce(
    () => insertComment(actor, ideaId, body, repeatKey),
    async () =>
      (await getDb().ideaComment.findUnique({ where: { repeatKey }, select: { id: true } }))?.id ??
      null,
  );
}

async function insertComment(actor: Principal, ideaId: string, body: string, repeatKey: string) {
  return getDb().$transaction(async (tx) => {
    await loadIdea(tx, actor, ideaId);
    await tx.ideaComment.updateMany({
      where: { ideaId, authorId: actor.id, repeatKey: { not: repeatKey } },
      data: { repeatKey: null },
    });
    const comment = await tx.ideaComment.create({
      data: { ideaId, authorId: actor.id, body, repeatKey },
    });
    await recountComments(tx, ideaId);
    // Commenting follows the idea (a person can unfollow again).
    const following = await tx.ideaFollow.findUnique({
      where: { ideaId_userId: { ideaId, userId: actor.id } },
    });
    if (!following) await tx.ideaFollow.create({ data: { ideaId, userId: actor.id } });
    return comment.id;
  });
}

async function ownComment(tx: DbTx, actor: Principal, ideaId: string, commentId: string) {
  await loadIdea(tx, actor, ideaId);
  const comment = await tx.ideaComment.findUnique({ where: { id: commentId } });
  if (!comment || comment.ideaId !== ideaId || comment.deletedAt || comment.hiddenAt) {
    throw new NotFoundError();
  }
  if (comment.authorId !== actor.id) throw new ForbiddenError();
  return comment;
}

/** Authors may correct their comment for 15 minutes after posting it. */
export async function editComment(
  actor: Principal,
  ideaId: string,
  commentId: string,
  body: string,
  now = new Date(),
) {
  assertRendersInTime({ body });
  return getDb().$transaction(async (tx) => {
    const comment = await ownComment(tx, actor, ideaId, commentId);
    if (now.getTime() > commentEditDeadline(comment.createdAt)) {
      throw new ConflictError("ideas.comment.editWindowOver");
    }
    // An edited comment no longer stands for the text first posted.
    await tx.ideaComment.update({
      where: { id: commentId },
      data: { body, editedAt: now, repeatKey: null },
    });
  });
}

/** Deleting keeps a "deleted" placeholder (the thread stays readable) and drops the text. */
export async function deleteComment(
  actor: Principal,
  ideaId: string,
  commentId: string,
  now = new Date(),
) {
  return getDb().$transaction(async (tx) => {
    await ownComment(tx, actor, ideaId, commentId);
    await tx.ideaComment.update({
      where: { id: commentId },
      data: { deletedAt: now, body: "", repeatKey: null },
    });
    await recountComments(tx, ideaId);
  });
}
