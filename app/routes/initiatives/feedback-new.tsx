import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { formAction } from "~/lib/actions.server";
import { isoDate } from "~/lib/dates";
import { runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { LogFeedbackPage, logFeedbackSchema } from "~/modules/kpis";
import { feedbackChoices, logFeedback } from "~/modules/kpis/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "create", "CustomerFeedback");
  return runLoader(async () => ({
    choices: await feedbackChoices(user, "create"),
    today: isoDate(new Date()),
    submissionKey: crypto.randomUUID(),
  }));
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "create", "CustomerFeedback");
  return formAction(request, logFeedbackSchema, async (input) => {
    const item = await logFeedback(user, input);
    return redirect(`/initiatives/feedback/${item.id}`);
  });
}

export default function LogFeedbackRoute() {
  const data = useLoaderData<typeof loader>();
  return (
    <LogFeedbackPage
      choices={data.choices}
      today={data.today}
      submissionKey={data.submissionKey}
      actionData={useActionData<typeof action>()}
    />
  );
}
