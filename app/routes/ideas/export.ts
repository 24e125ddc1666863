import type { LoaderFunctionArgs } from "@remix-run/node";
import type { TFunction } from "i18next";
import type { z } from "zod";
import { csvResponse, csvStream, type CsvValue } from "~/lib/csv.server";
import { isoDate } from "~/lib/dates";
import { parseQuery, runLoader } from "~/lib/http.server";
import { getFixedT, resolveLanguage } from "~/lib/i18n.server";
import { enforceExportLimit } from "~/lib/rate-limit.server";
import { clientInfo } from "~/lib/request.server";
import { methodNotAllowed, resourceResponse } from "~/lib/resource.server";
import { requireUserWith, type CurrentUser } from "~/lib/session.server";
import { recordExport } from "~/lib/security-events.server";
import { boardExportBatches } from "~/modules/ideas/index.server";
import { boardQuerySchema } from "~/modules/ideas";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return resourceResponse(context, async () => {
    const user = await requireUserWith(request, "update", "Idea");
    const query = parseQuery(request, boardQuerySchema);
    const t = await getFixedT(await resolveLanguage(request, user.preferredLanguage));
    await enforceExportLimit(
      user.id,
      clientInfo(request, context).ipAddress,
      t("errors.tooManyRequests"),
    );
    await recordExport(request, user, "Idea", "board");
    return runLoader(() => ideasCsv(user, query, t));
  });
}

/** The board's CSV, streamed batch by batch. */
async function ideasCsv(user: CurrentUser, query: z.output<typeof boardQuerySchema>, t: TFunction) {
  const batches = boardExportBatches(user, query);
  async function* lines(): AsyncGenerator<CsvValue[][]> {
    for await (const batch of batches) {
      yield batch.map((idea) => [
        idea.title,
        t(`ideas.status.${idea.status}`),
        t(`ideas.category.${idea.category}`),
        idea.department,
        idea.author ?? t("ideas.anonymous"),
        idea.votes,
        idea.comments,
        idea.hoursSavedPerMonth,
        idea.costSaving,
        idea.satisfactionEffect ? t(`ideas.effect.${idea.satisfactionEffect}`) : "",
        idea.owner,
        isoDate(idea.createdAt),
        idea.hidden ? t("ideas.hidden") : "",
      ]);
    }
  }
  const header = [
    t("ideas.fields.title"),
    t("fields.status"),
    t("ideas.fields.category"),
    t("fields.department"),
    t("ideas.author"),
    t("ideas.votes"),
    t("ideas.comments"),
    t("ideas.fields.hoursSaved"),
    t("ideas.fields.costSaving"),
    t("ideas.fields.satisfaction"),
    t("ideas.owner"),
    t("ideas.submitted"),
    t("ideas.hidden"),
  ];
  return csvResponse("uptake-ideas", csvStream(header, lines()));
}

/** Read-only: other methods are 405, not "Unexpected Server Error". */
export function action() {
  throw methodNotAllowed("GET, HEAD");
}
