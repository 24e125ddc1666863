import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { intentAction } from "~/lib/actions.server";
import { parseQuery, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import {
  ANY_PERSONS_REDEMPTION,
  RedemptionQueuePage,
  redemptionQueueForms,
  redemptionQueueQuerySchema,
} from "~/modules/incentives";
import {
  approveRedemption,
  listRedemptionQueue,
  rejectRedemption,
} from "~/modules/incentives/index.server";
import { deliverOutboxSoon } from "~/modules/notifications/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "update", ANY_PERSONS_REDEMPTION);
  const query = parseQuery(request, redemptionQueueQuerySchema);
  return runLoader(async () => ({
    ...(await listRedemptionQueue(user, query)),
    viewer: { id: user.id, role: user.role, scopeDepartmentIds: user.scopeDepartmentIds },
  }));
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "update", ANY_PERSONS_REDEMPTION);
  return intentAction(request, redemptionQueueForms, {
    approve: async ({ redemptionId, note }) => {
      await approveRedemption(user, redemptionId, note);
      deliverOutboxSoon();
    },
    reject: async ({ redemptionId, reason }) => {
      await rejectRedemption(user, redemptionId, reason);
      deliverOutboxSoon();
    },
  });
}

export default function RedemptionQueueRoute() {
  return (
    <RedemptionQueuePage
      data={useLoaderData<typeof loader>()}
      actionData={useActionData<typeof action>()}
    />
  );
}
