import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { formAction } from "~/lib/actions.server";
import { requireUserWith } from "~/lib/session.server";
import { createKpiSchema, NewKpiPage } from "~/modules/kpis";
import { createKpi, newKpiChoices } from "~/modules/kpis/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWith(request, "create", "Kpi");
  const template = new URL(request.url).searchParams.get("template") ?? "";
  return {
    ...(await newKpiChoices()),
    template: template.slice(0, 40),
    submissionKey: crypto.randomUUID(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "create", "Kpi");
  return formAction(request, createKpiSchema, async ({ submissionKey, ...input }) => {
    const kpi = await createKpi(user, input, { submissionKey });
    return redirect(`/initiatives/kpis/${kpi.id}`);
  });
}

export default function NewKpiRoute() {
  const data = useLoaderData<typeof loader>();
  return <NewKpiPage {...data} actionData={useActionData<typeof action>()} />;
}
