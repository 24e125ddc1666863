import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse, csvStream, type CsvValue } from "~/lib/csv.server";
import { runLoader } from "~/lib/http.server";
import { getFixedT, resolveLanguage } from "~/lib/i18n.server";
import { enforceExportLimit } from "~/lib/rate-limit.server";
import { clientInfo } from "~/lib/request.server";
import { methodNotAllowed, resourceResponse } from "~/lib/resource.server";
import { recordExport } from "~/lib/security-events.server";
import { requireUserWith } from "~/lib/session.server";
import { riskRegisterCsv } from "~/modules/risks/index.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return resourceResponse(context, async () => {
    const user = await requireUserWith(request, "read", "Risk");
    return runLoader(async () => {
      const risks = await riskRegisterCsv(user, params.initiativeId ?? "");
      const t = await getFixedT(await resolveLanguage(request, user.preferredLanguage));
      await enforceExportLimit(
        user.id,
        clientInfo(request, context).ipAddress,
        t("errors.tooManyRequests"),
      );
      await recordExport(request, user, "Risk", "register");
      const header = [
        t("risks.form.title"),
        t("risks.form.category"),
        t("risks.form.likelihood"),
        t("risks.form.impact"),
        t("risks.register.score"),
        t("risks.form.owner"),
        t("risks.form.status"),
        t("risks.form.nextReviewOn"),
        t("risks.register.overdue"),
        t("risks.form.mitigation"),
      ];
      const lines: CsvValue[][] = risks.map((risk) => [
        risk.title,
        t(`risks.category.${risk.category}`),
        risk.likelihood,
        risk.impact,
        risk.score,
        risk.ownerName,
        t(`risks.status.${risk.status}`),
        risk.nextReviewOn ? risk.nextReviewOn.toISOString().slice(0, 10) : "",
        risk.overdue ? t("risks.register.overdue") : "",
        risk.mitigation,
      ]);
      async function* batches(): AsyncGenerator<CsvValue[][]> {
        yield lines;
      }
      return csvResponse("uptake-risk-register", csvStream(header, batches()));
    });
  });
}

/** Read-only: other methods are 405, not "Unexpected Server Error". */
export function action() {
  throw methodNotAllowed("GET, HEAD");
}
