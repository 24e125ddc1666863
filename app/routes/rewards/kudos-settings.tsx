import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { intentAction } from "~/lib/actions.server";
import { parseQuery, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import {
  KudosSettingsPage,
  kudosSettingsForms,
  kudosSettingsQuerySchema,
  monthKey,
  monthStartOf,
} from "~/modules/incentives";
import {
  addCompanyValue,
  kudosSettings,
  renameCompanyValue,
  setCompanyValueActive,
  setGivingAllowances,
  setPairMonthlyCap,
} from "~/modules/incentives/index.server";

const FLAGGED_MONTHS_SHOWN = 12;
const pageQuery = kudosSettingsQuerySchema.extend({
  edit: z.string().max(40).optional().catch(undefined),
});

/** The last twelve months, newest first ("2026-12", "2026-11", …). */
function recentMonths(now: Date): string[] {
  return Array.from({ length: FLAGGED_MONTHS_SHOWN }, (_, back) =>
    monthKey(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1))),
  );
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "update", "Kudos");
  const query = parseQuery(request, pageQuery);
  return runLoader(async () => {
    const now = new Date();
    const settings = await kudosSettings(query.month ? monthStartOf(query.month) : now);
    return {
      principal: { id: user.id, role: user.role, scopeDepartmentIds: user.scopeDepartmentIds },
      ...settings,
      editing: settings.values.find((value) => value.id === query.edit) ?? null,
      months: recentMonths(now),
    };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWith(request, "update", "Kudos");
  return intentAction(request, kudosSettingsForms, {
    addValue: async (input) => {
      await addCompanyValue(actor, input);
    },
    renameValue: async (input) => {
      await renameCompanyValue(actor, input);
    },
    setValueActive: async (input) => {
      await setCompanyValueActive(actor, input);
    },
    allowances: async (input) => {
      await setGivingAllowances(actor, input);
    },
    pairCap: async (input) => {
      await setPairMonthlyCap(actor, input);
    },
  });
}

export default function KudosSettingsRoute() {
  return (
    <KudosSettingsPage
      data={useLoaderData<typeof loader>()}
      actionData={useActionData<typeof action>()}
    />
  );
}
