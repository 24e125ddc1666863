import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseQuery, runLoader } from "~/lib/http.server";
import { resourceResponse } from "~/lib/resource.server";
import { requireUserWith } from "~/lib/session.server";
import { searchPublishedCourses } from "~/modules/courses/index.server";
import { pickerQuerySchema } from "~/modules/initiatives";

/** The required-course picker: published courses matching ?q= by title, a page as JSON. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return resourceResponse(context, async () => {
    await requireUserWith(request, "update", "Initiative");
    const query = parseQuery(request, pickerQuerySchema);
    return runLoader(() => searchPublishedCourses(query.q, query.page));
  });
}
