import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { parseWith, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { EffectPage, effectParamsSchema } from "~/modules/kpis";
import { initiativeEffect } from "~/modules/kpis/index.server";

export const meta: MetaFunction = () => [{ title: "Effect · Uptake" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Kpi");
  return runLoader(async () => {
    const { initiativeId } = parseWith(effectParamsSchema, params);
    return {
      principal: { id: user.id, role: user.role, scopeDepartmentIds: user.scopeDepartmentIds },
      effect: await initiativeEffect(user, initiativeId),
    };
  });
}

export default function EffectRoute() {
  const data = useLoaderData<typeof loader>();
  return <EffectPage user={data.principal} effect={data.effect} />;
}
