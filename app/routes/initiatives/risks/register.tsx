import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { formAction } from "~/lib/actions.server";
import { parseQuery, runLoader } from "~/lib/http.server";
import { requireUser, requireUserWith } from "~/lib/session.server";
import { createRiskSchema, riskRegisterQuerySchema, RiskRegisterPage } from "~/modules/risks";
import { createRisk, riskOwnerChoices, riskRegister } from "~/modules/risks/index.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return runLoader(async () => {
    const query = parseQuery(request, riskRegisterQuerySchema);
    const register = await riskRegister(user, params.initiativeId ?? "", query);
    return {
      ...register,
      viewer: { id: user.id, role: user.role, scopeDepartmentIds: [] },
      ownerChoices: register.canEdit ? await riskOwnerChoices() : [],
      submissionKey: crypto.randomUUID(),
    };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "create", "Risk");
  const initiativeId = params.initiativeId ?? "";
  return formAction(request, createRiskSchema, async ({ submissionKey, ...input }) => {
    const risk = await createRisk(user, initiativeId, input, { submissionKey });
    return redirect(`/initiatives/${initiativeId}/risks/${risk.id}`);
  });
}

export default function RiskRegisterRoute() {
  return (
    <RiskRegisterPage
      data={useLoaderData<typeof loader>() as never}
      actionData={useActionData<typeof action>()}
    />
  );
}
