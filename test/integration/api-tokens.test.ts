import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { ALL_SCOPES, type ApiScope } from "~/modules/api";
import { createApiToken, ENDPOINTS, revokeApiToken } from "~/modules/api/index.server";
import * as integrationsRoute from "~/routes/admin/integrations";
import * as apiRoute from "~/routes/api/v1";
import { actionArgs, formPost, loaderArgs } from "../support/actions";
import { callApi, makeApiToken } from "../support/api";
import { makeUser, request, sessionCookie, thrownStatus } from "../support/factories";

// Issue 18 item 1: tokens with scopes, the secret shown once and kept as a hash, last used,
// revocation; refusals are 401/403 problem+json; a token's requests are rate limited.

const DAY = 24 * 60 * 60 * 1000;

function expectProblem(result: Awaited<ReturnType<typeof callApi>>, status: number) {
  expect(result.status).toBe(status);
  expect(result.response.headers.get("Content-Type")).toBe("application/problem+json");
  expect(result.json).toMatchObject({ status, type: expect.stringContaining("/api/v1/problems#") });
  expect(typeof result.json?.detail).toBe("string");
}

describe("API tokens", () => {
  it("keeps only a hash of the secret, and the same submission gives the same token and secret", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const principal = { id: admin.id, role: "ADMIN" as const, scopeDepartmentIds: [] };
    const input = {
      name: "CRM sync",
      scopes: ["people:read" as const],
      expiresOn: null,
      submissionKey: "double-click-1",
    };
    const [first, second] = await Promise.all([
      createApiToken(principal, input),
      createApiToken(principal, input),
    ]);
    expect(second).toEqual(first);
    expect(first.secret).toMatch(/^upt_[A-Za-z0-9_-]{40,}$/);
    const rows = await getDb().apiToken.findMany({ where: { createdById: admin.id } });
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0])).not.toContain(first.secret);
    expect(rows[0]!.secretStart).toBe(first.secret.slice(0, 10));
    expect(
      await getDb().auditEvent.count({ where: { action: "apiToken.create", subjectId: first.id } }),
    ).toBe(1);
  });

  it("refuses a missing, unknown, revoked, expired or orphaned token with 401, an under-scoped one with 403", async () => {
    expectProblem(await callApi("GET", "/people"), 401);
    const missing = await callApi("GET", "/people");
    expect(missing.response.headers.get("WWW-Authenticate")).toContain("Bearer");
    expectProblem(await callApi("GET", "/people", { secret: "upt_nope" }), 401);
    expectProblem(await callApi("GET", "/people", { secret: "ghp_other" }), 401);

    const reader = await makeApiToken(["people:read"]);
    expect((await callApi("GET", "/people?limit=1", { secret: reader.secret })).status).toBe(200);
    const underScoped = await callApi("GET", "/courses", { secret: reader.secret });
    expectProblem(underScoped, 403);
    expect(underScoped.json?.detail).toContain("learning:read");
    expect(underScoped.response.headers.get("WWW-Authenticate")).toContain("insufficient_scope");
    // Reading does not allow writing…
    const write = await callApi("POST", "/people/x/deactivate", { secret: reader.secret });
    expectProblem(write, 403);
    // …and write includes read.
    const writer = await makeApiToken(["learning:write"]);
    expect((await callApi("GET", "/courses?limit=1", { secret: writer.secret })).status).toBe(200);

    await revokeApiToken(reader.principal, reader.id);
    const revoked = await callApi("GET", "/people", { secret: reader.secret });
    expectProblem(revoked, 401);
    expect(revoked.json?.detail).toContain("revoked");

    const expired = await makeApiToken(["people:read"], { expiresOn: new Date(Date.now()) });
    await getDb().apiToken.update({
      where: { id: expired.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await callApi("GET", "/people", { secret: expired.secret })).json?.detail).toContain(
      "expired",
    );

    const orphan = await makeApiToken(["people:read"]);
    await getDb().user.update({ where: { id: orphan.admin.id }, data: { active: false } });
    expectProblem(await callApi("GET", "/people", { secret: orphan.secret }), 401);
    const demoted = await makeApiToken(["people:read"]);
    await getDb().user.update({ where: { id: demoted.admin.id }, data: { role: "HR" } });
    expectProblem(await callApi("GET", "/people", { secret: demoted.secret }), 401);
  });

  it("asks every endpoint's own scope: 401 without a token, 403 with every other area's", async () => {
    for (const endpoint of ENDPOINTS) {
      const path = endpoint.path.replace(/\{\w+\}/g, "x");
      const [area] = endpoint.scope.split(":");
      const others = ALL_SCOPES.filter((scope) => !scope.startsWith(`${area}:`));
      const token = await makeApiToken(others);
      const body = endpoint.body ? {} : undefined;
      const anonymous = await callApi(endpoint.method, path, { body });
      expect(anonymous.status, `${endpoint.method} ${endpoint.path}`).toBe(401);
      const refused = await callApi(endpoint.method, path, { secret: token.secret, body });
      expect(refused.status, `${endpoint.method} ${endpoint.path}`).toBe(403);
      // A read scope never opens a write.
      if (endpoint.scope.endsWith(":write")) {
        const reader = await makeApiToken([`${area}:read` as ApiScope]);
        const read = await callApi(endpoint.method, path, { secret: reader.secret, body });
        expect(read.status, `${endpoint.method} ${endpoint.path}`).toBe(403);
      }
    }
  });

  it("refuses an expiry in the past and a token with no scope, writing nothing", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const { cookie } = await sessionCookie(admin.id);
    const before = await getDb().apiToken.count();
    const noScope = await integrationsRoute.action(
      actionArgs(
        formPost("/admin/integrations", cookie, {
          intent: "create",
          name: "BI",
          submissionKey: "key-without-scope",
          expiresOn: "",
        }),
      ),
    );
    const answer = (noScope as { data: { fieldErrors: Record<string, string> } }).data;
    expect(answer.fieldErrors.people).toBe("api.tokens.scopeRequired");
    const past = await integrationsRoute.action(
      actionArgs(
        formPost("/admin/integrations", cookie, {
          intent: "create",
          name: "BI",
          submissionKey: "key-past-expiry",
          expiresOn: new Date(Date.now() - 3 * DAY).toISOString().slice(0, 10),
          reports: "read",
        }),
      ),
    );
    expect((past as { data: { fieldErrors: Record<string, string> } }).data.fieldErrors).toEqual({
      expiresOn: "api.tokens.expiryPast",
    });
    expect(await getDb().apiToken.count()).toBe(before);
  });

  it("lets only administrators open the page, and shows the secret once on creation", async () => {
    const hr = await makeUser({ role: "HR" });
    const hrCookie = (await sessionCookie(hr.id)).cookie;
    expect(
      await thrownStatus(() =>
        integrationsRoute.loader(loaderArgs(request("/admin/integrations", { cookie: hrCookie }))),
      ),
    ).toBe(403);

    const admin = await makeUser({ role: "ADMIN" });
    const { cookie } = await sessionCookie(admin.id);
    // The session has just signed in, so the fresh-password check passes.
    const created = await integrationsRoute.action(
      actionArgs(
        formPost("/admin/integrations", cookie, {
          intent: "create",
          name: "Power BI",
          submissionKey: "key-on-the-page",
          expiresOn: "",
          reports: "read",
          people: "write",
        }),
      ),
    );
    const secret = (created as { data: { created: { secret: string } } }).data.created.secret;
    const page = await integrationsRoute.loader(
      loaderArgs(request("/admin/integrations", { cookie })),
    );
    const listed = page.tokens.find((token) => token.name === "Power BI");
    expect(listed).toMatchObject({ scopes: ["people:write", "reports:read"], state: "active" });
    expect(JSON.stringify(page)).not.toContain(secret);

    // Used through the real route: last used is stamped, then revoked from the page.
    const response = await apiRoute.loader(
      loaderArgs(
        new Request("http://localhost/api/v1/people?limit=1", {
          headers: { Authorization: `Bearer ${secret}` },
        }),
      ),
    );
    expect(response.status).toBe(200);
    const used = await getDb().apiToken.findFirstOrThrow({ where: { name: "Power BI" } });
    expect(used.lastUsedAt).not.toBeNull();
    await integrationsRoute.action(
      actionArgs(formPost("/admin/integrations", cookie, { intent: "revoke", tokenId: used.id })),
    );
    const after = await apiRoute.loader(
      loaderArgs(
        new Request("http://localhost/api/v1/people", {
          headers: { Authorization: `Bearer ${secret}` },
        }),
      ),
    );
    expect(after.status).toBe(401);
  });

  it("limits a token's requests per minute, with RateLimit headers and a 429 problem", async () => {
    const token = await makeApiToken(["people:read"]);
    const first = await callApi("GET", "/departments", { secret: token.secret, ratePerMinute: 3 });
    expect(first.status).toBe(200);
    expect(first.response.headers.get("RateLimit-Policy")).toBe('"per-token";q=3;w=60');
    expect(first.response.headers.get("RateLimit")).toMatch(/^"per-token";r=2;t=\d+$/);
    await callApi("GET", "/departments", { secret: token.secret, ratePerMinute: 3 });
    await callApi("GET", "/departments", { secret: token.secret, ratePerMinute: 3 });
    const refused = await callApi("GET", "/departments", {
      secret: token.secret,
      ratePerMinute: 3,
    });
    expectProblem(refused, 429);
    expect(Number(refused.response.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Another token has its own allowance.
    const other = await makeApiToken(["people:read"]);
    expect(
      (await callApi("GET", "/departments", { secret: other.secret, ratePerMinute: 3 })).status,
    ).toBe(200);
  });
});
