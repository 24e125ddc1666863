import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { intentAction } from "~/lib/actions.server";
import { parseQuery, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { deliveryLogQuerySchema, webhookPageSchema, WebhookPage } from "~/modules/webhooks";
import {
  deleteSubscription,
  getSubscriptionPage,
  redeliver,
  rotateSecret,
  sendTestEvent,
  setSubscriptionEnabled,
  updateSubscription,
} from "~/modules/webhooks/index.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Webhook");
  const { page } = parseQuery(request, deliveryLogQuerySchema);
  return runLoader(() => getSubscriptionPage(user, params.webhookId ?? "", page));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "update", "Webhook");
  const id = params.webhookId ?? "";
  // Unknown id: 404 before any intent runs.
  await runLoader(() => getSubscriptionPage(user, id, 1));
  return intentAction(
    request,
    webhookPageSchema,
    {
      update: (input) => updateSubscription(user, id, input),
      enable: () => setSubscriptionEnabled(user, id, true),
      disable: () => setSubscriptionEnabled(user, id, false),
      delete: async () => {
        await deleteSubscription(user, id);
        return redirect("/admin/webhooks");
      },
      "rotate-secret": () => rotateSecret(user, id),
      "send-test": () => sendTestEvent(user, id),
      redeliver: ({ deliveryId }) => redeliver(user, id, deliveryId),
    },
    { json: true },
  );
}

export default function WebhookRoute() {
  return (
    <WebhookPage
      data={useLoaderData<typeof loader>()}
      actionData={useActionData<typeof action>() as never}
    />
  );
}
