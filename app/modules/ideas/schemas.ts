import { z } from "zod";
import { withIntent, type ActionResult } from "~/lib/actions";
import { checkboxField, optionalWholeNumber, pageField } from "~/lib/fields";
import { markdownField } from "~/lib/markdown-limits";

export const IDEA_CATEGORIES = ["PROCESS_STEP", "TOOL", "CUSTOMER_EXPERIENCE", "OTHER"] as const;
export const SATISFACTION_EFFECTS = ["NONE", "LOW", "MEDIUM", "HIGH"] as const;
export const IDEA_STATUSES = [
  "SUBMITTED",
  "UNDER_REVIEW",
  "ACCEPTED",
  "IMPLEMENTED",
  "DECLINED",
  "DUPLICATE",
] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];

/**
 * The workflow. DUPLICATE is reached only by merging (it needs a target); DECLINED needs a
 * reason. A declined idea can be reopened for review; implemented and merged ones are final.
 */
export const TRANSITIONS: Record<IdeaStatus, readonly IdeaStatus[]> = {
  SUBMITTED: ["UNDER_REVIEW", "DECLINED", "DUPLICATE"],
  UNDER_REVIEW: ["ACCEPTED", "DECLINED", "DUPLICATE"],
  ACCEPTED: ["IMPLEMENTED", "DECLINED"],
  IMPLEMENTED: [],
  DECLINED: ["UNDER_REVIEW"],
  DUPLICATE: [],
};

export const TITLE_MAX = 120;
export const BODY_MAX = 10_000;

const text = (max: number) =>
  z.string().trim().min(1, "validation.required").max(max, "validation.tooLong");
/** Markdown bodies (idea texts, comments): also refused when nested too deeply. */
const markdown = (max: number) => markdownField(text(max));

export const ideaSchema = z.object({
  title: text(TITLE_MAX),
  problem: markdown(BODY_MAX),
  proposal: markdown(BODY_MAX),
  category: z.enum(IDEA_CATEGORIES, { message: "validation.required" }),
  departmentId: z.string().trim().max(40).default(""),
  hoursSavedPerMonth: optionalWholeNumber(0, 100_000),
  costSaving: optionalWholeNumber(0, 1_000_000_000),
  satisfactionEffect: z.enum(["", ...SATISFACTION_EFFECTS]).default(""),
  anonymous: checkboxField,
});
export type IdeaInput = z.infer<typeof ideaSchema>;

// The idea page's forms, one schema each; the route lists them by intent (withIntent).
export const commentSchema = z.object({ body: markdown(BODY_MAX) });
const commentId = z.string().min(1).max(40);
export const commentRefSchema = z.object({ commentId });
export const editCommentSchema = z.object({ commentId, body: markdown(BODY_MAX) });
export const mergeSchema = z.object({
  targetId: z.string().trim().min(1, "validation.required").max(40),
});
export const ownerSchema = z.object({ ownerId: z.string().trim().max(40).default("") });
export const hideSchema = z.object({ reason: text(500) });
export const hideCommentSchema = z.object({ commentId, reason: text(500) });
/** The status change as the server reads it; a declined idea's reason is checked by the module. */
export const statusChangeSchema = z.object({
  status: z.enum(IDEA_STATUSES, { message: "validation.required" }),
  reason: z.string().trim().max(2000, "validation.tooLong").default(""),
});

/** The status form on its own, for react-hook-form in the reviewer panel. */
export const statusSchema = statusChangeSchema.refine(
  (value) => value.status !== "DECLINED" || value.reason.length > 0,
  {
    path: ["reason"],
    message: "ideas.workflow.reasonRequired",
  },
);

const noFields = z.object({});

/** The idea page's forms by intent (intentAction): what each posts. */
export const ideaPageForms = z.discriminatedUnion("intent", [
  withIntent("vote", noFields),
  withIntent("unvote", noFields),
  withIntent("follow", noFields),
  withIntent("unfollow", noFields),
  withIntent("comment", commentSchema),
  withIntent("edit-comment", editCommentSchema),
  withIntent("delete-comment", commentRefSchema),
  withIntent("status", statusChangeSchema),
  withIntent("merge", mergeSchema),
  withIntent("owner", ownerSchema),
  withIntent("hide", hideSchema),
  withIntent("unhide", noFields),
  withIntent("hide-comment", hideCommentSchema),
]);
export type IdeaIntent = z.output<typeof ideaPageForms>["intent"];
/** The idea page's answer to one of its forms, as its components read it. */
export type IdeaActionResult = ActionResult<IdeaIntent> | undefined;

export const IDEA_SORTS = ["top", "newest", "trending"] as const;

export const boardQuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum(IDEA_STATUSES).optional().catch(undefined),
  category: z.enum(IDEA_CATEGORIES).optional().catch(undefined),
  department: z.string().trim().max(40).optional().catch(undefined),
  mine: z.enum(["1"]).optional().catch(undefined),
  voted: z.enum(["1"]).optional().catch(undefined),
  sort: z.enum(IDEA_SORTS).catch("top"),
  page: pageField,
});
export type BoardQuery = z.infer<typeof boardQuerySchema>;
