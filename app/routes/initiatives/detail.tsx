import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { runLoader } from "~/lib/http.server";
import { can } from "~/lib/permissions";
import { requireUser } from "~/lib/session.server";
import { InitiativeOverviewPage } from "~/modules/initiatives";
import { initiativeOverview, requireInitiative } from "~/modules/initiatives/index.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return runLoader(async () => {
    await requireInitiative(user, params.initiativeId ?? "");
    return {
      user: { id: user.id, role: user.role, scopeDepartmentIds: user.scopeDepartmentIds },
      canEdit: can(user, "update", "Initiative"),
      today: new Date().toISOString(),
      ...(await initiativeOverview(user, params.initiativeId ?? "")),
    };
  });
}

export default function InitiativeRoute() {
  const data = useLoaderData<typeof loader>();
  return <InitiativeOverviewPage user={data.user} data={data} canEdit={data.canEdit} />;
}
