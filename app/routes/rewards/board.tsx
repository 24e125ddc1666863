import { Stack } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseQuery } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { PageHeader } from "~/lib/ui/page";
import { BoardPage, leaderboardQuerySchema, RewardsTabs } from "~/modules/incentives";
import { leaderboardPage } from "~/modules/incentives/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Reward");
  const query = parseQuery(request, leaderboardQuerySchema);
  return {
    principal: { id: user.id, role: user.role, scopeDepartmentIds: user.scopeDepartmentIds },
    board: await leaderboardPage(user.id, query),
  };
}

export default function RewardsBoardRoute() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <Stack>
      <RewardsTabs user={data.principal} />
      <PageHeader title={t("rewards.board.title")} />
      <BoardPage data={data.board} />
    </Stack>
  );
}
