import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseQuery, runLoader } from "~/lib/http.server";
import { resourceResponse } from "~/lib/resource.server";
import { requireUserWith } from "~/lib/session.server";
import { kudosPickerQuerySchema } from "~/modules/incentives";
import { searchKudosDepartments } from "~/modules/incentives/index.server";

/** The kudos wall's department filter: departments matching ?q=, a page (?page=) as JSON. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return resourceResponse(context, async () => {
    await requireUserWith(request, "read", "Kudos");
    const query = parseQuery(request, kudosPickerQuerySchema);
    return runLoader(() => searchKudosDepartments(query));
  });
}
