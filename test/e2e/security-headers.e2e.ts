import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { RATE_LIMITS } from "~/lib/rate-limit.server";
import {
  allowFailedLoad,
  BASE_URL,
  fixtureSession,
  newContext,
  sharedBrowser,
  signInAs,
  waitForHydration,
} from "./browser";

// Issue 10, item 17 (and 5, 10, 19 seen from outside): the production server's headers on every
// kind of response, and a Content-Security-Policy the app's pages pass without one violation.

const browser = sharedBrowser();

async function cookieOf(email: string) {
  const { name, value } = await fixtureSession(email);
  return `${name}=${value}`;
}

function expectSecurityHeaders(res: Response, what: string) {
  const csp = res.headers.get("content-security-policy") ?? "";
  expect(csp, what).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("img-src 'self' data: https:");
  expect(res.headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(res.headers.get("x-frame-options"), what).toBe("DENY");
  expect(res.headers.get("referrer-policy"), what).toBe("same-origin");
  expect(res.headers.get("permissions-policy"), what).toContain("camera=()");
  // The test server is plain HTTP: no HSTS there.
  expect(res.headers.get("strict-transport-security"), what).toBeNull();
}

describe("security headers over HTTP", () => {
  it("are on pages, data requests, CSV, JSON, files and errors; personal ones are no-store", async () => {
    const hr = await cookieOf("hr@uptake.test");
    const get = (path: string, cookie?: string) =>
      fetch(`${BASE_URL}${path}`, {
        headers: cookie ? { Cookie: cookie } : {},
        redirect: "manual",
      });
    const personal: [string, string | undefined][] = [
      ["/", hr],
      ["/reports", hr],
      ["/learn.data", hr],
      ["/_root.data", hr],
      ["/reports/export/departments", hr],
      ["/ideas/export", hr],
    ];
    for (const [path, cookie] of personal) {
      const res = await get(path, cookie);
      expect(res.status, path).toBe(200);
      expectSecurityHeaders(res, path);
      expect(res.headers.get("cache-control"), path).toBe("no-store");
      await res.body?.cancel();
    }
    const csv = await get("/reports/export/departments", hr);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    await csv.body?.cancel();

    const others: [string, number, RegExp][] = [
      ["/login", 200, /text\/html/],
      ["/healthz", 200, /application\/json/],
      ["/favicon.svg", 200, /image\/svg/],
      ["/no/such/page", 404, /text\/html/],
      ["/reports/export/salaries", 404, /application\/json/],
      // The data request of Remix before single fetch: refused before Remix (decision 028).
      ["/reports?_data=root", 404, /text\/plain/],
      ["/%E0%A4%A", 400, /application\/json/],
    ];
    for (const [path, status, type] of others) {
      const res = await get(path, path.startsWith("/reports") ? hr : undefined);
      expect(res.status, path).toBe(status);
      expect(res.headers.get("content-type"), path).toMatch(type);
      expectSecurityHeaders(res, path);
      await res.body?.cancel();
    }
    // Static files keep their caching.
    expect((await get("/favicon.svg")).headers.get("cache-control")).toMatch(/max-age=3600/);
    const html = await (await get("/login")).text();
    const asset = /\/assets\/[^"]+\.js/.exec(html)?.[0];
    expect(asset).toBeTruthy();
    expect((await get(asset!)).headers.get("cache-control")).toMatch(/immutable/);
    // Every inline script of the page carries the response's nonce.
    const page = await get("/login");
    const nonce = /'nonce-([^']+)'/.exec(page.headers.get("content-security-policy") ?? "")?.[1];
    const body = await page.text();
    const inline = [...body.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
    expect(inline.length).toBeGreaterThan(0);
    for (const attributes of inline) expect(attributes).toContain(`nonce="${nonce}"`);
  });

  it("refuses an oversized body with a short 413 before the app reads it", async () => {
    const res = await fetch(`${BASE_URL}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: `email=a&password=${"x".repeat(2 * 1024 * 1024)}`,
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });

  it("answers the certificate check past its limit with 429, Retry-After and the error page", async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    // Other browser tests checked certificates from this address already: start from zero.
    const reset = () =>
      getDb().rateLimiterFlexible.deleteMany({ where: { key: { startsWith: "verify:" } } });
    await reset();
    try {
      for (let i = 0; i < RATE_LIMITS.verify.points; i += 1) {
        const res = await fetch(`${BASE_URL}/verify/NOTAREALCODE0000`);
        expect(res.status).toBe(200);
        await res.body?.cancel();
      }
      allowFailedLoad(429, "/verify/NOTAREALCODE0000");
      const response = await page.goto("/verify/NOTAREALCODE0000");
      expect(response?.status()).toBe(429);
      expect(Number(response?.headers()["retry-after"])).toBeGreaterThan(0);
      expect(await page.getByTestId("error-page").getAttribute("data-status")).toBe("429");
      expect(await page.getByTestId("error-page").textContent()).toContain("Too many attempts");
    } finally {
      // The other browser tests check certificates from the same address.
      await reset();
      await context.close();
    }
  });
});

/** Visits pages and collects every CSP violation the browser reports (events and console). */
async function violationsOn(page: Page, paths: string[]): Promise<string[]> {
  const found: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy|Refused to/i.test(message.text()))
      found.push(`${page.url()}: ${message.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const list = ((window as unknown as { __csp?: string[] }).__csp ??= []);
      list.push(
        `${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber} ${event.sample}`,
      );
    });
  });
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBeLessThan(400);
    await waitForHydration(page);
    await page.waitForLoadState("networkidle");
    const events = await page.evaluate(
      () => (window as unknown as { __csp?: string[] }).__csp ?? [],
    );
    found.push(...events.map((e) => `${path}: ${e}`));
  }
  return found;
}

describe("Content-Security-Policy in the browser", () => {
  it("main pages of every role load, hydrate and navigate with no CSP violation", async () => {
    const db = getDb();
    const course = await db.course.findFirstOrThrow({ where: { lessons: { some: {} } } });
    const lesson = await db.lesson.findFirstOrThrow({ where: { courseId: course.id } });
    const idea = await db.idea.findFirstOrThrow({ where: { hiddenAt: null } });
    const department = await db.department.findFirstOrThrow();
    const pagesFor: Record<string, string[]> = {
      "employee@uptake.test": [
        "/",
        "/learn",
        "/learn/catalogue",
        "/certificates",
        "/ideas",
        "/notifications",
        "/settings",
      ],
      "manager@uptake.test": [
        "/assignments",
        "/reports",
        `/reports/departments/${department.id}`,
        "/reports/overdue",
      ],
      "admin@uptake.test": [
        "/courses",
        `/courses/${course.id}/edit`,
        `/courses/${course.id}/lessons/${lesson.id}`,
        `/courses/${course.id}/preview`,
        `/ideas/${idea.id}`,
        "/admin/users",
        "/admin/departments",
        "/admin/audit",
        "/admin/outbox",
        "/admin/backups",
      ],
    };
    const violations: string[] = [];
    for (const [email, paths] of Object.entries(pagesFor)) {
      const context = await newContext(browser());
      await signInAs(context, email);
      const page = await context.newPage();
      violations.push(...(await violationsOn(page, paths)));
      // Client-side navigation and Mantine's colour-scheme switch (it adds a style tag).
      await page.goto("/");
      await waitForHydration(page);
      await page.getByTestId("color-scheme-toggle").first().click();
      await page.getByTestId("main-nav").getByRole("link").nth(1).click();
      await page.waitForLoadState("networkidle");
      violations.push(
        ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])),
      );
      await context.close();
    }
    expect(violations).toEqual([]);
  });

  it("the lesson editor's live Markdown preview works under the policy", async () => {
    const db = getDb();
    const lesson = await db.lesson
      .findFirstOrThrow({ where: { course: { status: "DRAFT" } } })
      .catch(() => db.lesson.findFirstOrThrow());
    const context = await newContext(browser());
    await signInAs(context, "admin@uptake.test");
    const page = await context.newPage();
    const violations = await violationsOn(page, [
      `/courses/${lesson.courseId}/lessons/${lesson.id}`,
    ]);
    const body = page.locator("textarea[name=body]");
    await body.fill("# Heading\n\n**bold** and *soft*");
    await page.getByTestId("markdown-preview").locator("strong", { hasText: "bold" }).waitFor();
    violations.push(
      ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])),
    );
    expect(violations).toEqual([]);
    await context.close();
  });
});
