import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { intentAction } from "~/lib/actions.server";
import { ForbiddenError, ValidationError } from "~/lib/errors";
import { parseQuery, runLoader } from "~/lib/http.server";
import { requireUser } from "~/lib/session.server";
import {
  actualForms,
  KpiDepartmentPage,
  kpiDepartmentQuerySchema,
  parsePeriod,
} from "~/modules/kpis";
import {
  reachesKpiDepartment,
  deleteActual,
  kpiDepartmentPage,
  requireKpiDepartmentPage,
  setActual,
} from "~/modules/kpis/index.server";

export const meta: MetaFunction = () => [{ title: "KPI · Uptake" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return runLoader(async () => {
    const query = parseQuery(request, kpiDepartmentQuerySchema);
    const data = await kpiDepartmentPage(
      user,
      params.kpiId ?? "",
      params.departmentId ?? "",
      query.page,
    );
    const editing = data.series.find((point) => point.period === query.edit);
    return { ...data, editing: editing ? { period: editing.period, value: editing.value } : null };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const kpiId = params.kpiId ?? "";
  const departmentId = params.departmentId ?? "";
  // The KPI's range, precision and period shape the form's schema.
  const { kpi } = await runLoader(() => requireKpiDepartmentPage(user, kpiId, departmentId));
  return intentAction(
    request,
    actualForms(kpi),
    {
      set: async (input) => ({ result: await setActual(user, kpiId, departmentId, input) }),
      delete: async (input) => {
        const start = parsePeriod(input.periodStart, kpi.period);
        if (!start) throw new ValidationError({ periodStart: `kpis.errors.period.${kpi.period}` });
        await deleteActual(user, kpiId, departmentId, start);
      },
    },
    {
      authorize: (intent) => {
        if (!reachesKpiDepartment(user, departmentId, intent === "delete" ? "delete" : "create"))
          throw new ForbiddenError();
      },
    },
  );
}

export default function KpiDepartmentRoute() {
  return (
    <KpiDepartmentPage
      data={useLoaderData<typeof loader>()}
      actionData={useActionData<typeof action>()}
    />
  );
}
