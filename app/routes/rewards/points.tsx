import { Stack } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseQuery } from "~/lib/http.server";
import { requireOwn } from "~/lib/session.server";
import { PageHeader } from "~/lib/ui/page";
import { MyPointsPage, pointsHistoryQuerySchema, RewardsTabs } from "~/modules/incentives";
import { myPointsPage } from "~/modules/incentives/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireOwn(request, "read", "Points");
  const query = parseQuery(request, pointsHistoryQuerySchema);
  return {
    principal: { id: user.id, role: user.role, scopeDepartmentIds: user.scopeDepartmentIds },
    points: await myPointsPage(user.id, query),
  };
}

export default function MyPointsRoute() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <Stack>
      <RewardsTabs user={data.principal} />
      <PageHeader title={t("rewards.points.title")} />
      <MyPointsPage data={data.points} />
    </Stack>
  );
}
