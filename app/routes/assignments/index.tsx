import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { parseForm, parseQuery, parseWith, readFormFields, runAction } from "~/lib/http.server";
import { canOnAll } from "~/lib/permissions";
import { requirePermission, requireUserWith } from "~/lib/session.server";
import { AssignmentsPage, ruleListQuerySchema, ruleSchema } from "~/modules/learning";
import {
  applyAllRules,
  createRule,
  listRules,
  removeRule,
  ruleFormOptions,
} from "~/modules/learning/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Assignment");
  const { page } = parseQuery(request, ruleListQuerySchema);
  const [list, options] = await Promise.all([listRules(user, page), ruleFormOptions(user)]);
  return { ...list, options, canApplyAll: canOnAll(user, "update", "Assignment") };
}

const intentSchema = z.object({
  intent: z.enum(["create", "remove", "applyAll"]),
  ruleId: z.string().max(40).optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "read", "Assignment");
  const fields = await readFormFields(request.clone());
  const intent = intentSchema.safeParse(fields).data?.intent;
  return runAction(async () => {
    const { ruleId = "" } = parseWith(intentSchema, fields);
    switch (intent) {
      case "create": {
        const { enrolled, duplicate } = await createRule(
          user,
          await parseForm(request, ruleSchema),
        );
        // A repeat (double click) shows the rule that exists, not an error.
        return data({ ok: true as const, intent, count: enrolled, duplicate });
      }
      case "remove": {
        const { withdrawn } = await removeRule(user, ruleId);
        return data({ ok: true as const, intent, count: withdrawn });
      }
      default: {
        requirePermission(user, "update", "Assignment");
        return data({
          ok: true as const,
          intent: "applyAll" as const,
          count: await applyAllRules(),
        });
      }
    }
  }, intent);
}

export default function AssignmentsRoute() {
  const data = useLoaderData<typeof loader>();
  return <AssignmentsPage {...data} actionData={useActionData<typeof action>()} />;
}
