import { Stack } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formAction } from "~/lib/actions.server";
import { parseQuery, runLoader } from "~/lib/http.server";
import { canOnAll } from "~/lib/permissions";
import { requireUserWith } from "~/lib/session.server";
import { PageHeader } from "~/lib/ui/page";
import {
  AdjustmentDone,
  AdjustmentForm,
  adjustmentSchema,
  ANYONES_POINTS,
  LedgerList,
  ledgerQuerySchema,
  RewardsTabs,
} from "~/modules/incentives";
import { adjustPoints, ledgerPersonOption, listLedger } from "~/modules/incentives/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", ANYONES_POINTS);
  const query = parseQuery(request, ledgerQuerySchema);
  return runLoader(async () => {
    const [ledger, person] = await Promise.all([
      listLedger(user, query),
      ledgerPersonOption(query.person),
    ]);
    return {
      principal: { id: user.id, role: user.role, scopeDepartmentIds: user.scopeDepartmentIds },
      ...ledger,
      person,
      canAdjust: canOnAll(user, "create", "Points"),
      // A new key with every load: the same post twice is one adjustment, the next one is new.
      submissionKey: crypto.randomUUID(),
    };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "create", ANYONES_POINTS);
  return formAction(request, adjustmentSchema, (input) => adjustPoints(user, input));
}

export default function LedgerPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const doneId = actionData?.ok ? actionData.entryId : "";
  return (
    <Stack>
      <RewardsTabs user={data.principal} />
      <PageHeader title={t("rewards.ledger.title")} />
      {actionData?.ok && <AdjustmentDone balance={actionData.balance} />}
      {data.canAdjust && (
        <AdjustmentForm
          // An adjustment made empties the form (a new one for the next).
          key={doneId}
          submissionKey={data.submissionKey}
          actionData={doneId ? undefined : actionData}
        />
      )}
      <LedgerList
        entries={data.entries}
        summary={data}
        totalPoints={data.totalPoints}
        person={data.person}
      />
    </Stack>
  );
}
