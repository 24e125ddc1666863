import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { intentAction } from "~/lib/actions.server";
import { parseQuery, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import {
  listEnrolmentRows,
  selectedReportOptions,
  reportFormHandlers,
} from "~/modules/reports/index.server";
import { OverduePage, overduePageForms, reportFiltersSchema } from "~/modules/reports";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Report");
  const filters = { ...parseQuery(request, reportFiltersSchema), status: "OVERDUE" as const };
  return runLoader(async () => {
    const [list, selected] = await Promise.all([
      listEnrolmentRows(user, filters),
      selectedReportOptions(user, filters),
    ]);
    return { list, selected };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "create", "Reminder");
  const { remind } = reportFormHandlers(user);
  return intentAction(request, overduePageForms, { remind }, { json: true });
}

export default function OverdueList() {
  const { list, selected } = useLoaderData<typeof loader>();
  return <OverduePage list={list} pickers={selected} actionData={useActionData<typeof action>()} />;
}
