import { methodNotAllowed } from "~/lib/resource.server";
import { checkHealth } from "~/modules/ops/index.server";

// Public liveness and database check for load balancers and monitors.
export async function loader() {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}

/** Read-only: other methods are 405, not "Unexpected Server Error". */
export function action() {
  throw methodNotAllowed("GET, HEAD");
}
