import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseQuery, runLoader } from "~/lib/http.server";
import { resourceResponse } from "~/lib/resource.server";
import { requireUserWith } from "~/lib/session.server";
import { reportOptionsQuerySchema } from "~/modules/reports";
import { searchReportOptions } from "~/modules/reports/index.server";

/** The report filter pickers' matches (?kind=department|course&q=…&page=…), as JSON. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return resourceResponse(context, async () => {
    const user = await requireUserWith(request, "read", "Report");
    const query = parseQuery(request, reportOptionsQuerySchema);
    return runLoader(() => searchReportOptions(user, query));
  });
}
