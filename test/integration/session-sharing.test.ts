import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { getCurrentSession } from "~/lib/session.server";
import { statementCount } from "~/lib/statement-count.server";
import { REQUEST_ID_HEADER } from "../../scripts/peer-address.mjs";
import { makeUser, request, sessionCookie } from "../support/factories";

// Remix gives the root's and the page's loaders their own copies of one HTTP request; the
// production handler numbers the request so they share one session lookup (issue 13).

async function statementsOf(work: () => Promise<unknown>) {
  const before = statementCount();
  await work();
  return statementCount() - before;
}

describe("one session lookup per HTTP request", () => {
  it("the loaders of one numbered request share the lookup while it runs", async () => {
    const user = await makeUser();
    const { cookie } = await sessionCookie(user.id);
    const copy = (id: string | null) =>
      request("/learn", { cookie, headers: id ? { [REQUEST_ID_HEADER]: id } : {} });
    // Warm the session (its first visit may renew lastSeenAt, a second statement).
    await getCurrentSession(copy(null));

    const unnumbered = await statementsOf(() =>
      Promise.all([getCurrentSession(copy(null)), getCurrentSession(copy(null))]),
    );
    const numbered = await statementsOf(async () => {
      const [root, page] = await Promise.all([
        getCurrentSession(copy("41")),
        getCurrentSession(copy("41")),
      ]);
      expect(root?.user.id).toBe(user.id);
      expect(page?.user.id).toBe(user.id);
    });
    const twoRequests = await statementsOf(() =>
      Promise.all([getCurrentSession(copy("42")), getCurrentSession(copy("43"))]),
    );
    expect(unnumbered).toBe(2);
    expect(numbered).toBe(1);
    expect(twoRequests).toBe(2);
  });

  it("a lookup after the first finished looks again (an action may have signed out)", async () => {
    const user = await makeUser();
    const { cookie, session } = await sessionCookie(user.id);
    const copy = () => request("/settings", { cookie, headers: { [REQUEST_ID_HEADER]: "77" } });
    expect((await getCurrentSession(copy()))?.user.id).toBe(user.id);
    await getDb().session.delete({ where: { id: session.id } });
    expect(await getCurrentSession(copy())).toBeNull();
  });
});
