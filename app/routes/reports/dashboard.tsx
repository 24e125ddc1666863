import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { parseQuery, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { DashboardPage, reportFiltersSchema } from "~/modules/reports";
import { getDashboard, selectedReportOptions } from "~/modules/reports/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Report");
  const filters = parseQuery(request, reportFiltersSchema);
  return runLoader(async () => {
    const [dashboard, selected] = await Promise.all([
      getDashboard(user, filters),
      selectedReportOptions(user, filters),
    ]);
    return { ...dashboard, selected };
  });
}

export default function ReportsDashboard() {
  return <DashboardPage data={useLoaderData<typeof loader>()} />;
}
