import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse, csvStream, type CsvValue } from "~/lib/csv.server";
import { parseWith, runLoader } from "~/lib/http.server";
import { getFixedT, resolveLanguage } from "~/lib/i18n.server";
import { enforceExportLimit } from "~/lib/rate-limit.server";
import { clientInfo } from "~/lib/request.server";
import { methodNotAllowed, resourceResponse } from "~/lib/resource.server";
import { recordExport } from "~/lib/security-events.server";
import { requireUserWith } from "~/lib/session.server";
import { effectParamsSchema } from "~/modules/kpis";
import { effectCsvHeader, effectCsvRows, initiativeEffect } from "~/modules/kpis/index.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return resourceResponse(context, async () => {
    const user = await requireUserWith(request, "read", "Kpi");
    return runLoader(async () => {
      const { initiativeId } = parseWith(effectParamsSchema, params);
      const effect = await initiativeEffect(user, initiativeId);
      const t = await getFixedT(await resolveLanguage(request, user.preferredLanguage));
      await enforceExportLimit(
        user.id,
        clientInfo(request, context).ipAddress,
        t("errors.tooManyRequests"),
      );
      await recordExport(request, user, "Kpi", initiativeId);
      const rows = effectCsvRows(effect, t);
      async function* batches(): AsyncGenerator<CsvValue[][]> {
        yield rows;
      }
      return csvResponse("uptake-kpi-effect", csvStream(effectCsvHeader(t), batches()));
    });
  });
}

/** Read-only: other methods are 405, not "Unexpected Server Error". */
export function action() {
  throw methodNotAllowed("GET, HEAD");
}
