import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseQuery, runLoader } from "~/lib/http.server";
import { resourceResponse } from "~/lib/resource.server";
import { requireUserWith } from "~/lib/session.server";
import { kudosPickerQuerySchema } from "~/modules/incentives";
import { searchKudosPeople } from "~/modules/incentives/index.server";

/** The kudos form's receiver picker: active colleagues matching ?q=, a page (?page=) as JSON. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return resourceResponse(context, async () => {
    const user = await requireUserWith(request, "create", "Kudos");
    const query = parseQuery(request, kudosPickerQuerySchema);
    return runLoader(() => searchKudosPeople(user, query));
  });
}
