import { createOnce, insertIfAbsent, keyOf } from "~/lib/create-once.server";
import { getDb, Prisma, type DbTx } from "~/lib/db.server";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "~/lib/errors";
import { assertRendersInTime, renderMarkdown } from "~/lib/markdown.server";
import { can, type Principal } from "~/lib/permissions";
import { recordAudit } from "~/modules/audit/index.server";
import { notify, type Notice } from "~/modules/notifications/index.server";
import { TRANSITIONS, type BoardQuery, type IdeaInput, type IdeaStatus } from "./schemas";

// Improvement ideas. Reading rules: hidden ideas and comments are for moderators (HR,
// admins) only; the author of an anonymous idea is shown to administrators only, and is
// left out of every other response (not just hidden in the page).

export const BOARD_PAGE_SIZE = 12;
const TRENDING_DAYS = 14;
const COMMENT_EDIT_MINUTES = 15;
const DAY_MS = 24 * 3600 * 1000;

const isModerator = (viewer: Principal) => can(viewer, "delete", "Idea");
const seesAnonymousAuthors = (viewer: Principal) => can(viewer, "read", "IdeaAuthor");
const reviews = (viewer: Principal, idea: { departmentId: string | null }) =>
  can(viewer, "update", { type: "Idea", departmentId: idea.departmentId });

/** May the viewer review some ideas (workflow, voters, export)? */
export const isReviewer = (viewer: Principal) => can(viewer, "update", "Idea");

function visibleWhere(viewer: Principal): Prisma.IdeaWhereInput {
  return isModerator(viewer) ? {} : { hiddenAt: null };
}

async function loadIdea(tx: DbTx, viewer: Principal, id: string) {
  const idea = await tx.idea.findUnique({ where: { id } });
  if (!idea || (idea.hiddenAt && !isModerator(viewer))) throw new NotFoundError();
  return idea;
}

function assertReviewer(viewer: Principal, idea: { departmentId: string | null }) {
  if (!reviews(viewer, idea)) throw new ForbiddenError();
}

async function recountVotes(tx: DbTx, ideaId: string) {
  const voteCount = await tx.ideaVote.count({ where: { ideaId } });
  await tx.idea.update({ where: { id: ideaId }, data: { voteCount } });
  return voteCount;
}

async function recountComments(tx: DbTx, ideaId: string) {
  const commentCount = await tx.ideaComment.count({
    where: { ideaId, deletedAt: null, hiddenAt: null },
  });
  await tx.idea.update({ where: { id: ideaId }, data: { commentCount } });
}

/** Submits an idea; the same submission again (every field the same) is the one idea. */
export async function createIdea(actor: Principal, input: IdeaInput) {
  if (!can(actor, "create", "Idea")) throw new ForbiddenError();
  assertRendersInTime({ problem: input.problem, proposal: input.proposal });
  const submitKey = keyOf("idea", actor.id, input);
  return createOnce(
    () => insertIdea(actor, input, submitKey),
    async () =>
      (await getDb().idea.findUnique({ where: { submitKey }, select: { id: true } }))?.id ?? null,
  );
}

async function insertIdea(actor: Principal, input: IdeaInput, submitKey: string) {
  return getDb().$transaction(async (tx) => {
    if (input.departmentId) {
      const exists = await tx.department.findUnique({ where: { id: input.departmentId } });
      if (!exists) throw new ValidationError({ departmentId: "validation.invalid" });
    }
    const idea = await tx.idea.create({
      data: {
        title: input.title,
        problem: input.problem,
        proposal: input.proposal,
        category: input.category,
        departmentId: input.departmentId || null,
        hoursSavedPerMonth: input.hoursSavedPerMonth,
        costSaving: input.costSaving,
        satisfactionEffect: input.satisfactionEffect || null,
        anonymous: input.anonymous,
        authorId: actor.id,
        submitKey,
        follows: { create: { userId: actor.id } },
        history: { create: { fromStatus: "", toStatus: "SUBMITTED", actorId: actor.id } },
      },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "idea.create",
      subjectType: "Idea",
      subjectId: idea.id,
      // The audit trail is admin-only, so the author is recorded as for any change.
      after: { title: idea.title, anonymous: idea.anonymous },
    });
    return idea.id;
  });
}

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
              { title: { contains: query.q } },
              { problem: { contains: query.q } },
              { proposal: { contains: query.q } },
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
async function boardPage(viewer: Principal, query: BoardQuery, now: Date, pageSize: number) {
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
        skip: (query.page - 1) * pageSize,
        take: pageSize,
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
    ids: all.slice((query.page - 1) * pageSize, query.page * pageSize).map((r) => r.id),
  };
}

export async function listBoard(viewer: Principal, query: BoardQuery, now = new Date()) {
  if (!can(viewer, "read", "Idea")) throw new ForbiddenError();
  const db = getDb();
  const { total, ids } = await boardPage(viewer, query, now, BOARD_PAGE_SIZE);
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
  return {
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / BOARD_PAGE_SIZE)),
    ideas: ids.map((id) => {
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
    }),
  };
}

/** The idea page: text, comments, history; voters and reviewer tools for reviewers. */
export async function getIdea(viewer: Principal, id: string, now = new Date()) {
  const db = getDb();
  const idea = await loadIdea(db, viewer, id);
  const reviewer = reviews(viewer, idea);
  const moderator = isModerator(viewer);
  const showAuthor = !idea.anonymous || seesAnonymousAuthors(viewer);
  const [author, department, owner, mergedInto, duplicates, comments, history, votes, me] =
    await Promise.all([
      showAuthor
        ? db.user.findUnique({ where: { id: idea.authorId }, select: { name: true } })
        : null,
      idea.departmentId
        ? db.department.findUnique({ where: { id: idea.departmentId }, select: { name: true } })
        : null,
      idea.ownerId
        ? db.user.findUnique({ where: { id: idea.ownerId }, select: { id: true, name: true } })
        : null,
      idea.mergedIntoId
        ? db.idea.findFirst({
            where: { id: idea.mergedIntoId, ...visibleWhere(viewer) },
            select: { id: true, title: true },
          })
        : null,
      db.idea.findMany({
        where: { mergedIntoId: idea.id, ...visibleWhere(viewer) },
        select: { id: true, title: true },
      }),
      db.ideaComment
        .findMany({
          where: { ideaId: idea.id, ...(moderator ? {} : { hiddenAt: null }) },
          // A very long thread shows its latest 200 comments, oldest first.
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: 200,
          include: { author: { select: { id: true, name: true } } },
        })
        .then((rows) => rows.reverse()),
      db.ideaStatusChange.findMany({
        where: { ideaId: idea.id },
        orderBy: { createdAt: "asc" },
        include: { actor: { select: { name: true } } },
      }),
      reviewer
        ? db.ideaVote.findMany({
            where: { ideaId: idea.id },
            orderBy: { createdAt: "asc" },
            include: { user: { select: { name: true, email: true } } },
          })
        : Promise.resolve([]),
      Promise.all([
        db.ideaVote.findUnique({
          where: { ideaId_userId: { ideaId: idea.id, userId: viewer.id } },
        }),
        db.ideaFollow.findUnique({
          where: { ideaId_userId: { ideaId: idea.id, userId: viewer.id } },
        }),
      ]),
    ]);
  const isAuthor = idea.authorId === viewer.id;
  const editableUntil = (createdAt: Date) => createdAt.getTime() + COMMENT_EDIT_MINUTES * 60_000;
  return {
    idea: {
      id: idea.id,
      title: idea.title,
      problemHtml: renderMarkdown(idea.problem),
      proposalHtml: renderMarkdown(idea.proposal),
      category: idea.category,
      department: department?.name ?? null,
      hoursSavedPerMonth: idea.hoursSavedPerMonth,
      costSaving: idea.costSaving,
      satisfactionEffect: idea.satisfactionEffect,
      anonymous: idea.anonymous,
      author: author ? author.name : null,
      status: idea.status as IdeaStatus,
      owner,
      mergedInto,
      duplicates,
      votes: idea.voteCount,
      createdAt: idea.createdAt.toISOString(),
      hidden: idea.hiddenAt
        ? { at: idea.hiddenAt.toISOString(), reason: idea.hiddenReason ?? "" }
        : null,
    },
    me: {
      isAuthor,
      voted: me[0] !== null,
      following: me[1] !== null,
      reviewer,
      moderator,
      nextStatuses: reviewer ? TRANSITIONS[idea.status as IdeaStatus] : [],
    },
    comments: comments.map((c) => {
      // The author of an anonymous idea stays anonymous in its comments too.
      const hideName =
        idea.anonymous && c.authorId === idea.authorId && !seesAnonymousAuthors(viewer);
      return {
        id: c.id,
        author: hideName ? null : c.author.name,
        byIdeaAuthor: c.authorId === idea.authorId,
        html: c.deletedAt ? "" : renderMarkdown(c.body),
        body: c.authorId === viewer.id && !c.deletedAt ? c.body : "",
        createdAt: c.createdAt.toISOString(),
        edited: c.editedAt !== null,
        deleted: c.deletedAt !== null,
        hidden: c.hiddenAt ? { reason: c.hiddenReason ?? "" } : null,
        mine: c.authorId === viewer.id,
        editable:
          c.authorId === viewer.id &&
          !c.deletedAt &&
          !c.hiddenAt &&
          now.getTime() < editableUntil(c.createdAt),
      };
    }),
    history: history.map((h) => ({
      from: h.fromStatus,
      to: h.toStatus,
      reason: h.reason,
      // The submission entry would name an anonymous author.
      by:
        idea.anonymous && h.actorId === idea.authorId && !seesAnonymousAuthors(viewer)
          ? null
          : (h.actor?.name ?? null),
      at: h.createdAt.toISOString(),
    })),
    voters: votes.map((v) => ({
      name: v.user.name,
      email: v.user.email,
      at: v.createdAt.toISOString(),
    })),
  };
}

/** One vote per person, never on your own idea; repeats and races leave one vote. */
export async function vote(actor: Principal, ideaId: string) {
  return getDb().$transaction(async (tx) => {
    const idea = await loadIdea(tx, actor, ideaId);
    if (idea.authorId === actor.id) throw new ConflictError("ideas.vote.ownIdea");
    if (idea.status === "DUPLICATE") throw new ConflictError("ideas.vote.merged");
    const existing = await tx.ideaVote.findUnique({
      where: { ideaId_userId: { ideaId, userId: actor.id } },
    });
    if (!existing) {
      await insertIfAbsent(() => tx.ideaVote.create({ data: { ideaId, userId: actor.id } }));
    }
    return recountVotes(tx, ideaId);
  });
}

export async function unvote(actor: Principal, ideaId: string) {
  return getDb().$transaction(async (tx) => {
    await loadIdea(tx, actor, ideaId);
    await tx.ideaVote.deleteMany({ where: { ideaId, userId: actor.id } });
    return recountVotes(tx, ideaId);
  });
}

export async function setFollowing(actor: Principal, ideaId: string, following: boolean) {
  const db = getDb();
  await loadIdea(db, actor, ideaId);
  if (following) {
    const exists = await db.ideaFollow.findUnique({
      where: { ideaId_userId: { ideaId, userId: actor.id } },
    });
    if (!exists)
      await insertIfAbsent(() => db.ideaFollow.create({ data: { ideaId, userId: actor.id } }));
  } else {
    await db.ideaFollow.deleteMany({ where: { ideaId, userId: actor.id } });
  }
}

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
    if (now.getTime() > comment.createdAt.getTime() + COMMENT_EDIT_MINUTES * 60_000) {
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
) {
  return getDb().$transaction(async (tx) => {
    const idea = await loadIdea(tx, actor, ideaId);
    assertReviewer(actor, idea);
    const from = idea.status as IdeaStatus;
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
      data: { ideaId, fromStatus: from, toStatus: status, reason, actorId: actor.id },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "idea.status",
      subjectType: "Idea",
      subjectId: ideaId,
      before: { status: from },
      after: { status, reason },
    });
    // A hidden idea changes quietly: its followers could not open it.
    if (!idea.hiddenAt) {
      await notify(tx, statusNotices(await audienceOf(tx, idea, actor.id), idea, status, reason));
    }
  });
}

/**
 * Merges a duplicate into another idea: its votes move to the target (a person who voted
 * for both counts once), its followers follow the target, and ideas already merged into it
 * point at the target. The reviewer must be allowed to review both ideas.
 */
export async function mergeIdea(actor: Principal, sourceId: string, targetId: string) {
  return getDb().$transaction(async (tx) => {
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
    if (!TRANSITIONS[source.status as IdeaStatus].includes("DUPLICATE")) {
      throw new ValidationError(
        { targetId: "ideas.workflow.notAllowed" },
        "ideas.workflow.notAllowed",
      );
    }
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
      before: { status: source.status, votes: sourceVotes.length },
      after: { mergedInto: targetId, votesMoved: moving.length, targetVotes: targetVotesAfter },
    });
    await notify(
      tx,
      statusNotices(await audienceOf(tx, source, actor.id), source, "DUPLICATE", target.title),
    );
    return { moved: moving.length, targetVotes: targetVotesAfter };
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

/** Moderation: hidden ideas are visible to HR and admins only; the author is told why. */
export async function setIdeaHidden(
  actor: Principal,
  ideaId: string,
  reason: string | null,
  now = new Date(),
) {
  if (!isModerator(actor)) throw new ForbiddenError();
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
  if (!isModerator(actor)) throw new ForbiddenError();
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

/** Choices for the reviewer panel: possible owners and merge targets. */
export async function reviewerOptions(viewer: Principal, ideaId: string) {
  const db = getDb();
  const [owners, targets] = await Promise.all([
    db.user.findMany({
      where: { active: true, role: { not: "EMPLOYEE" } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
      take: 500,
    }),
    db.idea.findMany({
      where: {
        id: { not: ideaId },
        status: { not: "DUPLICATE" },
        hiddenAt: null,
        // Managers merge only within their tree.
        ...(can(viewer, "update", { type: "Idea", departmentId: null })
          ? {}
          : { departmentId: { in: [...viewer.scopeDepartmentIds] } }),
      },
      select: { id: true, title: true },
      orderBy: [{ voteCount: "desc" }, { createdAt: "desc" }],
      take: 300,
    }),
  ]);
  return { owners, targets };
}

/** Departments for the submit form and the board filter. */
export async function ideaFormOptions() {
  return {
    departments: await getDb().department.findMany({
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
  };
}

/** The board with its filters, for reviewers' CSV export (managers: their tree's ideas). */
export async function* boardExportBatches(viewer: Principal, query: BoardQuery, batchSize = 1000) {
  if (!isReviewer(viewer)) throw new ForbiddenError();
  const db = getDb();
  const scope: Prisma.IdeaWhereInput = can(viewer, "update", {
    type: "Idea",
    departmentId: "__none__",
  })
    ? {}
    : { departmentId: { in: [...viewer.scopeDepartmentIds] } };
  const where: Prisma.IdeaWhereInput = { AND: [boardWhere(viewer, query), scope] };
  const showAuthors = seesAnonymousAuthors(viewer);
  let cursor: string | undefined;
  for (;;) {
    const rows = await db.idea.findMany({
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
      author: row.anonymous && !showAuthors ? null : row.author.name,
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
