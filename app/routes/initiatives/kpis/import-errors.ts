import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { csvResponse } from "~/lib/csv.server";
import { parseQuery, runLoader } from "~/lib/http.server";
import { getFixedT, resolveLanguage } from "~/lib/i18n.server";
import { methodNotAllowed, resourceResponse } from "~/lib/resource.server";
import { requireUserWith } from "~/lib/session.server";
import { kpiImportErrorReport } from "~/modules/kpis/index.server";

const querySchema = z.object({ file: z.string().max(40).catch("") });

/** The rows in error of one of the person's own uploads, with the reasons, in their language. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return resourceResponse(context, async () => {
    const user = await requireUserWith(request, "import", "KpiActual");
    const { file } = parseQuery(request, querySchema);
    const t = await getFixedT(await resolveLanguage(request, user.preferredLanguage));
    return runLoader(async () =>
      csvResponse("uptake-kpi-actuals-errors", await kpiImportErrorReport(user, file, t)),
    );
  });
}

/** Read-only: other methods are 405, not "Unexpected Server Error". */
export function action() {
  throw methodNotAllowed("GET, HEAD");
}
