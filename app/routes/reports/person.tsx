import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { parseQuery, parseWith, runAction, runLoader } from "~/lib/http.server";
import { can } from "~/lib/permissions";
import { requireUserWith } from "~/lib/session.server";
import { handleReportAction, getPersonRecord } from "~/modules/reports/index.server";
import { PersonPage, reportFiltersSchema } from "~/modules/reports";

const paramsSchema = z.object({ userId: z.string().min(1).max(40) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Report");
  const { page } = parseQuery(request, reportFiltersSchema);
  return runLoader(async () => {
    const { userId } = parseWith(paramsSchema, params);
    const record = await getPersonRecord(user, userId, page);
    return {
      ...record,
      mayRemind: can(user, "create", "Reminder"),
      mayComplete: can(user, "update", "Assignment"),
    };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "create", "Reminder");
  return runAction(async () => {
    parseWith(paramsSchema, params);
    return handleReportAction(request, user, true);
  });
}

export default function PersonRecord() {
  const { mayRemind, mayComplete, ...record } = useLoaderData<typeof loader>();
  return (
    <PersonPage
      record={record}
      mayRemind={mayRemind}
      mayComplete={mayComplete}
      actionData={useActionData<typeof action>()}
    />
  );
}
