// The idea page: text, comments, history; voters and reviewer tools for reviewers.
import { getDb } from "~/lib/db.server";
import { renderMarkdown } from "~/lib/markdown.server";
import type { Principal } from "~/lib/permissions";
import { commentEditDeadline, isIdeaModerator, reviewsIdea, showsNameOf } from "./access";
import type { CommentView, HistoryEntry, IdeaPageData, IdeaView } from "./idea-page-data";
import { loadIdea, visibleWhere } from "./idea-records.server";
import { TRANSITIONS, type IdeaStatus } from "./schemas";

type IdeaRow = Awaited<ReturnType<typeof loadIdea>>;
type Loaded<Loads> = { [Name in keyof Loads]: Awaited<Loads[Name]> };
type PageLoads = Loaded<ReturnType<typeof pageLoads>>;

/** Awaits an object of loads together; each result keeps its name (none is read by position). */
async function awaitNamed<Loads extends Record<string, unknown>>(
  loads: Loads,
): Promise<Loaded<Loads>> {
  const entries = await Promise.all(
    Object.entries(loads).map(async ([name, load]) => [name, await load] as const),
  );
  return Object.fromEntries(entries) as Loaded<Loads>;
}

/** Everything the page reads besides the idea itself, started together. */
function pageLoads(viewer: Principal, idea: IdeaRow, reviewer: boolean) {
  const db = getDb();
  const mine = { ideaId_userId: { ideaId: idea.id, userId: viewer.id } };
  return {
    author: showsNameOf(viewer, idea, idea.authorId)
      ? db.user.findUnique({ where: { id: idea.authorId }, select: { name: true } })
      : null,
    department: idea.departmentId
      ? db.department.findUnique({ where: { id: idea.departmentId }, select: { name: true } })
      : null,
    owner: idea.ownerId
      ? db.user.findUnique({ where: { id: idea.ownerId }, select: { id: true, name: true } })
      : null,
    mergedInto: idea.mergedIntoId
      ? db.idea.findFirst({
          where: { id: idea.mergedIntoId, ...visibleWhere(viewer) },
          select: { id: true, title: true },
        })
      : null,
    duplicates: db.idea.findMany({
      where: { mergedIntoId: idea.id, ...visibleWhere(viewer) },
      select: { id: true, title: true },
    }),
    comments: db.ideaComment
      .findMany({
        where: { ideaId: idea.id, ...(isIdeaModerator(viewer) ? {} : { hiddenAt: null }) },
        // A very long thread shows its latest 200 comments, oldest first.
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: 200,
        include: { author: { select: { id: true, name: true } } },
      })
      .then((rows) => rows.reverse()),
    history: db.ideaStatusChange.findMany({
      where: { ideaId: idea.id },
      orderBy: { createdAt: "asc" },
      include: { actor: { select: { name: true } } },
    }),
    voters: reviewer
      ? db.ideaVote.findMany({
          where: { ideaId: idea.id },
          orderBy: { createdAt: "asc" },
          include: { user: { select: { name: true, email: true } } },
        })
      : Promise.resolve([]),
    myVote: db.ideaVote.findUnique({ where: mine }),
    myFollow: db.ideaFollow.findUnique({ where: mine }),
  };
}

function ideaView(idea: IdeaRow, loaded: PageLoads): IdeaView {
  return {
    id: idea.id,
    title: idea.title,
    problemHtml: renderMarkdown(idea.problem),
    proposalHtml: renderMarkdown(idea.proposal),
    category: idea.category,
    department: loaded.department?.name ?? null,
    hoursSavedPerMonth: idea.hoursSavedPerMonth,
    costSaving: idea.costSaving,
    satisfactionEffect: idea.satisfactionEffect,
    anonymous: idea.anonymous,
    author: loaded.author ? loaded.author.name : null,
    status: idea.status,
    owner: loaded.owner,
    mergedInto: loaded.mergedInto,
    duplicates: loaded.duplicates,
    votes: idea.voteCount,
    createdAt: idea.createdAt.toISOString(),
    hidden: idea.hiddenAt
      ? { at: idea.hiddenAt.toISOString(), reason: idea.hiddenReason ?? "" }
      : null,
  };
}

function commentView(
  viewer: Principal,
  idea: IdeaRow,
  comment: PageLoads["comments"][number],
  now: Date,
): CommentView {
  const mine = comment.authorId === viewer.id;
  return {
    id: comment.id,
    // The author of an anonymous idea stays anonymous in its comments too.
    author: showsNameOf(viewer, idea, comment.authorId) ? comment.author.name : null,
    byIdeaAuthor: comment.authorId === idea.authorId,
    html: comment.deletedAt ? "" : renderMarkdown(comment.body),
    body: mine && !comment.deletedAt ? comment.body : "",
    createdAt: comment.createdAt.toISOString(),
    edited: comment.editedAt !== null,
    deleted: comment.deletedAt !== null,
    hidden: comment.hiddenAt ? { reason: comment.hiddenReason ?? "" } : null,
    mine,
    editable:
      mine &&
      !comment.deletedAt &&
      !comment.hiddenAt &&
      now.getTime() < commentEditDeadline(comment.createdAt),
  };
}

function historyEntry(
  viewer: Principal,
  idea: IdeaRow,
  change: PageLoads["history"][number],
): HistoryEntry {
  return {
    from: change.fromStatus,
    to: change.toStatus,
    reason: change.reason,
    // The submission entry would name an anonymous author.
    by: showsNameOf(viewer, idea, change.actorId) ? (change.actor?.name ?? null) : null,
    at: change.createdAt.toISOString(),
  };
}

/** The idea as this viewer may see it; hidden ideas are 404 to all but moderators. */
export async function getIdea(
  viewer: Principal,
  id: string,
  now = new Date(),
): Promise<IdeaPageData> {
  const idea = await loadIdea(getDb(), viewer, id);
  const reviewer = reviewsIdea(viewer, idea);
  const loaded = await awaitNamed(pageLoads(viewer, idea, reviewer));
  return {
    idea: ideaView(idea, loaded),
    me: {
      isAuthor: idea.authorId === viewer.id,
      voted: loaded.myVote !== null,
      following: loaded.myFollow !== null,
      reviewer,
      moderator: isIdeaModerator(viewer),
      nextStatuses: reviewer ? TRANSITIONS[idea.status as IdeaStatus] : [],
    },
    comments: loaded.comments.map((comment) => commentView(viewer, idea, comment, now)),
    history: loaded.history.map((change) => historyEntry(viewer, idea, change)),
    voters: loaded.voters.map((v) => ({
      name: v.user.name,
      email: v.user.email,
      at: v.createdAt.toISOString(),
    })),
  };
}
