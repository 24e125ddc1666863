import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse, csvStream, type CsvValue } from "~/lib/csv.server";
import { parseQuery, parseWith, runLoader } from "~/lib/http.server";
import { getFixedT, resolveLanguage } from "~/lib/i18n.server";
import { enforceExportLimit } from "~/lib/rate-limit.server";
import { clientInfo } from "~/lib/request.server";
import { methodNotAllowed, resourceResponse } from "~/lib/resource.server";
import { recordExport } from "~/lib/security-events.server";
import { requireUserWith } from "~/lib/session.server";
import { readinessParamsSchema, readinessQuerySchema } from "~/modules/initiatives";
import {
  readinessCsvHeader,
  readinessCsvRows,
  readinessReport,
} from "~/modules/initiatives/index.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return resourceResponse(context, async () => {
    const user = await requireUserWith(request, "read", "Readiness");
    return runLoader(async () => {
      const { initiativeId: id } = parseWith(readinessParamsSchema, params);
      const query = parseQuery(request, readinessQuerySchema);
      const report = await readinessReport(user, id, {
        pulseId: query.pulse,
        departmentId: query.department,
      });
      const t = await getFixedT(await resolveLanguage(request, user.preferredLanguage));
      await enforceExportLimit(
        user.id,
        clientInfo(request, context).ipAddress,
        t("errors.tooManyRequests"),
      );
      await recordExport(request, user, "Readiness", id);
      const rows = readinessCsvRows(report, t);
      async function* batches(): AsyncGenerator<CsvValue[][]> {
        yield rows;
      }
      return csvResponse("uptake-readiness", csvStream(readinessCsvHeader(t), batches()));
    });
  });
}

/** Read-only: other methods are 405, not "Unexpected Server Error". */
export function action() {
  throw methodNotAllowed("GET, HEAD");
}
