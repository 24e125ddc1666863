import type { LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { createDb, getDb } from "~/lib/db.server";
import { consumeRateLimit, RATE_LIMITS, type RateRule } from "~/lib/rate-limit.server";
import * as reportsExportRoute from "~/routes/reports/export";
import * as verifyRoute from "~/routes/verify";
import { makeUser, request, sessionCookie } from "../support/factories";

// Anti-automation (issue 10, item 19): counters in the database, shared by every process.

const args = (req: Request, params: Record<string, string>, clientAddress: string) =>
  ({ request: req, params, context: { clientAddress } }) as LoaderFunctionArgs;

async function thrown(work: () => Promise<unknown>): Promise<Response | undefined> {
  try {
    await work();
    return undefined;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

describe("rate limits", () => {
  it("refuses the N+1th certificate check from one address with 429 and Retry-After", async () => {
    const address = "203.0.113.7";
    for (let i = 0; i < RATE_LIMITS.verify.points; i += 1) {
      const result = await verifyRoute.loader(
        args(request("/verify/NOPE000000"), { code: "NOPE000000" }, address),
      );
      expect(result).toEqual({ status: "unknown" });
    }
    const refused = await thrown(() =>
      verifyRoute.loader(args(request("/verify/NOPE000000"), { code: "NOPE000000" }, address)),
    );
    expect(refused?.status).toBe(429);
    const retryAfter = Number(refused?.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(RATE_LIMITS.verify.seconds);
    // The error page shows the translated "too many attempts" message.
    expect(await refused?.json()).toEqual({ messageKey: "errors.tooManyRequests" });
    // Another address is not affected.
    expect(
      await verifyRoute.loader(
        args(request("/verify/NOPE000000"), { code: "NOPE000000" }, "203.0.113.8"),
      ),
    ).toEqual({ status: "unknown" });
    // The page passes Retry-After on to the browser.
    const headers = verifyRoute.headers({
      errorHeaders: refused?.headers,
      loaderHeaders: new Headers(),
    } as never) as Headers;
    expect(headers.get("Retry-After")).toBe(String(retryAfter));
  });

  it("limits exports per person with a translated text answer", async () => {
    const hr = await makeUser({ role: "HR" });
    const { cookie } = await sessionCookie(hr.id);
    const exportOnce = () =>
      reportsExportRoute.loader(
        args(
          request("/reports/export/departments", {
            cookie,
            headers: { "Accept-Language": "zh-CN" },
          }),
          { table: "departments" },
          "198.51.100.4",
        ),
      );
    for (let i = 0; i < RATE_LIMITS.exportPerPerson.points; i += 1) {
      const res = (await exportOnce()) as Response;
      expect(res.status).toBe(200);
      await res.body?.cancel();
    }
    const refused = await thrown(exportOnce);
    expect(refused?.status).toBe(429);
    expect(refused?.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(refused?.headers.get("Content-Type")).toMatch(/text\/plain/);
    expect(await refused?.text()).toMatch(/\S/);
  });

  it("two processes (two Prisma clients on one database) share the count", async () => {
    const rule: RateRule = { name: `shared-${Date.now()}`, points: 6, seconds: 60 };
    const other = createDb({ databaseUrl: process.env.DATABASE_URL! });
    try {
      const results = [];
      for (let i = 0; i < 6; i += 1) {
        // Alternate between the two "processes".
        results.push(await consumeRateLimit(rule, "client", i % 2 === 0 ? getDb() : other));
      }
      expect(results.every((r) => r.allowed)).toBe(true);
      expect((await consumeRateLimit(rule, "client", other)).allowed).toBe(false);
      expect((await consumeRateLimit(rule, "client", getDb())).allowed).toBe(false);
      const row = await getDb().rateLimiterFlexible.findUnique({
        where: { key: `${rule.name}:client` },
      });
      expect(row?.points).toBe(8);
    } finally {
      await other.$disconnect();
    }
  });

  it("counts parallel requests exactly (no lost increments)", async () => {
    const rule: RateRule = { name: `parallel-${Date.now()}`, points: 10, seconds: 60 };
    const results = await Promise.all(
      Array.from({ length: 25 }, () => consumeRateLimit(rule, "burst")),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });
});
