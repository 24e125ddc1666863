import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { intentAction } from "~/lib/actions.server";
import { parseQuery, runLoader } from "~/lib/http.server";
import { requirePermission, requireUserWith } from "~/lib/session.server";
import { PulseListPage, pulseForms, pulseListQuerySchema } from "~/modules/initiatives";
import {
  closePulse,
  createPulse,
  listPulses,
  openPulse,
  updatePulse,
} from "~/modules/initiatives/index.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Pulse");
  const { page, edit } = parseQuery(request, pulseListQuerySchema);
  return runLoader(async () => ({
    ...(await listPulses(user, params.initiativeId ?? "", page, edit)),
    viewer: { id: user.id, role: user.role, scopeDepartmentIds: user.scopeDepartmentIds },
    createKey: crypto.randomUUID(),
  }));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "update", "Pulse");
  const initiativeId = params.initiativeId ?? "";
  const base = `/initiatives/${initiativeId}/pulses`;
  return intentAction(
    request,
    pulseForms,
    {
      create: async (input) => {
        const pulse = await createPulse(user, initiativeId, input);
        return redirect(`${base}?edit=${pulse.id}&created=1`);
      },
      update: async (input) => {
        await updatePulse(user, initiativeId, input);
      },
      open: async ({ pulseId }) => {
        await openPulse(user, pulseId, new Date(), initiativeId);
      },
      close: async ({ pulseId }) => {
        await closePulse(user, pulseId, new Date(), initiativeId);
      },
    },
    {
      authorize: (intent) =>
        requirePermission(user, intent === "create" ? "create" : "update", "Pulse"),
    },
  );
}

export default function PulsesRoute() {
  return (
    <PulseListPage
      data={useLoaderData<typeof loader>()}
      actionData={useActionData<typeof action>()}
    />
  );
}
