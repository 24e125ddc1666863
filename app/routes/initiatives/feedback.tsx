import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { parseQuery, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { FeedbackListPage, feedbackQuerySchema } from "~/modules/kpis";
import { listFeedback } from "~/modules/kpis/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "CustomerFeedback");
  const query = parseQuery(request, feedbackQuerySchema);
  return runLoader(() => listFeedback(user, query));
}

export default function FeedbackListRoute() {
  return <FeedbackListPage data={useLoaderData<typeof loader>()} />;
}
