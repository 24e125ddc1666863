import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { intentAction } from "~/lib/actions.server";
import { runLoader } from "~/lib/http.server";
import { requireUser } from "~/lib/session.server";
import { kpiEditForms, KpiDetailPage } from "~/modules/kpis";
import {
  addKpiDepartments,
  kpiDetail,
  removeKpiDepartment,
  requireKpi,
  setDepartmentPlan,
  setKpiArchived,
  updateKpi,
} from "~/modules/kpis/index.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const editing = new URL(request.url).searchParams.get("department");
  return runLoader(async () => ({
    ...(await kpiDetail(user, params.kpiId ?? "")),
    viewer: { id: user.id, role: user.role, scopeDepartmentIds: [] },
    editing: editing ? editing.slice(0, 40) : null,
  }));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = params.kpiId ?? "";
  // The KPI's range and precision shape the plan form's schema.
  const kpi = await runLoader(() => requireKpi(user, id, "update"));
  return intentAction(
    request,
    kpiEditForms(kpi),
    {
      details: (input) => updateKpi(user, id, input),
      addDepartments: (input) => addKpiDepartments(user, id, input),
      removeDepartment: (input) => removeKpiDepartment(user, id, input.departmentId),
      plan: (input) => setDepartmentPlan(user, id, input),
      archive: (input) => setKpiArchived(user, id, input),
    },
    { json: true },
  );
}

export default function KpiDetailRoute() {
  return (
    <KpiDetailPage
      data={useLoaderData<typeof loader>()}
      actionData={useActionData<typeof action>()}
    />
  );
}
