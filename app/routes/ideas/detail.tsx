import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { parseForm, parseWith, readFormFields, runAction, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { IdeaPage, ideaActionSchema } from "~/modules/ideas";
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
import { deliverOutboxSoon } from "~/modules/notifications/index.server";

const paramsSchema = z.object({ ideaId: z.string().min(1).max(40) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Idea");
  return runLoader(async () => {
    const { ideaId } = parseWith(paramsSchema, params);
    const page = await getIdea(user, ideaId);
    const options = page.me.reviewer ? await reviewerOptions(user, ideaId) : null;
    return { ...page, options };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "read", "Idea");
  const intent = (await readFormFields(request.clone())).intent ?? "";
  return runAction(async () => {
    const { ideaId } = parseWith(paramsSchema, params);
    const input = await parseForm(request, ideaActionSchema);
    switch (input.intent) {
      case "vote":
        await vote(user, ideaId);
        break;
      case "unvote":
        await unvote(user, ideaId);
        break;
      case "follow":
      case "unfollow":
        await setFollowing(user, ideaId, input.intent === "follow");
        break;
      case "comment":
        await addComment(user, ideaId, input.body);
        break;
      case "edit-comment":
        await editComment(user, ideaId, input.commentId, input.body);
        break;
      case "delete-comment":
        await deleteComment(user, ideaId, input.commentId);
        break;
      case "status":
        await changeStatus(user, ideaId, input.status, input.reason);
        deliverOutboxSoon();
        break;
      case "merge":
        await mergeIdea(user, ideaId, input.targetId);
        deliverOutboxSoon();
        break;
      case "owner":
        await assignOwner(user, ideaId, input.ownerId || null);
        break;
      case "hide":
        await setIdeaHidden(user, ideaId, input.reason);
        deliverOutboxSoon();
        break;
      case "unhide":
        await setIdeaHidden(user, ideaId, null);
        break;
      case "hide-comment":
        await hideComment(user, ideaId, input.commentId, input.reason);
        deliverOutboxSoon();
        break;
    }
    return { ok: true as const, intent: input.intent };
  }, intent);
}

export default function IdeaRoute() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return <IdeaPage data={data} actionData={actionData} />;
}
