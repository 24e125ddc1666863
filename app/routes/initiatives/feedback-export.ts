import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse, csvStream, type CsvValue } from "~/lib/csv.server";
import { isoDate } from "~/lib/dates";
import { parseQuery, runLoader } from "~/lib/http.server";
import { getFixedT, resolveLanguage } from "~/lib/i18n.server";
import { enforceExportLimit } from "~/lib/rate-limit.server";
import { clientInfo } from "~/lib/request.server";
import { methodNotAllowed, resourceResponse } from "~/lib/resource.server";
import { recordExport } from "~/lib/security-events.server";
import { requireUserWith } from "~/lib/session.server";
import { feedbackQuerySchema, kpiText } from "~/modules/kpis";
import { feedbackExportBatches } from "~/modules/kpis/index.server";

// The feedback list's CSV: the same filters and order, every matching item, the whole text
// (formula-safe: a text starting with = + - @ gets a leading quote, lib/csv.server).
export async function loader({ request, context }: LoaderFunctionArgs) {
  return resourceResponse(context, async () => {
    const user = await requireUserWith(request, "read", "CustomerFeedback");
    return runLoader(async () => {
      const query = parseQuery(request, feedbackQuerySchema);
      const t = await getFixedT(await resolveLanguage(request, user.preferredLanguage));
      await enforceExportLimit(
        user.id,
        clientInfo(request, context).ipAddress,
        t("errors.tooManyRequests"),
      );
      await recordExport(request, user, "CustomerFeedback", "list");
      const batches = feedbackExportBatches(user, query);
      async function* lines(): AsyncGenerator<CsvValue[][]> {
        for await (const batch of batches) {
          yield batch.map((row) => [
            isoDate(row.receivedOn),
            row.departmentName,
            t(`kpis.feedback.channel.${row.channel}`),
            t(`kpis.feedback.sentiment.${row.sentiment}`),
            row.text,
            row.kpiName ? kpiText(t, row.kpiName) : "",
            row.ideaId ? `/ideas/${row.ideaId}` : "",
          ]);
        }
      }
      const header = [
        t("kpis.feedback.fields.receivedOn"),
        t("fields.department"),
        t("kpis.feedback.fields.channel"),
        t("kpis.feedback.fields.sentiment"),
        t("kpis.feedback.fields.text"),
        t("kpis.feedback.fields.kpi"),
        t("kpis.feedback.idea.column"),
      ];
      return csvResponse("uptake-customer-feedback", csvStream(header, lines()));
    });
  });
}

/** Read-only: other methods are 405, not "Unexpected Server Error". */
export function action() {
  throw methodNotAllowed("GET, HEAD");
}
