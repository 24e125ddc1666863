import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { intentAction } from "~/lib/actions.server";
import { runLoader } from "~/lib/http.server";
import { requireUser } from "~/lib/session.server";
import { riskEditForms, RiskPage } from "~/modules/risks";
import {
  deleteRisk,
  requireRisk,
  riskDetail,
  riskOwnerChoices,
  updateRisk,
} from "~/modules/risks/index.server";
import { NotFoundError } from "~/lib/errors";

/** The risk, if it belongs to the initiative in the address (another's id is a 404). */
async function riskOf(
  user: Parameters<typeof requireRisk>[0],
  params: Record<string, string | undefined>,
  action: "update",
) {
  const risk = await requireRisk(user, params.riskId ?? "", action);
  if (risk.initiativeId !== params.initiativeId) throw new NotFoundError();
  return risk;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return runLoader(async () => {
    const detail = await riskDetail(user, params.riskId ?? "");
    // Another initiative's risk under this address is not found here.
    if (detail.initiative.id !== params.initiativeId) throw new NotFoundError();
    return {
      ...detail,
      viewer: { id: user.id, role: user.role, scopeDepartmentIds: [] },
      ownerChoices: detail.canEdit ? await riskOwnerChoices() : [],
    };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const risk = await runLoader(() => riskOf(user, params, "update"));
  return intentAction(request, riskEditForms, {
    details: (input) => updateRisk(user, risk.id, input),
    delete: async () => {
      const initiativeId = await deleteRisk(user, risk.id);
      return redirect(`/initiatives/${initiativeId}/risks`);
    },
  });
}

export default function RiskRoute() {
  return (
    <RiskPage
      data={useLoaderData<typeof loader>() as never}
      actionData={useActionData<typeof action>()}
    />
  );
}
