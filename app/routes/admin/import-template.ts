import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/lib/csv.server";
import { methodNotAllowed, resourceResponse } from "~/lib/resource.server";
import { requireUserWith } from "~/lib/session.server";
import { importTemplateCsv } from "~/modules/org/index.server";

/** The staff import's template: the header and two example rows. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return resourceResponse(context, async () => {
    await requireUserWith(request, "import", "User");
    return csvResponse("uptake-staff-import-template", new Blob([importTemplateCsv()]).stream());
  });
}

/** Read-only: other methods are 405, not "Unexpected Server Error". */
export function action() {
  throw methodNotAllowed("GET, HEAD");
}
