import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { formAction } from "~/lib/actions.server";
import { parseQuery, parseWith, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { departmentNames } from "~/modules/org/index.server";
import {
  createProcessSchema,
  ProcessListPage,
  processListParamsSchema,
  processListQuerySchema,
} from "~/modules/processes";
import { createProcess, listProcesses } from "~/modules/processes/index.server";

export const meta: MetaFunction = () => [{ title: "Processes · Uptake" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Process");
  return runLoader(async () => {
    const { initiativeId } = parseWith(processListParamsSchema, params);
    const { page } = parseQuery(request, processListQuerySchema);
    const list = await listProcesses(user, initiativeId, page);
    const departments = list.canCreate ? await departmentNames() : [];
    return {
      principal: { id: user.id, role: user.role, scopeDepartmentIds: user.scopeDepartmentIds },
      list,
      departments: departments.map((d) => ({ value: d.id, label: d.name })),
      submissionKey: crypto.randomUUID(),
    };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "create", "Process");
  const { initiativeId } = parseWith(processListParamsSchema, params);
  return formAction(request, createProcessSchema, async ({ submissionKey, ...input }) => {
    const process = await createProcess(user, initiativeId, input, { submissionKey });
    return redirect(`/initiatives/${initiativeId}/processes/${process.id}`);
  });
}

export default function ProcessesRoute() {
  const data = useLoaderData<typeof loader>();
  return <ProcessListPage {...data} actionData={useActionData<typeof action>()} />;
}
