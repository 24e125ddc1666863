import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { parseQuery, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { KpiListPage, kpiListQuerySchema } from "~/modules/kpis";
import { listKpis } from "~/modules/kpis/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Kpi");
  const query = parseQuery(request, kpiListQuerySchema);
  return runLoader(async () => ({
    ...(await listKpis(user, query)),
    viewer: { id: user.id, role: user.role, scopeDepartmentIds: [] },
  }));
}

export default function KpiDefinitionsRoute() {
  return <KpiListPage data={useLoaderData<typeof loader>()} />;
}
