import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { intentAction } from "~/lib/actions.server";
import { parseQuery, parseWith, runLoader } from "~/lib/http.server";
import { can, type Action, type Subject } from "~/lib/permissions";
import { requirePermission, requireUserWith } from "~/lib/session.server";
import { getPersonRecord, reportFormHandlers } from "~/modules/reports/index.server";
import {
  PersonPage,
  personPageForms,
  reportFiltersSchema,
  type ReportIntent,
} from "~/modules/reports";

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

const PERMISSION_FOR_INTENT = {
  remind: { action: "create", subject: "Reminder" },
  complete: { action: "update", subject: "Assignment" },
} as const satisfies Record<ReportIntent, { action: Action; subject: Subject }>;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "read", "Report");
  const handlers = reportFormHandlers(user);
  // Inside each handler, so a bad id is refused like bad input (400).
  const checkParams = () => parseWith(paramsSchema, params);
  return intentAction(
    request,
    personPageForms,
    {
      remind: async (input) => {
        checkParams();
        return handlers.remind(input);
      },
      complete: async (input) => {
        checkParams();
        await handlers.complete(input);
      },
    },
    {
      json: true,
      authorize: (intent) => {
        const { action, subject } = PERMISSION_FOR_INTENT[intent];
        requirePermission(user, action, subject);
      },
    },
  );
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
