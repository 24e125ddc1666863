import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { intentAction } from "~/lib/actions.server";
import { parseQuery, runLoader } from "~/lib/http.server";
import { canOnAll } from "~/lib/permissions";
import { requirePermission, requireUserWith } from "~/lib/session.server";
import { RewardManagePage, rewardManageForms, rewardManageQuerySchema } from "~/modules/incentives";
import { createReward, listRewardsToManage, updateReward } from "~/modules/incentives/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "update", "Reward");
  const { page, edit } = parseQuery(request, rewardManageQuerySchema);
  return runLoader(async () => ({
    ...(await listRewardsToManage(user, page, edit)),
    viewer: { id: user.id, role: user.role, scopeDepartmentIds: user.scopeDepartmentIds },
    canCreate: canOnAll(user, "create", "Reward"),
  }));
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "update", "Reward");
  return intentAction(
    request,
    rewardManageForms,
    {
      create: async (input) => {
        const reward = await createReward(user, input);
        return redirect(`/rewards/catalogue/manage?edit=${reward.id}&created=1`);
      },
      update: async (input) => {
        await updateReward(user, input);
      },
    },
    { authorize: (intent) => requirePermission(user, intent, "Reward") },
  );
}

export default function RewardManageRoute() {
  return (
    <RewardManagePage
      data={useLoaderData<typeof loader>()}
      actionData={useActionData<typeof action>()}
    />
  );
}
