// The registry: every API endpoint, by area. The router and the OpenAPI document read it.
import type { Endpoint } from "./endpoint.server";
import { engagementEndpoints } from "./endpoints/engagement.server";
import { learningEndpoints } from "./endpoints/learning.server";
import { peopleEndpoints } from "./endpoints/people.server";
import { reportEndpoints } from "./endpoints/reports.server";

export const ENDPOINTS: readonly Endpoint[] = [
  ...peopleEndpoints,
  ...learningEndpoints,
  ...engagementEndpoints,
  ...reportEndpoints,
];
