import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { parseQuery, runLoader } from "~/lib/http.server";
import { can } from "~/lib/permissions";
import { requireUserWith } from "~/lib/session.server";
import { InitiativeListPage, initiativeListQuerySchema } from "~/modules/initiatives";
import { listInitiatives } from "~/modules/initiatives/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Initiative");
  const query = parseQuery(request, initiativeListQuerySchema);
  return runLoader(async () => ({
    ...(await listInitiatives(user, query)),
    canCreate: can(user, "create", "Initiative"),
    canReadKpis: can(user, "read", "Kpi"),
  }));
}

export default function InitiativesRoute() {
  const data = useLoaderData<typeof loader>();
  return (
    <InitiativeListPage data={data} canCreate={data.canCreate} canReadKpis={data.canReadKpis} />
  );
}
