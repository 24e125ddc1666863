import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse, csvStream, type CsvValue } from "~/lib/csv.server";
import { NotFoundError } from "~/lib/errors";
import { parseWith, runLoader } from "~/lib/http.server";
import { getFixedT, resolveLanguage } from "~/lib/i18n.server";
import { enforceExportLimit } from "~/lib/rate-limit.server";
import { clientInfo } from "~/lib/request.server";
import { methodNotAllowed, resourceResponse } from "~/lib/resource.server";
import { recordExport } from "~/lib/security-events.server";
import { requireUserWith } from "~/lib/session.server";
import { processPageParamsSchema } from "~/modules/processes";
import { processCsvHeader, processCsvRows, processDetail } from "~/modules/processes/index.server";

/** The steps of both versions of one process, as CSV. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return resourceResponse(context, async () => {
    const user = await requireUserWith(request, "read", "Process");
    return runLoader(async () => {
      const { initiativeId, processId } = parseWith(processPageParamsSchema, params);
      const detail = await processDetail(user, processId);
      if (detail.process.initiativeId !== initiativeId) throw new NotFoundError();
      const t = await getFixedT(await resolveLanguage(request, user.preferredLanguage));
      await enforceExportLimit(
        user.id,
        clientInfo(request, context).ipAddress,
        t("errors.tooManyRequests"),
      );
      await recordExport(request, user, "Process", processId);
      const rows = processCsvRows(detail, t);
      async function* batches(): AsyncGenerator<CsvValue[][]> {
        yield rows;
      }
      return csvResponse("uptake-process-steps", csvStream(processCsvHeader(t), batches()));
    });
  });
}

/** Read-only: other methods are 405, not "Unexpected Server Error". */
export function action() {
  throw methodNotAllowed("GET, HEAD");
}
