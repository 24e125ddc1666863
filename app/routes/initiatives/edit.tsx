import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { intentAction } from "~/lib/actions.server";
import { runLoader } from "~/lib/http.server";
import { requireUser } from "~/lib/session.server";
import { InitiativeEditPage, initiativeEditForms } from "~/modules/initiatives";
import {
  addRequiredCourse,
  initiativeEditData,
  removeRequiredCourse,
  requireInitiative,
  setPhases,
  setTargets,
  updateDetails,
} from "~/modules/initiatives/index.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return runLoader(async () => {
    await requireInitiative(user, params.initiativeId ?? "", "update");
    return initiativeEditData(user, params.initiativeId ?? "");
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = params.initiativeId ?? "";
  await runLoader(() => requireInitiative(user, id, "update"));
  return intentAction(
    request,
    initiativeEditForms,
    {
      details: (input) => updateDetails(user, id, input),
      phases: (input) => setPhases(user, id, input),
      targets: (input) => setTargets(user, id, input),
      addCourse: (input) => addRequiredCourse(user, id, input),
      removeCourse: (input) => removeRequiredCourse(user, id, input.courseId),
    },
    { json: true },
  );
}

export default function EditInitiativeRoute() {
  return (
    <InitiativeEditPage
      data={useLoaderData<typeof loader>()}
      actionData={useActionData<typeof action>()}
    />
  );
}
