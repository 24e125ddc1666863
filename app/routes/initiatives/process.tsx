import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { intentAction } from "~/lib/actions.server";
import { NotFoundError } from "~/lib/errors";
import { parseWith, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { ProcessPage, processPageForms, processPageParamsSchema } from "~/modules/processes";
import {
  copyAsIsToToBe,
  deleteProcess,
  processDepartmentChoices,
  processDetail,
  requireProcess,
  saveSteps,
  updateProcess,
} from "~/modules/processes/index.server";

export const meta: MetaFunction = () => [{ title: "Process · Uptake" }];

/** The process, if it is the URL's initiative's (another initiative's id answers 404). */
async function processOfUrl(user: Parameters<typeof requireProcess>[0], params: unknown) {
  const { initiativeId, processId } = parseWith(processPageParamsSchema, params);
  const process = await requireProcess(user, processId, "read");
  if (process.initiativeId !== initiativeId) throw new NotFoundError();
  return process;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Process");
  return runLoader(async () => {
    const process = await processOfUrl(user, params);
    const detail = await processDetail(user, process.id);
    return {
      principal: { id: user.id, role: user.role, scopeDepartmentIds: user.scopeDepartmentIds },
      detail,
      departments: detail.canUpdate ? await processDepartmentChoices(user) : [],
    };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "read", "Process");
  const process = await runLoader(() => processOfUrl(user, params));
  const id = process.id;
  return intentAction(
    request,
    processPageForms,
    {
      details: (input) => updateProcess(user, id, input),
      steps: (input) => saveSteps(user, id, input),
      copy: (input) => copyAsIsToToBe(user, id, input),
      delete: async () => {
        const initiativeId = await deleteProcess(user, id);
        return redirect(`/initiatives/${initiativeId}/processes`);
      },
    },
    { json: true },
  );
}

export default function ProcessRoute() {
  const data = useLoaderData<typeof loader>();
  return <ProcessPage {...data} actionData={useActionData<typeof action>()} />;
}
