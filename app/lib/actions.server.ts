import { data } from "@remix-run/node";
import type { z } from "zod";
import type { ActionSuccess, FormSuccess } from "./actions";
import { BadRequestError } from "./errors";
import { errorResponse, parseWith, readFormFields, runAction } from "./http.server";

// One way to write a form action (decision 018): a page with one form uses formAction, a page
// with several uses intentAction (a zod discriminated union on `intent`, one handler each).
// Invalid input comes back as the ActionFailure the forms show (400, field errors); a handler
// returns a redirect or the data for its success message.

/** A handler's answer: a redirect (or other Response), or data for the page (or nothing). */
type HandlerAnswer = object | void;

/** What a handler's answer becomes: a Response passes through, data gets `ok` (data()). */
type Answered<R, Success> = R extends Response ? R : ReturnType<typeof data<Success>>;
type DataOf<R> = R extends object ? R : object;

type IntentUnion = z.ZodDiscriminatedUnion<readonly z.ZodObject[], "intent">;
type IntentOf<S extends IntentUnion> =
  z.output<S> extends { intent: infer I extends string } ? I : never;
/** An intent's parsed fields; the handler knows its intent, so `intent` itself is left out. */
type InputFor<S extends IntentUnion, I> = Omit<Extract<z.output<S>, { intent: I }>, "intent">;

type IntentHandlers<S extends IntentUnion> = {
  [I in IntentOf<S>]: (input: InputFor<S, I>) => Promise<HandlerAnswer> | HandlerAnswer;
};

type IntentAnswers<H> = {
  [I in keyof H & string]: H[I] extends (...args: never[]) => infer R
    ? Answered<Awaited<R>, ActionSuccess<I, DataOf<Awaited<R>>>>
    : never;
}[keyof H & string];

/** A redirect keeps its type (Remix drops it from useActionData); data becomes a success. */
function answer<T>(result: HandlerAnswer, extra: object): T {
  return (result instanceof Response ? result : data({ ...result, ok: true, ...extra })) as T;
}

const JSON_TYPE = "application/json";

/**
 * The post's fields: a form's strings, or a JSON object from a page that sends one (lists of
 * sub-fields, booleans). Any other body answers 415, one that cannot be read 400.
 */
async function readInput(request: Request, acceptJson: boolean): Promise<Record<string, unknown>> {
  if (!acceptJson || !request.headers.get("Content-Type")?.includes(JSON_TYPE)) {
    return readFormFields(request);
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw errorResponse(new BadRequestError());
  }
  return typeof body === "object" && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}

/**
 * A page with one form: parse the post with the form's schema, then run the handler. Its
 * answer reaches the page as `{ ok: true, ...data }` (or the redirect it returns). `json`:
 * the form posts JSON (useSchemaForm's `json` option).
 */
export function formAction<S extends z.ZodType, R extends HandlerAnswer>(
  request: Request,
  schema: S,
  handler: (input: z.output<S>) => Promise<R> | R,
  options: { json?: boolean } = {},
) {
  return runAction(async () => {
    const input = parseWith(schema, await readInput(request, options.json ?? false));
    return answer<Answered<R, FormSuccess<DataOf<R>>>>(await handler(input), {});
  });
}

/** The intents the union knows, read from its members' `intent` literals. */
function intentsOf(schema: IntentUnion): Set<unknown> {
  return new Set(
    schema.options.flatMap((option) => [...(option.shape.intent as z.ZodLiteral).values]),
  );
}

/**
 * A page with several forms: each posts its `intent` (a hidden field) and its fields; the
 * union has one schema per intent and `handlers` one function per intent, given that intent's
 * parsed fields. A success reaches the page as `{ ok: true, intent, ...data }`, a refusal as
 * an ActionFailure carrying the intent, so each form shows only its own errors.
 *
 * An intent the union does not know (a stale page, a forged post) answers 400 through the
 * error page, before anything is parsed or written. `authorize` runs for a known intent
 * before its fields are parsed: type-level permissions that differ by intent.
 */
export async function intentAction<S extends IntentUnion, H extends IntentHandlers<S>>(
  request: Request,
  schema: S,
  handlers: H,
  options: { json?: boolean; authorize?: (intent: IntentOf<S>) => void } = {},
) {
  const input = await readInput(request, options.json ?? false);
  const intent = input.intent as IntentOf<S>;
  if (!intentsOf(schema).has(intent)) {
    throw errorResponse(new BadRequestError("errors.unknownIntent"));
  }
  return runAction(async () => {
    options.authorize?.(intent);
    const { intent: _parsedIntent, ...fields } = parseWith(schema, input);
    const handle = handlers[intent] as (fields: object) => Promise<HandlerAnswer>;
    return answer<IntentAnswers<H>>(await handle(fields), { intent });
  }, intent);
}
