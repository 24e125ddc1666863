import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { parseQuery, runLoader } from "~/lib/http.server";
import { can } from "~/lib/permissions";
import { requireUserWith } from "~/lib/session.server";
import { boardQuerySchema, KpiBoardPage } from "~/modules/kpis";
import { kpiBoard } from "~/modules/kpis/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Kpi");
  const query = parseQuery(request, boardQuerySchema);
  return runLoader(async () => ({
    ...(await kpiBoard(user, query)),
    viewer: { id: user.id, role: user.role, scopeDepartmentIds: [] },
    canExport: can(user, "read", "Kpi"),
  }));
}

export default function KpiBoardRoute() {
  return <KpiBoardPage data={useLoaderData<typeof loader>()} />;
}
