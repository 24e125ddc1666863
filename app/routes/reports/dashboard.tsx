import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { parseQuery, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { DashboardPage, reportFiltersSchema } from "~/modules/reports";
import { getDashboard, reportFilterOptions } from "~/modules/reports/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Report");
  const filters = parseQuery(request, reportFiltersSchema);
  return runLoader(async () => {
    const [dashboard, options] = await Promise.all([
      getDashboard(user, filters),
      reportFilterOptions(user),
    ]);
    return { ...dashboard, options };
  });
}

export default function ReportsDashboard() {
  return <DashboardPage data={useLoaderData<typeof loader>()} />;
}
