import { describe, expect, it, vi } from "vitest";
import { getDb } from "~/lib/db.server";
import { PAIR_FREE_FAILURES } from "~/modules/account/index.server";
import { action as loginAction } from "~/routes/auth/login";
import { makeUser, request, TEST_PASSWORD } from "../support/factories";

// Before anything reads the environment: the company's proxy is 10.0.0.0/8.
vi.hoisted(() => {
  process.env.TRUST_PROXY = "10.0.0.0/8";
});

const statusOf = (result: unknown) =>
  result instanceof Response
    ? result.status
    : ((result as { init?: { status?: number } }).init?.status ?? 200);

function viaProxy(form: Record<string, string>, forwardedFor: string) {
  return loginAction({
    request: request("/login", { form, headers: { "X-Forwarded-For": forwardedFor } }),
    params: {},
    context: { clientAddress: "10.0.0.2" },
  });
}

describe("sign-in behind a trusted proxy (TRUST_PROXY)", () => {
  it("throttles the real client, not the proxy: the rest of the company still signs in", async () => {
    const user = await makeUser();
    for (let i = 0; i < PAIR_FREE_FAILURES + 1; i++) {
      const result = await viaProxy({ email: user.email, password: "bad" }, "198.51.100.50");
      expect(statusOf(result)).toBe(i < PAIR_FREE_FAILURES ? 400 : 429);
    }
    // Same proxy, another employee's address: not affected.
    const ok = await viaProxy({ email: user.email, password: TEST_PASSWORD }, "198.51.100.51");
    expect(statusOf(ok)).toBe(302);
    const events = await getDb().auditEvent.findMany({
      where: { actorId: user.id, action: { startsWith: "security.signIn" } },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => [e.action, e.ipAddress])).toEqual([
      ...Array(PAIR_FREE_FAILURES).fill(["security.signInFailed", "198.51.100.50"]),
      ["security.signIn", "198.51.100.51"],
    ]);
  });

  it("does not believe the header from a peer that is not the proxy", async () => {
    const user = await makeUser();
    await loginAction({
      request: request("/login", {
        form: { email: user.email, password: "bad" },
        headers: { "X-Forwarded-For": "198.51.100.77" },
      }),
      params: {},
      context: { clientAddress: "203.0.113.5" },
    });
    const event = await getDb().auditEvent.findFirstOrThrow({
      where: { actorId: user.id, action: "security.signInFailed" },
    });
    expect(event.ipAddress).toBe("203.0.113.5");
  });
});
