// Moderation: hidden ideas and comments are for moderators only; the author is told why.
import { getDb } from "~/lib/db.server";
import { ForbiddenError, NotFoundError } from "~/lib/errors";
import type { Principal } from "~/lib/permissions";
import { recordAudit } from "~/modules/audit/index.server";
import { notify } from "~/modules/notifications/index.server";
import { isIdeaModerator } from "./access";
import { loadIdea, recountComments } from "./idea-records.server";

/** Hides an idea with a reason, or shows it again (reason null). */
export async function setIdeaHidden(
  actor: Principal,
  ideaId: string,
  reason: string | null,
  now = new Date(),
) {
  if (!isIdeaModerator(actor)) throw new ForbiddenError();
  return getDb().$transaction(async (tx) => {
    const idea = await loadIdea(tx, actor, ideaId);
    await tx.idea.update({
      where: { id: ideaId },
      data: reason
        ? { hiddenAt: now, hiddenReason: reason, hiddenById: actor.id }
        : { hiddenAt: null, hiddenReason: null, hiddenById: null },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: reason ? "idea.hide" : "idea.unhide",
      subjectType: "Idea",
      subjectId: ideaId,
      after: reason ? { reason } : {},
    });
    if (reason && idea.authorId !== actor.id) {
      await notify(tx, [
        {
          userId: idea.authorId,
          type: "IDEA_HIDDEN",
          params: { title: idea.title, reason },
          link: "/ideas",
        },
      ]);
    }
  });
}

export async function hideComment(
  actor: Principal,
  ideaId: string,
  commentId: string,
  reason: string,
  now = new Date(),
) {
  if (!isIdeaModerator(actor)) throw new ForbiddenError();
  return getDb().$transaction(async (tx) => {
    const idea = await loadIdea(tx, actor, ideaId);
    const comment = await tx.ideaComment.findUnique({ where: { id: commentId } });
    if (!comment || comment.ideaId !== ideaId) throw new NotFoundError();
    if (comment.hiddenAt || comment.deletedAt) return;
    await tx.ideaComment.update({
      where: { id: commentId },
      data: { hiddenAt: now, hiddenReason: reason, hiddenById: actor.id, repeatKey: null },
    });
    await recountComments(tx, ideaId);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "idea.comment_hide",
      subjectType: "IdeaComment",
      subjectId: commentId,
      after: { reason },
    });
    if (comment.authorId !== actor.id) {
      await notify(tx, [
        {
          userId: comment.authorId,
          type: "IDEA_COMMENT_HIDDEN",
          params: { title: idea.title, reason },
          link: `/ideas/${ideaId}`,
        },
      ]);
    }
  });
}
