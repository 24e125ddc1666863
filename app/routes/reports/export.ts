import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { csvResponse } from "~/lib/csv.server";
import { parseQuery, parseWith, runLoader } from "~/lib/http.server";
import { getFixedT, resolveLanguage } from "~/lib/i18n.server";
import { requireUserWith } from "~/lib/session.server";
import { exportReport } from "~/modules/reports/export.server";
import { EXPORT_TABLES, reportFiltersSchema } from "~/modules/reports/schemas";

const paramsSchema = z.object({ table: z.enum(EXPORT_TABLES) });
const personSchema = z.object({ user: z.string().max(40).optional().catch(undefined) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Report");
  const filters = parseQuery(request, reportFiltersSchema);
  const t = await getFixedT(await resolveLanguage(request, user.preferredLanguage));
  return runLoader(async () => {
    const { table } = parseWith(paramsSchema, params);
    const { name, body } = await exportReport(
      user,
      table,
      filters,
      t,
      parseQuery(request, personSchema).user,
    );
    return csvResponse(name, body);
  });
}
