import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { ENDPOINTS, openApiDocument, operationId } from "~/modules/api/index.server";
import { ideaSchema } from "~/modules/ideas";
import { createIdea } from "~/modules/ideas/index.server";
import { selfEnrol } from "~/modules/learning/index.server";
import { WEBHOOK_EVENT_TYPES } from "~/modules/webhooks/index.server";
import { callApi, makeApiToken } from "../support/api";
import { makeDepartment, makeUser, principalFor } from "../support/factories";
import { publishedCourse } from "../support/learning";
import { makeInitiative } from "../support/readiness";

// Issue 18 item 3: the OpenAPI 3.1 document is generated from the registry's zod schemas.
// It fails here when an API route is served outside the registry (so undocumented), when an
// endpoint is missing from the document, or when what a route returns breaks its schema.

type Operation = {
  operationId: string;
  "x-scope": string;
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
  parameters: { name: string; in: string }[];
};
const document = openApiDocument("http://localhost") as {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
};

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 and lists every endpoint of the registry, and nothing else serves /api", () => {
    expect(document.openapi).toBe("3.1.0");
    for (const endpoint of ENDPOINTS) {
      const operation = document.paths[endpoint.path]?.[endpoint.method.toLowerCase()];
      expect(operation, `${endpoint.method} ${endpoint.path}`).toBeDefined();
      expect(operation!["x-scope"]).toBe(endpoint.scope);
      expect(operation!.operationId).toBe(operationId(endpoint));
      for (const [, name] of endpoint.path.matchAll(/\{(\w+)\}/g)) {
        expect(operation!.parameters).toContainEqual(expect.objectContaining({ name, in: "path" }));
      }
    }
    const documented = Object.values(document.paths).reduce(
      (n, ops) => n + Object.keys(ops).length,
      0,
    );
    expect(documented).toBe(ENDPOINTS.length);
    expect(
      new Set(
        Object.values(document.paths).flatMap((ops) =>
          Object.values(ops).map((o) => o.operationId),
        ),
      ).size,
    ).toBe(ENDPOINTS.length);
    // The only API route is the registry's: a route file of its own would be undocumented.
    const routes = fs.readFileSync(path.resolve(__dirname, "../../app/routes.ts"), "utf8");
    const apiRoutes = [...routes.matchAll(/route\("(api[^"]*)"/g)].map((m) => m[1]);
    expect(apiRoutes).toEqual(["api/v1/*"]);
  });

  it("describes what each GET endpoint really returns", async () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const token = await makeApiToken([
      "people:read",
      "learning:read",
      "reports:read",
      "ideas:read",
      "rewards:read",
      "initiatives:read",
    ]);
    // Something on every list: a department, a person, a published course with an enrolment.
    const department = await makeDepartment();
    const learner = await makeUser({ departmentId: department.id });
    const course = await publishedCourse(await principalFor("TRAINER"), 1, 1);
    await selfEnrol(learner.id, course.id);
    const ideaId = await createIdea(
      { id: learner.id, role: "EMPLOYEE", scopeDepartmentIds: [] },
      ideaSchema.parse({
        title: "Shorter forms",
        problem: "Slow",
        proposal: "Fewer fields",
        category: "TOOL",
      }),
    );
    const other = await makeUser({ departmentId: department.id });
    await getDb().kudos.create({
      data: {
        fromId: other.id,
        toId: learner.id,
        message: "Thanks",
        points: 10,
        submitKey: "api-doc-kudos",
      },
    });
    await getDb().pointsEntry.create({
      data: {
        userId: learner.id,
        points: 10,
        kind: "ADJUSTMENT",
        sourceType: "Test",
        sourceId: "api-doc",
      },
    });
    const initiative = await makeInitiative([{ departmentId: department.id }]);
    const certificate = await getDb().certificate.findFirst({ select: { code: true } });
    const ids: Record<string, string> = {
      "/people/{id}": learner.id,
      "/courses/{id}": course.id,
      "/ideas/{id}": ideaId,
      "/initiatives/{id}/readiness": initiative.id,
      "/certificates/{code}": certificate?.code ?? "UNKNOWNCODE123",
    };
    const checked: string[] = [];
    for (const endpoint of ENDPOINTS.filter((e) => e.method === "GET")) {
      const concrete = endpoint.path.replace(/\{\w+\}/, () => ids[endpoint.path] ?? "missing");
      expect(concrete, `no example id for ${endpoint.path}`).not.toContain("missing");
      const result = await callApi("GET", `${concrete}${endpoint.feed ? "?format=json" : ""}`, {
        secret: token.secret,
      });
      expect(result.status, `${endpoint.path}: ${result.text.slice(0, 300)}`).toBe(200);
      const operation = document.paths[endpoint.path]!.get!;
      const schema = operation.responses["200"]!.content!["application/json"]!.schema;
      const valid = ajv.validate(schema, result.json ?? JSON.parse(result.text));
      expect(valid, `${endpoint.path}: ${ajv.errorsText()}`).toBe(true);
      if (!endpoint.feed) {
        const data = (result.json as { data?: unknown[] }).data;
        if (data)
          expect(data.length, `${endpoint.path} returned nothing to check`).toBeGreaterThan(0);
      }
      checked.push(endpoint.path);
    }
    expect(checked.length).toBe(ENDPOINTS.filter((e) => e.method === "GET").length);
  });

  it("documents every webhook event's body, and a real delivery body matches it", async () => {
    const webhooks = (
      document as unknown as {
        webhooks: Record<
          string,
          { post: Operation & { requestBody: { content: Record<string, { schema: object }> } } }
        >;
      }
    ).webhooks;
    expect(Object.keys(webhooks).sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const schema =
      webhooks["idea.status_changed"]!.post.requestBody.content["application/json"]!.schema;
    const body = {
      type: "idea.status_changed",
      timestamp: new Date().toISOString(),
      data: { idea_id: "i1", from: "SUBMITTED", to: "UNDER_REVIEW", actor_id: "a1" },
    };
    expect(ajv.validate(schema, body), ajv.errorsText()).toBe(true);
    expect(ajv.validate(schema, { ...body, data: { ideaId: "i1" } })).toBe(false);
  });

  it("fails the check when a response breaks its schema", () => {
    // The validator is not vacuous: a person without an id, with a wrong type, is refused.
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const schema =
      document.paths["/people/{id}"]!.get!.responses["200"]!.content!["application/json"]!.schema;
    expect(ajv.validate(schema, { name: "x", active: "yes" })).toBe(false);
  });
});
