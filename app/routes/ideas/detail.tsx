import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { intentAction } from "~/lib/actions.server";
import { parseWith, runLoader } from "~/lib/http.server";
import { can } from "~/lib/permissions";
import { requireUserWith } from "~/lib/session.server";
import { IdeaPage, ideaPageForms } from "~/modules/ideas";
import {
  addComment,
  assignOwner,
  changeStatus,
  deleteComment,
  editComment,
  getIdea,
  hideComment,
  mergeIdea,
  reviewerOptions,
  setFollowing,
  setIdeaHidden,
  unvote,
  vote,
} from "~/modules/ideas/index.server";
import { FeedbackOriginNotice, type FeedbackOriginView } from "~/modules/kpis";
import { feedbackForIdea } from "~/modules/kpis/index.server";
import { deliverOutboxSoon } from "~/modules/notifications/index.server";

const paramsSchema = z.object({ ideaId: z.string().min(1).max(40) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Idea");
  return runLoader(async () => {
    const { ideaId } = parseWith(paramsSchema, params);
    const page = await getIdea(user, ideaId);
    const [options, feedback] = await Promise.all([
      page.me.reviewer ? reviewerOptions(user, ideaId) : null,
      feedbackForIdea(ideaId),
    ]);
    // Raised from a customer feedback item: its details only for those who may read it.
    const origin: FeedbackOriginView | null = !feedback
      ? null
      : can(user, "read", { type: "CustomerFeedback", departmentId: feedback.departmentId })
        ? { shown: true, ...feedback }
        : { shown: false };
    return { ...page, options, origin };
  });
}

// Who may do what to this idea is record-level (the module checks it), so no `authorize`.
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "read", "Idea");
  // Inside each handler, so a bad id is refused like bad input (400).
  const ideaId = () => parseWith(paramsSchema, params).ideaId;
  return intentAction(request, ideaPageForms, {
    vote: async () => {
      await vote(user, ideaId());
    },
    unvote: async () => {
      await unvote(user, ideaId());
    },
    follow: async () => {
      await setFollowing(user, ideaId(), true);
    },
    unfollow: async () => {
      await setFollowing(user, ideaId(), false);
    },
    comment: async ({ body }) => {
      await addComment(user, ideaId(), body);
    },
    "edit-comment": async ({ commentId, body }) => {
      await editComment(user, ideaId(), commentId, body);
    },
    "delete-comment": async ({ commentId }) => {
      await deleteComment(user, ideaId(), commentId);
    },
    status: async ({ status, reason }) => {
      await changeStatus(user, ideaId(), status, reason);
      deliverOutboxSoon();
    },
    merge: async ({ targetId }) => {
      await mergeIdea(user, ideaId(), targetId);
      deliverOutboxSoon();
    },
    owner: async ({ ownerId }) => {
      await assignOwner(user, ideaId(), ownerId || null);
    },
    hide: async ({ reason }) => {
      await setIdeaHidden(user, ideaId(), reason);
      deliverOutboxSoon();
    },
    unhide: async () => {
      await setIdeaHidden(user, ideaId(), null);
    },
    "hide-comment": async ({ commentId, reason }) => {
      await hideComment(user, ideaId(), commentId, reason);
      deliverOutboxSoon();
    },
  });
}

export default function IdeaRoute() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <IdeaPage
      data={data}
      actionData={actionData}
      origin={data.origin && <FeedbackOriginNotice origin={data.origin} />}
    />
  );
}
