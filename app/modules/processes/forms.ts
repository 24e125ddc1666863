// The process page's forms (browser-safe): one intent each, parsed by the route's action.
import { z } from "zod";
import { withIntent } from "~/lib/actions";
import { copyToBeSchema, saveStepsSchema, updateProcessSchema } from "./schemas";

export const processPageForms = z.discriminatedUnion("intent", [
  withIntent("details", updateProcessSchema),
  withIntent("steps", saveStepsSchema),
  withIntent("copy", copyToBeSchema),
  withIntent("delete", z.object({})),
]);

/** Params of the process pages: the initiative in the URL must be the process's own. */
export const processPageParamsSchema = z.object({
  initiativeId: z.string().trim().min(1).max(40),
  processId: z.string().trim().min(1).max(40),
});
export const processListParamsSchema = z.object({
  initiativeId: z.string().trim().min(1).max(40),
});
export const processListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
