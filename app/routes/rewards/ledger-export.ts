import type { LoaderFunctionArgs } from "@remix-run/node";
import type { TFunction } from "i18next";
import { csvResponse, csvStream, type CsvValue } from "~/lib/csv.server";
import { parseQuery, runLoader } from "~/lib/http.server";
import { getFixedT, resolveLanguage } from "~/lib/i18n.server";
import { enforceExportLimit } from "~/lib/rate-limit.server";
import { clientInfo } from "~/lib/request.server";
import { methodNotAllowed, resourceResponse } from "~/lib/resource.server";
import { recordExport } from "~/lib/security-events.server";
import { requireUserWith, type CurrentUser } from "~/lib/session.server";
import { ANYONES_POINTS, ledgerQuerySchema, type LedgerQuery } from "~/modules/incentives";
import { ledgerExportBatches } from "~/modules/incentives/index.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return resourceResponse(context, async () => {
    const user = await requireUserWith(request, "read", ANYONES_POINTS);
    const query = parseQuery(request, ledgerQuerySchema);
    const t = await getFixedT(await resolveLanguage(request, user.preferredLanguage));
    await enforceExportLimit(
      user.id,
      clientInfo(request, context).ipAddress,
      t("errors.tooManyRequests"),
    );
    await recordExport(request, user, "Points", "ledger");
    return runLoader(() => ledgerCsv(user, query, t));
  });
}

/** The ledger's CSV with the page's filters, newest first, streamed batch by batch. */
async function ledgerCsv(user: CurrentUser, query: LedgerQuery, t: TFunction) {
  const batches = ledgerExportBatches(user, query);
  const sourceLabel = (sourceType: string) =>
    t(`rewards.ledger.sources.${sourceType}`, { defaultValue: sourceType });
  async function* lines(): AsyncGenerator<CsvValue[][]> {
    for await (const batch of batches) {
      yield batch.map((entry) => [
        entry.id,
        entry.person.id,
        entry.person.name,
        entry.person.email,
        entry.department,
        entry.points,
        entry.kind,
        entry.sourceType,
        sourceLabel(entry.sourceType),
        entry.sourceId,
        entry.reason,
        entry.actor?.id ?? "",
        entry.actor?.name ?? "",
        entry.createdAt,
      ]);
    }
  }
  const header = [
    t("rewards.ledger.csv.entryId"),
    t("rewards.ledger.csv.personId"),
    t("rewards.ledger.person"),
    t("fields.email"),
    t("fields.department"),
    t("rewards.ledger.points"),
    t("rewards.ledger.kind"),
    t("rewards.ledger.csv.sourceType"),
    t("rewards.ledger.source"),
    t("rewards.ledger.csv.sourceId"),
    t("rewards.ledger.reason"),
    t("rewards.ledger.csv.actorId"),
    t("rewards.ledger.actor"),
    t("rewards.ledger.csv.time"),
  ];
  return csvResponse("uptake-points-ledger", csvStream(header, lines()));
}

/** Read-only: other methods are 405, not "Unexpected Server Error". */
export function action() {
  throw methodNotAllowed("GET, HEAD");
}
