// Reviewing: status changes along the workflow, merging duplicates, naming an owner.
import { getDb, type DbTx } from "~/lib/db.server";
import { raise } from "~/lib/domain-events.server";
import { ConflictError, ValidationError } from "~/lib/errors";
import type { Principal } from "~/lib/permissions";
import { recordAudit } from "~/modules/audit/index.server";
import { notify, type Notice } from "~/modules/notifications/index.server";
import { IDEA_OWNER_ROLES } from "./access";
import type { ReviewerChoices } from "./idea-page-data";
import { assertReviewer, loadIdea, recountVotes, reviewableWhere } from "./idea-records.server";
import { TRANSITIONS, type IdeaStatus } from "./schemas";

/** The author and every follower, except whoever made the change. */
async function audienceOf(tx: DbTx, idea: { id: string; authorId: string }, exceptId: string) {
  const followers = await tx.ideaFollow.findMany({
    where: { ideaId: idea.id },
    select: { userId: true },
  });
  return [...new Set([idea.authorId, ...followers.map((f) => f.userId)])].filter(
    (id) => id !== exceptId,
  );
}

function statusNotices(
  recipients: string[],
  idea: { id: string; title: string },
  status: IdeaStatus,
  reason: string,
): Notice[] {
  return recipients.map((userId) => ({
    userId,
    type: "IDEA_STATUS" as const,
    params: { title: idea.title, statusKey: `ideas.status.${status}`, reason },
    link: `/ideas/${idea.id}`,
  }));
}

/** A workflow step. Refused (400) outside the workflow; DECLINED needs a reason. */
export async function changeStatus(
  actor: Principal,
  ideaId: string,
  status: IdeaStatus,
  reason: string,
  now = new Date(),
) {
  return getDb().$transaction(async (tx) => {
    const idea = await loadIdea(tx, actor, ideaId);
    assertReviewer(actor, idea);
    const from = idea.status;
    if (status === "DUPLICATE") throw new ValidationError({ status: "ideas.workflow.useMerge" });
    if (!TRANSITIONS[from].includes(status)) {
      throw new ValidationError(
        { status: "ideas.workflow.notAllowed" },
        "ideas.workflow.notAllowed",
      );
    }
    if (status === "DECLINED" && !reason) {
      throw new ValidationError({ reason: "ideas.workflow.reasonRequired" });
    }
    // Conditional on the status read above: two reviewers at once cannot both move it.
    const { count } = await tx.idea.updateMany({
      where: { id: ideaId, status: from },
      data: { status },
    });
    if (count === 0) throw new ConflictError("errors.staleEdit");
    await tx.ideaStatusChange.create({
      data: {
        ideaId,
        fromStatus: from,
        toStatus: status,
        reason,
        actorId: actor.id,
        createdAt: now,
      },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "idea.status",
      subjectType: "Idea",
      subjectId: ideaId,
      before: { status: from },
      after: { status, reason },
    });
    await raise(tx, "idea.status_changed", {
      ideaId,
      authorId: idea.authorId,
      anonymous: idea.anonymous,
      from,
      to: status,
      actorId: actor.id,
      at: now,
    });
    // A hidden idea changes quietly: its followers could not open it.
    if (!idea.hiddenAt) {
      await notify(tx, statusNotices(await audienceOf(tx, idea, actor.id), idea, status, reason));
    }
  });
}

/** The two ideas of a merge, once the merge is allowed: the reviewer reviews both. */
async function mergePair(tx: DbTx, actor: Principal, sourceId: string, targetId: string) {
  const source = await loadIdea(tx, actor, sourceId);
  assertReviewer(actor, source);
  if (sourceId === targetId) throw new ValidationError({ targetId: "ideas.merge.self" });
  const target = await tx.idea.findUnique({ where: { id: targetId } });
  if (!target || target.hiddenAt)
    throw new ValidationError({ targetId: "ideas.merge.targetMissing" });
  assertReviewer(actor, target);
  if (target.status === "DUPLICATE") {
    // Covers "into one of its own duplicates" too: those are all DUPLICATE.
    throw new ValidationError({ targetId: "ideas.merge.targetIsDuplicate" });
  }
  if (!TRANSITIONS[source.status].includes("DUPLICATE")) {
    throw new ValidationError(
      { targetId: "ideas.workflow.notAllowed" },
      "ideas.workflow.notAllowed",
    );
  }
  return { source, target };
}

/** Moves the source's votes to the target; a person who voted for both keeps one vote. */
async function carryVotes(tx: DbTx, sourceId: string, targetId: string) {
  const [sourceVotes, targetVotes] = await Promise.all([
    tx.ideaVote.findMany({ where: { ideaId: sourceId } }),
    tx.ideaVote.findMany({ where: { ideaId: targetId }, select: { userId: true } }),
  ]);
  // The target's author keeps a carried-over vote: dropping it would reveal who wrote an
  // anonymous target to anyone comparing the voter lists.
  const already = new Set(targetVotes.map((v) => v.userId));
  const moving = sourceVotes.filter((v) => !already.has(v.userId));
  if (moving.length > 0) {
    await tx.ideaVote.createMany({
      data: moving.map((v) => ({ ideaId: targetId, userId: v.userId, createdAt: v.createdAt })),
    });
  }
  await tx.ideaVote.deleteMany({ where: { ideaId: sourceId } });
  return { before: sourceVotes.length, moved: moving.length };
}

/** The source's followers follow the target too. */
async function carryFollowers(tx: DbTx, sourceId: string, targetId: string) {
  const followers = await tx.ideaFollow.findMany({
    where: { ideaId: sourceId },
    select: { userId: true },
  });
  const targetFollowers = new Set(
    (await tx.ideaFollow.findMany({ where: { ideaId: targetId }, select: { userId: true } })).map(
      (f) => f.userId,
    ),
  );
  const newFollowers = followers.filter((f) => !targetFollowers.has(f.userId));
  if (newFollowers.length > 0) {
    await tx.ideaFollow.createMany({
      data: newFollowers.map((f) => ({ ideaId: targetId, userId: f.userId })),
    });
  }
}

/**
 * Merges a duplicate into another idea: its votes move to the target (a person who voted
 * for both counts once), its followers follow the target, and ideas already merged into it
 * point at the target. The reviewer must be allowed to review both ideas.
 */
export async function mergeIdea(actor: Principal, sourceId: string, targetId: string) {
  return getDb().$transaction(async (tx) => {
    const { source, target } = await mergePair(tx, actor, sourceId, targetId);
    const votes = await carryVotes(tx, sourceId, targetId);
    await carryFollowers(tx, sourceId, targetId);
    await tx.idea.updateMany({
      where: { mergedIntoId: sourceId },
      data: { mergedIntoId: targetId },
    });
    const { count } = await tx.idea.updateMany({
      where: { id: sourceId, status: source.status },
      data: { status: "DUPLICATE", mergedIntoId: targetId },
    });
    if (count === 0) throw new ConflictError("errors.staleEdit");
    await recountVotes(tx, sourceId);
    const targetVotesAfter = await recountVotes(tx, targetId);
    await tx.ideaStatusChange.create({
      data: {
        ideaId: sourceId,
        fromStatus: source.status,
        toStatus: "DUPLICATE",
        reason: target.title,
        actorId: actor.id,
      },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "idea.merge",
      subjectType: "Idea",
      subjectId: sourceId,
      before: { status: source.status, votes: votes.before },
      after: { mergedInto: targetId, votesMoved: votes.moved, targetVotes: targetVotesAfter },
    });
    await notify(
      tx,
      statusNotices(await audienceOf(tx, source, actor.id), source, "DUPLICATE", target.title),
    );
    return { moved: votes.moved, targetVotes: targetVotesAfter };
  });
}

export async function assignOwner(actor: Principal, ideaId: string, ownerId: string | null) {
  return getDb().$transaction(async (tx) => {
    const idea = await loadIdea(tx, actor, ideaId);
    assertReviewer(actor, idea);
    if (ownerId) {
      const owner = await tx.user.findUnique({ where: { id: ownerId }, select: { active: true } });
      if (!owner?.active) throw new ValidationError({ ownerId: "validation.invalid" });
    }
    await tx.idea.update({ where: { id: ideaId }, data: { ownerId } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "idea.owner",
      subjectType: "Idea",
      subjectId: ideaId,
      before: { ownerId: idea.ownerId },
      after: { ownerId },
    });
  });
}

/** Choices for the reviewer panel: possible owners and merge targets (within their scope). */
export async function reviewerOptions(viewer: Principal, ideaId: string): Promise<ReviewerChoices> {
  const db = getDb();
  const [owners, targets] = await Promise.all([
    db.user.findMany({
      where: { active: true, role: { in: [...IDEA_OWNER_ROLES] } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
      take: 500,
    }),
    db.idea.findMany({
      where: {
        id: { not: ideaId },
        status: { not: "DUPLICATE" },
        hiddenAt: null,
        ...reviewableWhere(viewer),
      },
      select: { id: true, title: true },
      orderBy: [{ voteCount: "desc" }, { createdAt: "desc" }],
      take: 300,
    }),
  ]);
  return { owners, targets };
}
