import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { UNSAFE_ErrorResponseImpl as ErrorResponseImpl } from "@remix-run/router";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { handleError } from "~/entry.server";
import { logger, setLogDestination } from "~/lib/logger.server";
import * as previewRoute from "~/routes/courses/markdown-preview";
import * as languageRoute from "~/routes/auth/language";
import * as reauthRoute from "~/routes/auth/reauth";
import * as healthRoute from "~/routes/healthz";
import * as ideasExportRoute from "~/routes/ideas/export";
import * as reportsExportRoute from "~/routes/reports/export";
import { makeUser, request, sessionCookie } from "../support/factories";

// Resource routes answer with real Responses and the right status (issue 10, item 11).

const loaderArgs = (req: Request, params: Record<string, string> = {}, context = {}) =>
  ({ request: req, params, context }) as LoaderFunctionArgs;
const actionArgs = (req: Request, context: AppLoadContext = {}) =>
  ({ request: req, params: {}, context }) as ActionFunctionArgs;

/** The Response a loader/action returned or threw (a thrown data() would fail here). */
async function responseOf(work: () => Promise<unknown>): Promise<Response> {
  let result: unknown;
  try {
    result = await work();
  } catch (thrown) {
    result = thrown;
  }
  expect(result, "a real Response").toBeInstanceOf(Response);
  return result as Response;
}

async function cookieFor(role: "EMPLOYEE" | "TRAINER" | "HR") {
  const user = await makeUser({ role });
  return (await sessionCookie(user.id)).cookie;
}

describe("status codes of resource routes", () => {
  it("the language switch answers 400 to an unknown language and redirects on a known one", async () => {
    const bad = await responseOf(() =>
      languageRoute.action(actionArgs(request("/language", { form: { language: "xx" } }))),
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      ok: false,
      fieldErrors: { language: expect.any(String) },
    });
    const good = await responseOf(() =>
      languageRoute.action(
        actionArgs(request("/language", { form: { language: "zh", redirectTo: "/ideas" } })),
      ),
    );
    expect(good.status).toBe(302);
    expect(good.headers.get("Location")).toBe("/ideas");
  });

  it("re-authentication answers a wrong password with 400 and a signed-out post with 401", async () => {
    const cookie = await cookieFor("HR");
    const wrong = await responseOf(() =>
      reauthRoute.action(
        actionArgs(request("/reauth", { cookie, form: { password: "not-the-password" } })),
      ),
    );
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({
      ok: false,
      fieldErrors: { password: "reauth.wrong" },
    });
    const signedOut = await responseOf(() =>
      reauthRoute.action(actionArgs(request("/reauth", { form: { password: "x" } }))),
    );
    expect(signedOut.status).toBe(401);
  });

  it("an unknown export table is 404; a known one is a CSV", async () => {
    const cookie = await cookieFor("HR");
    const missing = await responseOf(() =>
      reportsExportRoute.loader(
        loaderArgs(request("/reports/export/salaries", { cookie }), { table: "salaries" }),
      ),
    );
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ messageKey: "errors.notFound" });
    const csv = await responseOf(() =>
      reportsExportRoute.loader(
        loaderArgs(request("/reports/export/departments", { cookie }), { table: "departments" }),
      ),
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toMatch(/text\/csv/);
  });

  it("exports refuse the wrong role with a 403 Response and send the signed-out to login", async () => {
    const cookie = await cookieFor("EMPLOYEE");
    const reports = await responseOf(() =>
      reportsExportRoute.loader(
        loaderArgs(request("/reports/export/courses", { cookie }), { table: "courses" }),
      ),
    );
    const ideas = await responseOf(() =>
      ideasExportRoute.loader(loaderArgs(request("/ideas/export", { cookie }))),
    );
    expect([reports.status, ideas.status]).toEqual([403, 403]);
    expect(await ideas.json()).toEqual({ messageKey: "errors.forbidden" });
    const anonymous = await responseOf(() =>
      ideasExportRoute.loader(loaderArgs(request("/ideas/export"))),
    );
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("GET /courses/markdown-preview: login when signed out, 405 with Allow when signed in", async () => {
    const anonymous = await responseOf(() =>
      previewRoute.loader(loaderArgs(request("/courses/markdown-preview"))),
    );
    expect(anonymous.status).toBe(302);
    const cookie = await cookieFor("TRAINER");
    const signedIn = await responseOf(() =>
      previewRoute.loader(loaderArgs(request("/courses/markdown-preview", { cookie }))),
    );
    expect(signedIn.status).toBe(405);
    expect(signedIn.headers.get("Allow")).toBe("POST");
  });

  it("Markdown preview: 200 with HTML, 400 for invalid input, 403 for the wrong role", async () => {
    const cookie = await cookieFor("TRAINER");
    const ok = await responseOf(() =>
      previewRoute.action(
        actionArgs(request("/courses/markdown-preview", { cookie, form: { markdown: "**hi**" } })),
      ),
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ html: expect.stringContaining("<strong>hi</strong>") });
    const tooLong = await responseOf(() =>
      previewRoute.action(
        actionArgs(
          request("/courses/markdown-preview", { cookie, form: { markdown: "x".repeat(50_001) } }),
        ),
      ),
    );
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({
      ok: false,
      fieldErrors: { markdown: "validation.tooLong" },
    });
    const employee = await cookieFor("EMPLOYEE");
    const refused = await responseOf(() =>
      previewRoute.action(
        actionArgs(
          request("/courses/markdown-preview", { cookie: employee, form: { markdown: "x" } }),
        ),
      ),
    );
    expect(refused.status).toBe(403);
  });

  it("the editor's own data request keeps data() so its fetcher shows the field error", async () => {
    const cookie = await cookieFor("TRAINER");
    const result = (await previewRoute.action(
      actionArgs(
        request("/courses/markdown-preview", { cookie, form: { markdown: "x".repeat(50_001) } }),
        {
          dataRequest: true,
        },
      ),
    )) as { init?: { status?: number } };
    expect(result).not.toBeInstanceOf(Response);
    expect(result.init?.status).toBe(400);
  });

  it("read-only resource routes answer other methods with 405, not a server error", async () => {
    for (const action of [healthRoute.action, reportsExportRoute.action, ideasExportRoute.action]) {
      const res = await responseOf(async () => action());
      expect(res.status).toBe(405);
      expect(res.headers.get("Allow")).toBe("GET, HEAD");
    }
  });
});

describe("handleError (entry.server)", () => {
  const lines: string[] = [];
  let previous: ReturnType<typeof setLogDestination>;
  let level: string;
  beforeEach(() => {
    lines.length = 0;
    level = logger.level;
    logger.level = "info";
    previous = setLogDestination({ write: (line: string) => lines.push(line) });
  });
  afterEach(() => {
    setLogDestination(previous);
    logger.level = level;
  });

  it("does not log refusals and invalid requests (4xx) as errors", () => {
    const req = request("/reports/export/nope?token=abc");
    handleError(new ErrorResponseImpl(404, "Not Found", { messageKey: "errors.notFound" }), {
      request: req,
    });
    handleError(new ErrorResponseImpl(403, "Forbidden", { messageKey: "errors.forbidden" }), {
      request: req,
    });
    handleError(new ErrorResponseImpl(405, "Method Not Allowed", null), { request: req });
    handleError(new Response(null, { status: 400 }), { request: req });
    handleError(
      { type: "DataWithResponseInit", data: {}, init: { status: 403 } },
      { request: req },
    );
    expect(lines).toEqual([]);
  });

  it("logs an unexpected error as one JSON line with its stack, the path without secrets", () => {
    handleError(new Error("database on fire"), {
      request: request("/reports/export/courses?token=abc&page=2"),
    });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({
      level: "error",
      msg: "request failed",
      method: "GET",
      path: "/reports/export/courses?token=[redacted]&page=2",
      err: { message: "database on fire", type: "Error" },
    });
    expect(entry.err.stack).toContain("database on fire");
    expect(lines[0]).not.toContain("[object Object]");
  });
});
