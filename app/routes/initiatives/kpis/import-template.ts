import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/lib/csv.server";
import { getFixedT, resolveLanguage } from "~/lib/i18n.server";
import { methodNotAllowed, resourceResponse } from "~/lib/resource.server";
import { requireUserWith } from "~/lib/session.server";
import { kpiImportTemplateCsv } from "~/modules/kpis/index.server";

/** The actuals import's template: the header and example rows, KPI names in the reader's language. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return resourceResponse(context, async () => {
    const user = await requireUserWith(request, "import", "KpiActual");
    const t = await getFixedT(await resolveLanguage(request, user.preferredLanguage));
    return csvResponse("uptake-kpi-actuals-template", new Blob([kpiImportTemplateCsv(t)]).stream());
  });
}

/** Read-only: other methods are 405, not "Unexpected Server Error". */
export function action() {
  throw methodNotAllowed("GET, HEAD");
}
