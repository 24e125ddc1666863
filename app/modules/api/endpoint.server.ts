// One API endpoint = one entry of the registry (decision 044): its method, path, scope,
// schemas and handler. The router and the OpenAPI document are both read from the registry,
// so a route cannot be served without being documented, nor documented without being served.
import { z } from "zod";
import type { ApiCaller } from "./tokens.server";
import type { ApiScope } from "./scopes";

export type ApiMethod = "GET" | "POST" | "PATCH" | "PUT";

export interface ApiContext<Q, B> {
  caller: ApiCaller;
  params: Record<string, string>;
  query: Q;
  body: B;
  request: Request;
}

export interface Endpoint<Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  method: ApiMethod;
  /** OpenAPI-style path below /api/v1: "/people/{id}". */
  path: string;
  scope: ApiScope;
  tag: string;
  summary: string;
  description?: string;
  query?: Q;
  body?: B;
  /** The 200/201 body; for a feed, one row (streamed as CSV, or a JSON array of rows). */
  response: z.ZodType;
  status?: 200 | 201;
  /** A BI feed (feed.server): CSV by default, ?format=json for a JSON array. */
  feed?: boolean;
  /** Statuses besides the usual refusals that this endpoint answers (documented). */
  problems?: (404 | 409)[];
  handle: (context: ApiContext<z.output<Q>, z.output<B>>) => Promise<unknown>;
}

/** Keeps the handler's types tied to its schemas. */
export function endpoint<Q extends z.ZodType = z.ZodObject, B extends z.ZodType = z.ZodType>(
  definition: Endpoint<Q, B>,
): Endpoint {
  return definition as unknown as Endpoint;
}

/** A list page: the items and the cursor of the next page (null on the last). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), next_cursor: z.string().nullable() });

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 500;

/** `?limit=&cursor=`, shared by every list. */
export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
  cursor: z.string().max(200).optional(),
});

/** An id in a path. */
export const idParam = z.string().min(1).max(64);

/** A timestamp in a query ("2026-12-01T09:00:00Z"). */
export const timestampQuery = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value));

export const isoTime = z.iso.datetime();
export const iso = (date: Date) => date.toISOString();
export const isoOrNull = (date: Date | null | undefined) => (date ? date.toISOString() : null);
