import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApiRequest } from "~/modules/api/index.server";

// /api/v1/*: the REST API (decision 044). Tokens, scopes, parsing and problem+json answers
// are the api module's; every endpoint is in its registry, which the OpenAPI document reads.
export function loader({ request }: LoaderFunctionArgs) {
  return handleApiRequest(request);
}

export function action({ request }: ActionFunctionArgs) {
  return handleApiRequest(request);
}
