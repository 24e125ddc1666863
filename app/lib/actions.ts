import { z } from "zod";
import type { ActionFailure } from "./errors";

// The answers of a form action (decision 018), shared by the server helpers in
// actions.server.ts and the pages that read them with useActionData<typeof action>().

/** A form was handled: `ok`, plus whatever the handler returned for the page to show. */
export type FormSuccess<D extends object = object> = { ok: true } & D;

/** One of a page's forms was handled: the success says which (its `intent`). */
export type ActionSuccess<I extends string = string, D extends object = object> = FormSuccess<
  D & { intent: I }
>;

/**
 * Anything an action answers about a form: success or refusal (for one of the intents, on a
 * page with several forms). Components that show the answer take this type.
 */
export type ActionResult<I extends string = string> =
  FormSuccess<{ intent?: I }> | ActionFailure<I>;

/**
 * One member of a page's intent union: the form's own schema plus its `intent` literal, so
 * `z.discriminatedUnion("intent", [withIntent("rename", renameSchema), …])` reads like the
 * list of the page's forms.
 */
export function withIntent<
  I extends string,
  Shape extends z.core.$ZodShape,
  Config extends z.core.$ZodObjectConfig,
>(intent: I, schema: z.ZodObject<Shape, Config>) {
  return schema.extend({ intent: z.literal(intent) });
}
