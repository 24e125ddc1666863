import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse, csvStream, type CsvValue } from "~/lib/csv.server";
import { parseQuery, runLoader } from "~/lib/http.server";
import { getFixedT, resolveLanguage } from "~/lib/i18n.server";
import { enforceExportLimit } from "~/lib/rate-limit.server";
import { clientInfo } from "~/lib/request.server";
import { methodNotAllowed, resourceResponse } from "~/lib/resource.server";
import { recordExport } from "~/lib/security-events.server";
import { requireUserWith } from "~/lib/session.server";
import { boardQuerySchema } from "~/modules/kpis";
import { boardCsvHeader, boardCsvRows, boardRows } from "~/modules/kpis/index.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return resourceResponse(context, async () => {
    const user = await requireUserWith(request, "read", "Kpi");
    return runLoader(async () => {
      const query = parseQuery(request, boardQuerySchema);
      const rows = await boardRows(user, query);
      const t = await getFixedT(await resolveLanguage(request, user.preferredLanguage));
      await enforceExportLimit(
        user.id,
        clientInfo(request, context).ipAddress,
        t("errors.tooManyRequests"),
      );
      await recordExport(request, user, "Kpi", "board");
      const lines = boardCsvRows(rows, t);
      async function* batches(): AsyncGenerator<CsvValue[][]> {
        yield lines;
      }
      return csvResponse("uptake-kpi-board", csvStream(boardCsvHeader(t), batches()));
    });
  });
}

/** Read-only: other methods are 405, not "Unexpected Server Error". */
export function action() {
  throw methodNotAllowed("GET, HEAD");
}
