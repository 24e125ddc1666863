import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseQuery, runLoader } from "~/lib/http.server";
import { resourceResponse } from "~/lib/resource.server";
import { requireUserWith } from "~/lib/session.server";
import { searchPublishedCourses } from "~/modules/courses/index.server";
import { pickerQuerySchema } from "~/modules/initiatives";

/**
 * The step course picker: published courses matching ?q=, a page as JSON. Its own route
 * because the initiatives' picker asks for the right to edit initiatives, which the managers
 * who edit processes lack.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return resourceResponse(context, async () => {
    await requireUserWith(request, "update", "Process");
    const query = parseQuery(request, pickerQuerySchema);
    return runLoader(() => searchPublishedCourses(query.q, query.page));
  });
}
