// The idea page: text, comments, history; voters and reviewer tools for reviewers.
import { getDb } from "~/lib/db.server";
import { renderMarkdown } from "~/lib/markdown.server";
import type { Principal } from "~/lib/permissions";
import { peopleByIds } from "~/modules/org/index.server";
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
    department: idea.departmentId
      ? db.department.findUnique({ where: { id: idea.departmentId }, select: { name: true } })
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
      })
      .then((rows) => rows.reverse()),
    history: db.ideaStatusChange.findMany({
      where: { ideaId: idea.id },
      orderBy: { createdAt: "asc" },
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

/** Names by user id. */
type Names = Map<string, string>;

/**
 * The names the page shows (the author, the owner, the comments' authors and the history's
 * actors) in one statement, once the comments and the history are read.
 */
async function namesOf(viewer: Principal, idea: IdeaRow, loaded: PageLoads): Promise<Names> {
  const ids = [
    ...(showsNameOf(viewer, idea, idea.authorId) ? [idea.authorId] : []),
    ...(idea.ownerId ? [idea.ownerId] : []),
    ...loaded.comments.map((comment) => comment.authorId),
    ...loaded.history.flatMap((change) => change.actorId ?? []),
  ];
  const people = await peopleByIds(ids);
  return new Map([...people].map(([id, person]) => [id, person.name]));
}

function ideaView(viewer: Principal, idea: IdeaRow, loaded: PageLoads, names: Names): IdeaView {
  const ownerName = idea.ownerId ? names.get(idea.ownerId) : undefined;
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
    author: showsNameOf(viewer, idea, idea.authorId) ? (names.get(idea.authorId) ?? null) : null,
    status: idea.status,
    owner: idea.ownerId && ownerName !== undefined ? { id: idea.ownerId, name: ownerName } : null,
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
  names: Names,
  now: Date,
): CommentView {
  const mine = comment.authorId === viewer.id;
  return {
    id: comment.id,
    // The author of an anonymous idea stays anonymous in its comments too.
    author: showsNameOf(viewer, idea, comment.authorId)
      ? (names.get(comment.authorId) ?? null)
      : null,
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
  names: Names,
): HistoryEntry {
  return {
    from: change.fromStatus,
    to: change.toStatus,
    reason: change.reason,
    // The submission entry would name an anonymous author.
    by:
      change.actorId && showsNameOf(viewer, idea, change.actorId)
        ? (names.get(change.actorId) ?? null)
        : null,
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
  const names = await namesOf(viewer, idea, loaded);
  return {
    idea: ideaView(viewer, idea, loaded, names),
    me: {
      isAuthor: idea.authorId === viewer.id,
      voted: loaded.myVote !== null,
      following: loaded.myFollow !== null,
      reviewer,
      moderator: isIdeaModerator(viewer),
      nextStatuses: reviewer ? TRANSITIONS[idea.status as IdeaStatus] : [],
    },
    comments: loaded.comments.map((comment) => commentView(viewer, idea, comment, names, now)),
    history: loaded.history.map((change) => historyEntry(viewer, idea, change, names)),
    voters: loaded.voters.map((v) => ({
      name: v.user.name,
      email: v.user.email,
      at: v.createdAt.toISOString(),
    })),
  };
}
