import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { parseQuery, parseWith, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import {
  ReadinessDepartmentPage,
  readinessDepartmentParamsSchema,
  readinessQuerySchema,
} from "~/modules/initiatives";
import { departmentReadiness } from "~/modules/initiatives/index.server";

export const meta: MetaFunction = () => [{ title: "Readiness · Uptake" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Readiness");
  return runLoader(async () => {
    const { initiativeId: id, departmentId } = parseWith(readinessDepartmentParamsSchema, params);
    const query = parseQuery(request, readinessQuerySchema);
    return {
      principal: { id: user.id, role: user.role, scopeDepartmentIds: user.scopeDepartmentIds },
      detail: await departmentReadiness(user, id, departmentId, {
        pulseId: query.pulse,
        page: query.page,
      }),
    };
  });
}

export default function ReadinessDepartmentRoute() {
  const data = useLoaderData<typeof loader>();
  return <ReadinessDepartmentPage user={data.principal} detail={data.detail} />;
}
