import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { intentAction } from "~/lib/actions.server";
import { parseWith, runLoader } from "~/lib/http.server";
import { requirePermission, requireUserWith } from "~/lib/session.server";
import { FeedbackDetailPage, feedbackDetailForms, feedbackParamsSchema } from "~/modules/kpis";
import { deleteFeedback, feedbackDetail, turnFeedbackIntoIdea } from "~/modules/kpis/index.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "CustomerFeedback");
  return runLoader(async () => {
    const { feedbackId } = parseWith(feedbackParamsSchema, params);
    return feedbackDetail(user, feedbackId);
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "read", "CustomerFeedback");
  // Inside each handler, so a bad id is refused like bad input (400).
  const feedbackId = () => parseWith(feedbackParamsSchema, params).feedbackId;
  return intentAction(
    request,
    feedbackDetailForms,
    {
      // A second click (or anyone's parallel one) lands on the same idea.
      idea: async (input) => {
        const { ideaId } = await turnFeedbackIntoIdea(user, feedbackId(), input);
        return redirect(`/ideas/${ideaId}`);
      },
      delete: async () => {
        await deleteFeedback(user, feedbackId());
        return redirect("/initiatives/feedback");
      },
    },
    {
      authorize: (intent) =>
        intent === "idea"
          ? requirePermission(user, "create", "Idea")
          : requirePermission(user, "delete", "CustomerFeedback"),
    },
  );
}

export default function FeedbackDetailRoute() {
  return (
    <FeedbackDetailPage
      data={useLoaderData<typeof loader>()}
      actionData={useActionData<typeof action>()}
    />
  );
}
