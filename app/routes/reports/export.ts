import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { csvResponse } from "~/lib/csv.server";
import { notFound, parseQuery, runLoader } from "~/lib/http.server";
import { getFixedT, resolveLanguage } from "~/lib/i18n.server";
import { enforceExportLimit } from "~/lib/rate-limit.server";
import { clientInfo } from "~/lib/request.server";
import { methodNotAllowed, resourceResponse } from "~/lib/resource.server";
import { recordExport } from "~/lib/security-events.server";
import { requireUserWith } from "~/lib/session.server";
import { exportReport } from "~/modules/reports/index.server";
import { EXPORT_TABLES, reportFiltersSchema } from "~/modules/reports";

const tableSchema = z.enum(EXPORT_TABLES);
const personSchema = z.object({ user: z.string().max(40).optional().catch(undefined) });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return resourceResponse(context, async () => {
    const user = await requireUserWith(request, "read", "Report");
    // An export that does not exist is a missing resource, not bad input.
    const table = tableSchema.safeParse(params.table);
    if (!table.success) throw notFound();
    const t = await getFixedT(await resolveLanguage(request, user.preferredLanguage));
    await enforceExportLimit(
      user.id,
      clientInfo(request, context).ipAddress,
      t("errors.tooManyRequests"),
    );
    const filters = parseQuery(request, reportFiltersSchema);
    return runLoader(async () => {
      const { name, body } = await exportReport(
        user,
        table.data,
        filters,
        t,
        parseQuery(request, personSchema).user,
      );
      // The scope was checked; the export is about to stream.
      await recordExport(request, user, "Report", params.table ?? "");
      return csvResponse(name, body);
    });
  });
}

/** Read-only: other methods are 405, not "Unexpected Server Error". */
export function action() {
  throw methodNotAllowed("GET, HEAD");
}
