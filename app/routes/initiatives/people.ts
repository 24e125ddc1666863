import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseQuery, runLoader } from "~/lib/http.server";
import { resourceResponse } from "~/lib/resource.server";
import { requireUserWith } from "~/lib/session.server";
import { pickerQuerySchema } from "~/modules/initiatives";
import { searchActivePeople } from "~/modules/org/index.server";

/** The owner picker: active people matching ?q= by name or e-mail, a page as JSON. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return resourceResponse(context, async () => {
    await requireUserWith(request, "update", "Initiative");
    const query = parseQuery(request, pickerQuerySchema);
    return runLoader(() => searchActivePeople(query.q, query.page));
  });
}
