import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { formAction } from "~/lib/actions.server";
import { runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { webhookCreateSchema, WebhooksPage } from "~/modules/webhooks";
import { createSubscription, listSubscriptions } from "~/modules/webhooks/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Webhook");
  return runLoader(async () => ({
    subscriptions: await listSubscriptions(user),
    createKey: crypto.randomUUID(),
  }));
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "create", "Webhook");
  return formAction(request, webhookCreateSchema, (input) => createSubscription(user, input), {
    json: true,
  });
}

export default function WebhooksRoute() {
  const data = useLoaderData<typeof loader>();
  return (
    <WebhooksPage
      subscriptions={data.subscriptions}
      createKey={data.createKey}
      actionData={useActionData<typeof action>()}
    />
  );
}
