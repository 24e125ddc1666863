// The OpenAPI 3.1 document, generated from the registry's zod schemas with zod's own JSON
// Schema output (draft 2020-12, OpenAPI 3.1's dialect; decision 044): the request side from
// each schema's input, the response side from its output.
import { z } from "zod";
import type { Endpoint } from "./endpoint.server";
import { WEBHOOK_BODY_SCHEMAS } from "~/modules/webhooks/index.server";
import { ENDPOINTS } from "./endpoints.server";
import { PROBLEM_TYPES } from "./problem.server";
import { ALL_SCOPES } from "./scopes";

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    target: "draft-2020-12",
  }) as JsonSchema;
  return rest;
};

const problemSchema: JsonSchema = {
  type: "object",
  description: "RFC 9457 problem details.",
  properties: {
    type: { type: "string", format: "uri" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    instance: { type: "string" },
    errors: {
      type: "array",
      items: {
        type: "object",
        properties: {
          pointer: { type: "string" },
          code: { type: "string" },
          detail: { type: "string" },
        },
        required: ["pointer", "code", "detail"],
      },
    },
  },
  required: ["type", "title", "status", "detail"],
};

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

/** The operation id: GET /people/{id} → getPeopleById. */
export function operationId(endpoint: Endpoint): string {
  const words = endpoint.path
    .split("/")
    .filter(Boolean)
    .map((part) =>
      part.startsWith("{") ? `By${part.slice(1, 2).toUpperCase()}${part.slice(2, -1)}` : part,
    )
    .flatMap((part) => part.split(/[-_]/))
    .map((word) => word.slice(0, 1).toUpperCase() + word.slice(1));
  return endpoint.method.toLowerCase() + words.join("");
}

function parameters(endpoint: Endpoint) {
  const pathParams = [...endpoint.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  const query = endpoint.query ? toSchema(endpoint.query, "input") : undefined;
  const properties = (query?.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((query?.required as string[] | undefined) ?? []);
  const queryParams = Object.entries(properties).map(([name, schema]) => ({
    name,
    in: "query",
    required: required.has(name),
    ...(schema.description ? { description: schema.description } : {}),
    schema,
  }));
  const feedFormat = endpoint.feed
    ? [
        {
          name: "format",
          in: "query",
          required: false,
          description: "csv (default) or json",
          schema: { type: "string", enum: ["csv", "json"] },
        },
      ]
    : [];
  return [...pathParams, ...queryParams, ...feedFormat];
}

function success(endpoint: Endpoint) {
  const schema = toSchema(endpoint.response, "output");
  if (endpoint.feed) {
    return {
      description: "The whole table, streamed.",
      content: {
        "text/csv": { schema: { type: "string" } },
        "application/json": { schema: { type: "array", items: schema } },
      },
    };
  }
  return { description: "OK", content: { "application/json": { schema } } };
}

function operation(endpoint: Endpoint) {
  const responses: Record<string, unknown> = {
    [String(endpoint.status ?? 200)]: success(endpoint),
    "401": problem("No token, or a revoked, expired or unknown one."),
    "403": problem("The token lacks the scope, or the action is not allowed."),
    "429": problem("Rate limited: see the RateLimit and Retry-After headers."),
  };
  if (endpoint.query || endpoint.body) responses["422"] = problem("Invalid input, per field.");
  for (const status of endpoint.problems ?? []) {
    responses[String(status)] = problem(status === 404 ? "Not found." : "Conflict.");
  }
  return {
    operationId: operationId(endpoint),
    tags: [endpoint.tag],
    summary: endpoint.summary,
    ...(endpoint.description ? { description: endpoint.description } : {}),
    security: [{ token: [endpoint.scope] }],
    "x-scope": endpoint.scope,
    parameters: parameters(endpoint),
    ...(endpoint.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: toSchema(endpoint.body, "input") } },
          },
        }
      : {}),
    responses,
  };
}

/**
 * What Uptake sends to a subscription (decision 045): one operation per event type, its body
 * the delivery's JSON, signed with the Standard Webhooks headers.
 */
function webhookOperations() {
  return Object.fromEntries(
    Object.entries(WEBHOOK_BODY_SCHEMAS).map(([type, schema]) => [
      type,
      {
        post: {
          operationId: `webhook_${type.replace(/\W/g, "_")}`,
          summary: `${type} event`,
          description:
            "Signed per the Standard Webhooks spec (webhook-id, webhook-timestamp, " +
            "webhook-signature); retried with backoff until a 2xx answer.",
          parameters: ["webhook-id", "webhook-timestamp", "webhook-signature"].map((name) => ({
            name,
            in: "header",
            required: true,
            schema: { type: "string" },
          })),
          requestBody: {
            required: true,
            content: { "application/json": { schema: toSchema(schema, "output") } },
          },
          responses: { "200": { description: "Any 2xx answer marks the delivery done." } },
        },
      },
    ]),
  );
}

let cached: { origin: string; document: JsonSchema } | undefined;

/** The document (built once per process; the registry does not change at run time). */
export function openApiDocument(origin: string): JsonSchema {
  if (cached?.origin === origin) return cached.document;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of ENDPOINTS) {
    (paths[endpoint.path] ??= {})[endpoint.method.toLowerCase()] = operation(endpoint);
  }
  const document = {
    openapi: "3.1.0",
    info: {
      title: "Uptake API",
      version: "1.0.0",
      description:
        "Uptake's REST API. Authenticate with `Authorization: Bearer <token>` (an administrator " +
        "creates tokens at /admin/integrations). Lists are cursor-paginated: pass `next_cursor` " +
        "back as `cursor`. Errors are problem+json (RFC 9457). Problem types: " +
        Object.keys(PROBLEM_TYPES).join(", ") +
        ".",
    },
    servers: [{ url: `${origin}/api/v1` }],
    components: {
      securitySchemes: {
        token: {
          type: "http",
          scheme: "bearer",
          description: `Scopes: ${ALL_SCOPES.join(", ")}. area:write includes area:read.`,
        },
      },
      schemas: { Problem: problemSchema },
    },
    paths,
    webhooks: webhookOperations(),
  };
  cached = { origin, document };
  return document;
}

/** The reference page's view of the document: operations by tag, in registry order. */
export function apiReference(origin: string) {
  const document = openApiDocument(origin) as {
    paths: Record<string, Record<string, Record<string, unknown>>>;
  };
  const groups = new Map<string, ReturnType<typeof operationView>[]>();
  function operationView(path: string, method: string, op: Record<string, unknown>) {
    const body = (op.requestBody as { content: Record<string, { schema: JsonSchema }> } | undefined)
      ?.content["application/json"]?.schema;
    return {
      method: method.toUpperCase(),
      path: `/api/v1${path}`,
      scope: String(op["x-scope"]),
      summary: String(op.summary ?? ""),
      description: String(op.description ?? ""),
      parameters: (op.parameters as { name: string; in: string; required: boolean }[]).map(
        ({ name, in: where, required }) => ({ name, in: where, required }),
      ),
      bodyFields: Object.keys((body?.properties as object | undefined) ?? {}),
      status: Object.keys(op.responses as object)[0] ?? "200",
    };
  }
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = (op.tags as string[])[0] ?? "";
      const list = groups.get(tag) ?? [];
      list.push(operationView(path, method, op));
      groups.set(tag, list);
    }
  }
  return {
    baseUrl: `${origin}/api/v1`,
    groups: [...groups].map(([tag, operations]) => ({ tag, operations })),
    problemTypes: Object.keys(PROBLEM_TYPES),
  };
}
