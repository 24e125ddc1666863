import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { withIntent } from "~/lib/actions";
import { intentAction } from "~/lib/actions.server";
import { parseQuery } from "~/lib/http.server";
import { can } from "~/lib/permissions";
import { requirePermission, requireUserWith } from "~/lib/session.server";
import {
  backfillFormSchema,
  badgeRuleFormSchema,
  earningRuleFormSchema,
  RulesPage,
  rulesPageQuerySchema,
} from "~/modules/incentives";
import {
  backfillEarningRule,
  backfillPreview,
  badgeSummaries,
  earningRules,
  setBadgeRuleActive,
  updateEarningRule,
} from "~/modules/incentives/index.server";

// Everyone reads the rules; HR and administrators change them (IncentiveRules update).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "IncentiveRules");
  const canEdit = can(user, "update", "IncentiveRules");
  const query = parseQuery(request, rulesPageQuerySchema);
  const [rules, badges] = await Promise.all([earningRules(), badgeSummaries()]);
  // The confirmation step counts what the backfill would award (a read, nothing written).
  const backfill =
    canEdit && query.backfill
      ? { key: query.backfill, ...(await backfillPreview(query.backfill)) }
      : null;
  return {
    user: { id: user.id, role: user.role, scopeDepartmentIds: user.scopeDepartmentIds },
    earningRules: rules,
    badges,
    canEdit,
    editing: canEdit ? (query.edit ?? null) : null,
    backfill,
  };
}

const rulesForms = z.discriminatedUnion("intent", [
  withIntent("rule", earningRuleFormSchema),
  withIntent("backfill", backfillFormSchema),
  withIntent("badge", badgeRuleFormSchema),
]);

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWith(request, "read", "IncentiveRules");
  return intentAction(
    request,
    rulesForms,
    {
      rule: (input) => updateEarningRule(actor, input),
      backfill: async ({ key }) => ({ key, ...(await backfillEarningRule(actor, key)) }),
      badge: async (input) => ({
        key: input.key,
        active: input.active,
        ...(await setBadgeRuleActive(actor, input)),
      }),
    },
    { authorize: () => requirePermission(actor, "update", "IncentiveRules") },
  );
}

export default function RewardsRulesRoute() {
  return (
    <RulesPage {...useLoaderData<typeof loader>()} actionData={useActionData<typeof action>()} />
  );
}
