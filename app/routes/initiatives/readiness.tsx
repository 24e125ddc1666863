import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { parseQuery, parseWith, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { ReadinessPage, readinessParamsSchema, readinessQuerySchema } from "~/modules/initiatives";
import { readinessReport } from "~/modules/initiatives/index.server";

export const meta: MetaFunction = () => [{ title: "Readiness · Uptake" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Readiness");
  return runLoader(async () => {
    const { initiativeId: id } = parseWith(readinessParamsSchema, params);
    const query = parseQuery(request, readinessQuerySchema);
    return {
      principal: { id: user.id, role: user.role, scopeDepartmentIds: user.scopeDepartmentIds },
      report: await readinessReport(user, id, {
        pulseId: query.pulse,
        departmentId: query.department,
      }),
    };
  });
}

export default function ReadinessRoute() {
  const data = useLoaderData<typeof loader>();
  return <ReadinessPage user={data.principal} report={data.report} />;
}
