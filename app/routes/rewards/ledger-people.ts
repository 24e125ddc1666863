import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseQuery, runLoader } from "~/lib/http.server";
import { resourceResponse } from "~/lib/resource.server";
import { requireUserWith } from "~/lib/session.server";
import { ANYONES_POINTS, kudosPickerQuerySchema } from "~/modules/incentives";
import { searchLedgerPeople } from "~/modules/incentives/index.server";

/** The ledger's person picker: anyone matching ?q= by name or e-mail, a page as JSON. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return resourceResponse(context, async () => {
    const user = await requireUserWith(request, "read", ANYONES_POINTS);
    const query = parseQuery(request, kudosPickerQuerySchema);
    return runLoader(() => searchLedgerPeople(user, query));
  });
}
