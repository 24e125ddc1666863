import { Stack } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formAction } from "~/lib/actions.server";
import { parseQuery, runLoader } from "~/lib/http.server";
import { can } from "~/lib/permissions";
import { requireUserWith } from "~/lib/session.server";
import { PageHeader } from "~/lib/ui/page";
import {
  KudosForm,
  KudosSent,
  KudosWall,
  KudosWallFilters,
  kudosSchema,
  kudosWallQuerySchema,
  RewardsTabs,
} from "~/modules/incentives";
import {
  companyValueOptions,
  givingAllowanceLeft,
  kudosDepartmentOption,
  kudosReceiverOption,
  listKudosWall,
  sendKudos,
} from "~/modules/incentives/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Kudos");
  const query = parseQuery(request, kudosWallQuerySchema);
  return runLoader(async () => {
    const canSend = can(user, "create", "Kudos");
    const [wall, values, department, receiver, allowance] = await Promise.all([
      listKudosWall(query),
      companyValueOptions(),
      kudosDepartmentOption(query.department),
      canSend ? kudosReceiverOption(user, query.to) : null,
      canSend ? givingAllowanceLeft(user.id) : null,
    ]);
    return {
      principal: { id: user.id, role: user.role, scopeDepartmentIds: user.scopeDepartmentIds },
      ...wall,
      values,
      department,
      receiver,
      allowance,
      // A new key with every load: the same post twice is one kudos, the next one is new.
      submissionKey: crypto.randomUUID(),
    };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "create", "Kudos");
  return formAction(request, kudosSchema, async (input) => ({
    kudosId: await sendKudos(user, input),
  }));
}

export default function KudosPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const sentId = actionData?.ok ? actionData.kudosId : "";
  return (
    <Stack>
      <RewardsTabs user={data.principal} />
      <PageHeader title={t("rewards.kudos.title")} />
      {sentId && <KudosSent />}
      {data.allowance && (
        <KudosForm
          // A kudos sent empties the form (a new one for the next).
          key={sentId}
          receiver={sentId ? null : data.receiver}
          values={data.values.filter((value) => value.active)}
          allowance={data.allowance}
          submissionKey={data.submissionKey}
          actionData={sentId ? undefined : actionData}
        />
      )}
      <KudosWallFilters department={data.department} values={data.values} />
      <KudosWall kudos={data.kudos} summary={data} />
    </Stack>
  );
}
