import type { AppLoadContext } from "@remix-run/node";
import { AppError } from "./errors";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** A Remix data request (URL ending in .data) from the app's own navigation or fetchers. */
    dataRequest?: boolean;
  }
}

// Resource routes (exports, the Markdown preview, health) answer with real Responses: Remix
// turns a returned or thrown `data(...)` there into a 200 or an "Unexpected Server Error".

interface DataWithInit {
  type: "DataWithResponseInit";
  data: unknown;
  init: ResponseInit | null;
}

const isDataWithInit = (value: unknown): value is DataWithInit =>
  typeof value === "object" &&
  value !== null &&
  (value as { type?: unknown }).type === "DataWithResponseInit";

/** A JSON Response for a value returned by `data()`, keeping its status and headers. */
export function toResponse(value: unknown): Response {
  if (value instanceof Response) return value;
  if (isDataWithInit(value)) return Response.json(value.data, value.init ?? undefined);
  return Response.json(value);
}

/**
 * Runs a resource route's loader or action (guards included): the result becomes a Response,
 * and refusals (redirects, 403 from the permission map, AppErrors) are thrown as Responses
 * with their status and a `{ messageKey }` body, which Remix passes through unlogged.
 * The app's own fetchers call the route as a Remix data request (`.data`, flagged by scripts/app.mjs),
 * where `data(...)` keeps its status and a 4xx Response would open the error page instead;
 * those get the result unchanged.
 */
export async function resourceResponse<T>(
  context: AppLoadContext,
  work: () => Promise<T>,
): Promise<T | Response> {
  if (context.dataRequest) return work();
  try {
    return toResponse(await work());
  } catch (error) {
    if (error instanceof Response) throw error;
    if (isDataWithInit(error)) throw toResponse(error);
    if (error instanceof AppError) {
      throw Response.json({ messageKey: error.messageKey }, { status: error.status });
    }
    throw error;
  }
}

/** 405 for a method a resource route does not take, naming the ones it does. */
export function methodNotAllowed(allow: string): Response {
  return Response.json(
    { messageKey: "errors.methodNotAllowed" },
    { status: 405, headers: { Allow: allow } },
  );
}
