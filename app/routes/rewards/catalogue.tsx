import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { intentAction } from "~/lib/actions.server";
import { parseQuery, runLoader } from "~/lib/http.server";
import { can, canOnAll } from "~/lib/permissions";
import { requirePermission, requireUser, requireUserWith } from "~/lib/session.server";
import { CataloguePage, catalogueForms, catalogueQuerySchema } from "~/modules/incentives";
import {
  cancelRedemption,
  catalogueFor,
  requestRedemption,
} from "~/modules/incentives/index.server";
import { deliverOutboxSoon } from "~/modules/notifications/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Reward");
  const { page } = parseQuery(request, catalogueQuerySchema);
  return runLoader(async () => ({
    ...(await catalogueFor(user, page)),
    viewer: { id: user.id, role: user.role, scopeDepartmentIds: user.scopeDepartmentIds },
    canManage: canOnAll(user, "update", "Reward"),
    canRequest: can(user, "create", { type: "Redemption", ownerId: user.id }),
    // A new key with every load: a double click is one request, a later click another.
    requestKey: crypto.randomUUID(),
  }));
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return intentAction(
    request,
    catalogueForms,
    {
      request: async (input) => {
        const redemptionId = await requestRedemption(user, input);
        deliverOutboxSoon();
        return { redemptionId };
      },
      cancel: async ({ redemptionId }) => {
        await cancelRedemption(user, redemptionId);
        deliverOutboxSoon();
      },
    },
    {
      authorize: (intent) =>
        requirePermission(user, intent === "request" ? "create" : "update", {
          type: "Redemption",
          ownerId: user.id,
        }),
    },
  );
}

export default function CatalogueRoute() {
  return (
    <CataloguePage
      data={useLoaderData<typeof loader>()}
      actionData={useActionData<typeof action>()}
    />
  );
}
