import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { withIntent } from "~/lib/actions";
import { intentAction } from "~/lib/actions.server";
import { parseQuery } from "~/lib/http.server";
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

const ruleForms = z.discriminatedUnion("intent", [
  withIntent("create", ruleSchema),
  withIntent("remove", z.object({ ruleId: z.string().max(40).default("") })),
  withIntent("applyAll", z.object({})),
]);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "read", "Assignment");
  return intentAction(
    request,
    ruleForms,
    {
      create: async (input) => {
        const { enrolled, duplicate } = await createRule(user, input);
        // A repeat (double click) shows the rule that exists, not an error.
        return { count: enrolled, duplicate };
      },
      remove: async ({ ruleId }) => ({ count: (await removeRule(user, ruleId)).withdrawn }),
      applyAll: async () => ({ count: await applyAllRules() }),
    },
    // Applying every rule reaches all staff: HR only; the module scopes the others.
    {
      authorize: (intent) => {
        if (intent === "applyAll") requirePermission(user, "update", "Assignment");
      },
    },
  );
}

export default function AssignmentsRoute() {
  const data = useLoaderData<typeof loader>();
  return <AssignmentsPage {...data} actionData={useActionData<typeof action>()} />;
}
