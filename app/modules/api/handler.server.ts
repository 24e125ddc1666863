// /api/v1/*: find the endpoint, check the token, its rate and scope, parse the input with the
// endpoint's schemas, run it as the token, answer JSON (or CSV) or a problem+json.
import type { z } from "zod";
import { runWithApiToken } from "~/lib/api-token-scope.server";
import { getEnv } from "~/lib/env.server";
import { logger } from "~/lib/logger.server";
import { consumeRateLimit, type RateLimitResult, type RateRule } from "~/lib/rate-limit.server";
import type { Endpoint } from "./endpoint.server";
import { ENDPOINTS } from "./endpoints.server";
import { feedResponse, isFeed } from "./feed.server";
import { openApiDocument } from "./openapi.server";
import { ApiProblem, invalidInput, isAppError, problemOf, problemResponse } from "./problem.server";
import { scopesAllow } from "./scopes";
import { authenticateApiRequest } from "./tokens.server";

export const API_PREFIX = "/api/v1";

interface CompiledRoute {
  endpoint: Endpoint;
  pattern: RegExp;
  names: string[];
}

const compiled: CompiledRoute[] = ENDPOINTS.map((endpoint) => {
  const names: string[] = [];
  const source = endpoint.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  return { endpoint, pattern: new RegExp(`^${source}$`), names };
});

function match(method: string, path: string) {
  const candidates = compiled.flatMap((route) => {
    const found = route.pattern.exec(path);
    if (!found) return [];
    const params = Object.fromEntries(
      route.names.map((name, index) => [name, decodeURIComponent(found[index + 1] ?? "")]),
    );
    return [{ route, params }];
  });
  if (candidates.length === 0) return { kind: "none" as const };
  const wanted = method === "HEAD" ? "GET" : method;
  const hit = candidates.find((candidate) => candidate.route.endpoint.method === wanted);
  if (!hit) {
    return {
      kind: "method" as const,
      allow: [...new Set(candidates.map((c) => c.route.endpoint.method))].join(", "),
    };
  }
  return { kind: "found" as const, endpoint: hit.route.endpoint, params: hit.params };
}

export interface ApiOptions {
  /** Requests per minute per token (default API_RATE_LIMIT_PER_MINUTE). */
  ratePerMinute?: number;
}

/** The token's rate limit, shared by every server through the database. */
const rateRule = (options: ApiOptions): RateRule => ({
  name: "api-token",
  points: options.ratePerMinute ?? getEnv().API_RATE_LIMIT_PER_MINUTE,
  seconds: 60,
});

/** RateLimit and RateLimit-Policy (draft-ietf-httpapi-ratelimit-headers), on every answer. */
function rateHeaders(rule: RateRule, result: RateLimitResult): Record<string, string> {
  return {
    "RateLimit-Policy": `"per-token";q=${rule.points};w=${rule.seconds}`,
    RateLimit: `"per-token";r=${result.remaining};t=${result.resetSeconds}`,
  };
}

async function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix: string) {
  const parsed = await schema.safeParseAsync(input);
  if (!parsed.success) throw await invalidInput(parsed.error, prefix);
  return parsed.data;
}

async function readBody(request: Request): Promise<unknown> {
  if (!request.headers.get("Content-Type")?.includes("application/json")) {
    throw new ApiProblem("unsupported-media-type", "Send the body as application/json.");
  }
  try {
    return await request.json();
  } catch {
    throw new ApiProblem("bad-request", "The body is not valid JSON.");
  }
}

function queryObject(url: URL): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = value;
  return query;
}

async function serve(
  request: Request,
  extraHeaders: Record<string, string>,
  options: ApiOptions,
): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.slice(API_PREFIX.length) || "/";
  if (path === "/openapi.json" && (request.method === "GET" || request.method === "HEAD")) {
    return Response.json(openApiDocument(url.origin), {
      headers: { "Cache-Control": "no-cache", "Access-Control-Allow-Origin": "*" },
    });
  }
  const caller = await authenticateApiRequest(request);
  const rule = rateRule(options);
  const rate = await consumeRateLimit(rule, caller.tokenId);
  Object.assign(extraHeaders, rateHeaders(rule, rate));
  if (!rate.allowed) {
    throw new ApiProblem("rate-limited", "Too many requests with this token; wait and retry.", {
      headers: { "Retry-After": String(rate.retryAfterSeconds) },
    });
  }
  const found = match(request.method, path);
  if (found.kind === "none") throw new ApiProblem("not-found", "No such API endpoint.");
  if (found.kind === "method") {
    throw new ApiProblem("method-not-allowed", `Use ${found.allow}.`, {
      headers: { Allow: found.allow },
    });
  }
  const { endpoint, params } = found;
  if (!scopesAllow(caller.scopes, endpoint.scope)) {
    throw new ApiProblem("forbidden", `The token lacks the scope ${endpoint.scope}.`, {
      headers: {
        "WWW-Authenticate": `Bearer realm="uptake", error="insufficient_scope", scope="${endpoint.scope}"`,
      },
    });
  }
  const query = endpoint.query
    ? await parseInput(endpoint.query, queryObject(url), "/query")
    : undefined;
  const body = endpoint.body
    ? await parseInput(endpoint.body, await readBody(request), "")
    : undefined;
  const result = await runWithApiToken(caller.tokenId, () =>
    endpoint.handle({ caller, params, query, body, request }),
  );
  if (result instanceof Response) return result;
  if (isFeed(result)) {
    return feedResponse(result, url.searchParams.get("format") === "json" ? "json" : "csv");
  }
  return Response.json(result, { status: endpoint.status ?? 200 });
}

/** Answers one API request; nothing here throws. */
export async function handleApiRequest(
  request: Request,
  options: ApiOptions = {},
): Promise<Response> {
  const headers: Record<string, string> = {};
  let response: Response;
  try {
    response = await serve(request, headers, options);
  } catch (error) {
    let problem: ApiProblem;
    if (error instanceof ApiProblem) problem = error;
    else if (isAppError(error)) problem = await problemOf(error);
    else {
      logger.error({ err: error, path: new URL(request.url).pathname }, "API request failed");
      problem = new ApiProblem("internal", "The server failed to answer; it has been logged.");
    }
    response = problemResponse(problem, request);
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
