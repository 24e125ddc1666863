import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { formAction } from "~/lib/actions.server";
import { runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { AnswerPage, answerSchema } from "~/modules/initiatives";
import { getAnswerPage, submitAnswer } from "~/modules/initiatives/index.server";

// Answering a pulse survey (decision 039): only people of its target departments, only while
// it is open; the answer is stored under the person's respondent key (decision 037).

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "create", "PulseResponse");
  return runLoader(() => getAnswerPage(user, params.pulseId ?? ""));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "create", "PulseResponse");
  return formAction(request, answerSchema, async (input) => {
    const { firstAnswer } = await submitAnswer(user, params.pulseId ?? "", input);
    return { firstAnswer };
  });
}

export default function AnswerRoute() {
  return (
    <AnswerPage data={useLoaderData<typeof loader>()} actionData={useActionData<typeof action>()} />
  );
}
