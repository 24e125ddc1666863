import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { parseQuery, parseWith, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { listRuleEnrolments } from "~/modules/learning/index.server";
import { RuleEnrolmentsPage, ruleListQuerySchema } from "~/modules/learning";

const paramsSchema = z.object({ ruleId: z.string().min(1).max(40) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Assignment");
  return runLoader(async () =>
    listRuleEnrolments(
      user,
      parseWith(paramsSchema, params).ruleId,
      parseQuery(request, ruleListQuerySchema).page,
    ),
  );
}

export default function RuleEnrolmentsRoute() {
  return <RuleEnrolmentsPage {...useLoaderData<typeof loader>()} />;
}
