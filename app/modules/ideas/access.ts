// Who may do what with ideas, read from the permission map: no role is named here.
import { can, grantScope, ROLES, type Principal, type Role } from "~/lib/permissions";
import { MINUTE_MS } from "~/lib/dates";

/** Moderators hide ideas and comments, and still see the hidden ones. */
export const isIdeaModerator = (viewer: Principal) => can(viewer, "delete", "Idea");

/** May the viewer review some ideas (workflow, voters, export)? */
export const isReviewer = (viewer: Principal) => can(viewer, "update", "Idea");

/** May the viewer review this idea (everywhere, or within the departments they manage)? */
export const reviewsIdea = (viewer: Principal, idea: { departmentId: string | null }) =>
  can(viewer, "update", { type: "Idea", departmentId: idea.departmentId });

/** The roles a reviewer can name as an idea's owner. */
export const IDEA_OWNER_ROLES: readonly Role[] = ROLES.filter(
  (role) => grantScope(role, "create", "IdeaOwnership") !== undefined,
);

/**
 * The anonymity rule, decided here only: does this idea show `personId`'s name to `viewer`?
 * An anonymous idea's author goes unnamed (on the idea, its history and their comments on it)
 * to everyone who may not read idea authors, the author included; everyone else is named.
 */
export function showsNameOf(
  viewer: Principal,
  idea: { anonymous: boolean; authorId: string },
  personId: string | null,
): boolean {
  return !idea.anonymous || personId !== idea.authorId || can(viewer, "read", "IdeaAuthor");
}

const COMMENT_EDIT_MINUTES = 15;

/** Authors may correct a comment until this moment (epoch ms): 15 minutes after posting. */
export const commentEditDeadline = (createdAt: Date) =>
  createdAt.getTime() + COMMENT_EDIT_MINUTES * MINUTE_MS;
