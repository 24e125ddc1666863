import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import type { Role } from "~/lib/permissions";
import { balanceOf, writeEntry } from "~/modules/incentives/index.server";
import * as catalogueRoute from "~/routes/rewards/catalogue";
import * as manageRoute from "~/routes/rewards/catalogue-manage";
import * as queueRoute from "~/routes/rewards/redemptions";
import { actionArgs, formPost, loaderArgs, outcomeStatus } from "../support/actions";
import { makeUser, request, sessionCookie, thrownStatus } from "../support/factories";

// The catalogue, HR's reward management and the redemption queue through their routes
// (decision 034): who may open each page and post each form, what invalid input answers,
// and that a refused post writes nothing.

const N = 50;

async function signedIn(role: Role) {
  const user = await makeUser({ role });
  return { user, cookie: (await sessionCookie(user.id)).cookie };
}

async function grant(userId: string, points: number) {
  await getDb().$transaction((tx) =>
    writeEntry(tx, {
      userId,
      points,
      kind: "ADJUSTMENT",
      sourceType: "ADJUSTMENT",
      sourceId: crypto.randomUUID(),
      at: new Date(),
    }),
  );
}

const reward = (data: { cost: number; stock: number | null; name?: string; active?: boolean }) =>
  getDb().reward.create({
    data: { name: `Reward ${crypto.randomUUID().slice(0, 6)}`, ...data },
  });

type ActionBody = {
  ok: boolean;
  formError?: string;
  fieldErrors?: Record<string, string>;
  redemptionId?: string;
};
const bodyOf = (result: unknown) => (result as { data: ActionBody }).data;
const statusOf = (result: unknown) =>
  (result as { init?: { status?: number } | null }).init?.status ?? 200;

const post = (
  route: { action: (args: never) => Promise<unknown> },
  url: string,
  cookie: string,
  form: Record<string, string>,
) => route.action(actionArgs(formPost(url, cookie, form)) as never);

const rewardForm = (fields: Record<string, string> = {}) => ({
  intent: "create",
  name: "Team lunch",
  description: "Lunch for your team\nat the canteen.",
  imageUrl: "https://images.example.com/lunch.jpg",
  cost: "400",
  stock: "3",
  active: "on",
  ...fields,
});

describe("who may open and post what", () => {
  it("gives staff the catalogue, and 403 on managing rewards and on the queue, nothing written", async () => {
    for (const role of ["EMPLOYEE", "TRAINER", "MANAGER"] as const) {
      const { cookie } = await signedIn(role);
      const page = await catalogueRoute.loader(
        loaderArgs(request("/rewards/catalogue", { cookie })),
      );
      expect(page.canManage).toBe(false);
      expect(
        await thrownStatus(() =>
          manageRoute.loader(loaderArgs(request("/rewards/catalogue/manage", { cookie }))),
        ),
      ).toBe(403);
      expect(
        await thrownStatus(() =>
          queueRoute.loader(loaderArgs(request("/rewards/redemptions", { cookie }))),
        ),
      ).toBe(403);
      const before = await getDb().reward.count();
      expect(
        await outcomeStatus(() =>
          post(manageRoute, "/rewards/catalogue/manage", cookie, rewardForm()),
        ),
      ).toBe(403);
      expect(await getDb().reward.count()).toBe(before);
    }
    const requester = await makeUser();
    await grant(requester.id, 100);
    const prize = await reward({ cost: 100, stock: 1 });
    const redemption = await getDb().redemption.create({
      data: { rewardId: prize.id, userId: requester.id, cost: 100, submitKey: crypto.randomUUID() },
    });
    const { cookie } = await signedIn("EMPLOYEE");
    expect(
      await outcomeStatus(() =>
        post(queueRoute, "/rewards/redemptions", cookie, {
          intent: "approve",
          redemptionId: redemption.id,
          note: "",
        }),
      ),
    ).toBe(403);
    expect(
      (await getDb().redemption.findUniqueOrThrow({ where: { id: redemption.id } })).status,
    ).toBe("PENDING");
  });

  it("lets HR and administrators open the manage page and the queue", async () => {
    for (const role of ["HR", "ADMIN"] as const) {
      const { cookie } = await signedIn(role);
      const manage = await manageRoute.loader(
        loaderArgs(request("/rewards/catalogue/manage", { cookie })),
      );
      expect(manage.canCreate).toBe(true);
      const queue = await queueRoute.loader(
        loaderArgs(request("/rewards/redemptions", { cookie })),
      );
      expect(queue.viewer.role).toBe(role);
    }
  });
});

describe("managing rewards", () => {
  it("answers invalid input with 400 and field errors, and writes nothing", async () => {
    const { cookie } = await signedIn("HR");
    const [rewards, audits] = [await getDb().reward.count(), await getDb().auditEvent.count()];
    const result = await post(
      manageRoute,
      "/rewards/catalogue/manage",
      cookie,
      rewardForm({
        name: "",
        description: "x".repeat(1001),
        imageUrl: "http://images.example.com/lunch.jpg",
        cost: "12.5",
        stock: "-2",
      }),
    );
    expect(statusOf(result)).toBe(400);
    expect(bodyOf(result).fieldErrors).toEqual({
      name: "validation.required",
      description: "validation.tooLong",
      imageUrl: "rewards.catalogue.manage.httpsOnly",
      cost: "validation.wholeNumber",
      stock: "validation.wholeNumber",
    });
    expect(await getDb().reward.count()).toBe(rewards);
    expect(await getDb().auditEvent.count()).toBe(audits);
  });

  it("creates a reward, then edits it on the page it redirects to", async () => {
    const { cookie } = await signedIn("HR");
    const created = await post(manageRoute, "/rewards/catalogue/manage", cookie, rewardForm());
    expect(created).toBeInstanceOf(Response);
    const location = (created as Response).headers.get("Location")!;
    const id = new URL(location, "http://localhost").searchParams.get("edit")!;
    const page = await manageRoute.loader(loaderArgs(request(location, { cookie })));
    expect(page.editing).toMatchObject({ id, name: "Team lunch", cost: 400, stock: 3 });

    const saved = await post(manageRoute, location, cookie, {
      ...rewardForm({ intent: "update", stock: "", active: "" }),
      id,
      revision: new Date(page.editing!.updatedAt).toISOString(),
    });
    expect(statusOf(saved)).toBe(200);
    expect(await getDb().reward.findUniqueOrThrow({ where: { id } })).toMatchObject({
      stock: null,
      active: false,
    });
    // Withdrawn: no longer in the catalogue.
    const catalogue = await catalogueRoute.loader(
      loaderArgs(request("/rewards/catalogue", { cookie })),
    );
    expect(catalogue.rewards.map((row) => row.id)).not.toContain(id);
  });
});

describe("the catalogue", () => {
  it("shows the balance, the rewards and why one cannot be requested", async () => {
    const { user, cookie } = await signedIn("EMPLOYEE");
    await grant(user.id, 150);
    const cheap = await reward({ cost: 100, stock: null });
    const dear = await reward({ cost: 500, stock: 2 });
    const page = await catalogueRoute.loader(loaderArgs(request("/rewards/catalogue", { cookie })));
    expect(page.balance).toBe(150);
    expect(page.canRequest).toBe(true);
    const ids = page.rewards.map((row) => row.id);
    expect(ids).toEqual(expect.arrayContaining([cheap.id, dear.id]));
    expect(page.requestKey).toMatch(/^[0-9a-f-]{36}$/);
    const again = await catalogueRoute.loader(
      loaderArgs(request("/rewards/catalogue", { cookie })),
    );
    expect(again.requestKey).not.toBe(page.requestKey);
  });

  it(`${N} posts of one request form make one request; the pending list offers Cancel`, async () => {
    const { user, cookie } = await signedIn("EMPLOYEE");
    await grant(user.id, 1000);
    const prize = await reward({ cost: 300, stock: 5 });
    const form = { intent: "request", rewardId: prize.id, requestKey: crypto.randomUUID() };
    const statuses = await Promise.all(
      Array.from({ length: N }, () =>
        outcomeStatus(() => post(catalogueRoute, "/rewards/catalogue", cookie, form)),
      ),
    );
    expect(statuses).toEqual(Array(N).fill(200));
    expect(await getDb().redemption.count({ where: { userId: user.id } })).toBe(1);
    expect(await balanceOf(user.id)).toBe(700);
    const page = await catalogueRoute.loader(loaderArgs(request("/rewards/catalogue", { cookie })));
    expect(page.pending).toHaveLength(1);
    const pendingId = page.pending[0]!.id;

    // A colleague cannot cancel it (not found); the requester can.
    const other = await signedIn("EMPLOYEE");
    expect(
      await outcomeStatus(() =>
        post(catalogueRoute, "/rewards/catalogue", other.cookie, {
          intent: "cancel",
          redemptionId: pendingId,
        }),
      ),
    ).toBe(404);
    expect(await balanceOf(user.id)).toBe(700);
    const cancelled = await post(catalogueRoute, "/rewards/catalogue", cookie, {
      intent: "cancel",
      redemptionId: pendingId,
    });
    expect(statusOf(cancelled)).toBe(200);
    expect(await balanceOf(user.id)).toBe(1000);
    expect((await getDb().reward.findUniqueOrThrow({ where: { id: prize.id } })).stock).toBe(5);
    // Cancelled twice: a conflict shown on the form, nothing released twice.
    const twice = await post(catalogueRoute, "/rewards/catalogue", cookie, {
      intent: "cancel",
      redemptionId: pendingId,
    });
    expect(statusOf(twice)).toBe(409);
    expect(bodyOf(twice).formError).toBe("rewards.redemptions.notPending");
    expect(await balanceOf(user.id)).toBe(1000);
  });

  it("refuses a request over the balance with 409 and a message, writing nothing", async () => {
    const { user, cookie } = await signedIn("EMPLOYEE");
    await grant(user.id, 10);
    const prize = await reward({ cost: 300, stock: 5 });
    const result = await post(catalogueRoute, "/rewards/catalogue", cookie, {
      intent: "request",
      rewardId: prize.id,
      requestKey: crypto.randomUUID(),
    });
    expect(statusOf(result)).toBe(409);
    expect(bodyOf(result).formError).toBe("rewards.catalogue.balanceShort");
    expect(await getDb().redemption.count({ where: { userId: user.id } })).toBe(0);
    const bad = await post(catalogueRoute, "/rewards/catalogue", cookie, {
      intent: "request",
      rewardId: "",
      requestKey: "x",
    });
    expect(statusOf(bad)).toBe(400);
    expect(Object.keys(bodyOf(bad).fieldErrors ?? {}).sort()).toEqual(["requestKey", "rewardId"]);
  });
});

describe("the redemption queue", () => {
  it("lists pending requests first, filters by status, and decides each once", async () => {
    const hr = await signedIn("HR");
    const requester = await makeUser({ name: "Queue Person" });
    const { cookie: requesterCookie } = await sessionCookie(requester.id);
    await grant(requester.id, 1000);
    const prize = await reward({ cost: 100, stock: null });
    const ask = async () => {
      const result = await post(catalogueRoute, "/rewards/catalogue", requesterCookie, {
        intent: "request",
        rewardId: prize.id,
        requestKey: crypto.randomUUID(),
      });
      return bodyOf(result).redemptionId!;
    };
    const first = await ask();
    const second = await ask();
    const third = await ask();

    const approve = (cookie: string) =>
      post(queueRoute, "/rewards/redemptions", cookie, {
        intent: "approve",
        redemptionId: first,
        note: "Collect at reception",
      });
    expect(statusOf(await approve(hr.cookie))).toBe(200);
    const again = await approve((await signedIn("ADMIN")).cookie);
    expect(statusOf(again)).toBe(409);
    expect(await balanceOf(requester.id)).toBe(700);
    expect(await getDb().pointsEntry.count({ where: { sourceId: first, kind: "SPENT" } })).toBe(1);

    // A rejection needs its reason: 400 on the field, still pending.
    const noReason = await post(queueRoute, "/rewards/redemptions", hr.cookie, {
      intent: "reject",
      redemptionId: second,
      reason: "  ",
    });
    expect(statusOf(noReason)).toBe(400);
    expect(bodyOf(noReason).fieldErrors).toEqual({
      reason: "rewards.redemptions.reasonRequired",
    });
    expect((await getDb().redemption.findUniqueOrThrow({ where: { id: second } })).status).toBe(
      "PENDING",
    );

    const list = await queueRoute.loader(
      loaderArgs(request(`/rewards/redemptions?decide=${second}`, { cookie: hr.cookie })),
    );
    const mine = list.rows.filter((row) => [first, second, third].includes(row.id));
    // Pending first, oldest first; then the decided ones.
    expect(mine.map((row) => row.id)).toEqual([second, third, first]);
    expect(list.rows.findIndex((row) => row.id === first)).toBeGreaterThanOrEqual(
      list.pendingCount!,
    );
    expect(mine[0]).toMatchObject({ requester: "Queue Person", own: false });
    expect(list.deciding?.id).toBe(second);

    const fulfilled = await queueRoute.loader(
      loaderArgs(request("/rewards/redemptions?status=FULFILLED", { cookie: hr.cookie })),
    );
    expect(fulfilled.rows.every((row) => row.status === "FULFILLED")).toBe(true);
    expect(fulfilled.rows.find((row) => row.id === first)).toMatchObject({
      note: "Collect at reception",
      decidedBy: hr.user.name,
    });

    const rejected = await post(queueRoute, "/rewards/redemptions", hr.cookie, {
      intent: "reject",
      redemptionId: second,
      reason: "Budget frozen",
    });
    expect(statusOf(rejected)).toBe(200);
    expect(await balanceOf(requester.id)).toBe(800);
    // Decided: the panel for it is gone.
    const after = await queueRoute.loader(
      loaderArgs(request(`/rewards/redemptions?decide=${second}`, { cookie: hr.cookie })),
    );
    expect(after.deciding).toBeNull();
  });

  it("pages the queue: pending rows run on across pages into the decided ones", async () => {
    const hr = await signedIn("HR");
    const requester = await makeUser();
    const prize = await reward({ cost: 1, stock: null });
    const now = Date.now();
    // 30 pending and 10 decided, with distinct times.
    await getDb().redemption.createMany({
      data: Array.from({ length: 40 }, (_, i) => ({
        rewardId: prize.id,
        userId: requester.id,
        cost: 1,
        status: i < 30 ? ("PENDING" as const) : ("FULFILLED" as const),
        submitKey: crypto.randomUUID(),
        createdAt: new Date(now - (40 - i) * 1000),
      })),
    });
    const pageOf = async (page: number) =>
      queueRoute.loader(
        loaderArgs(request(`/rewards/redemptions?page=${page}`, { cookie: hr.cookie })),
      );
    // What the two pages must hold, read from the table: every pending request oldest first,
    // then every decided one newest first (other tests' requests included).
    const all = await getDb().redemption.findMany({
      select: { id: true, status: true, createdAt: true },
    });
    const byTime = (a: (typeof all)[number], b: (typeof all)[number]) =>
      a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1);
    const pending = all.filter((row) => row.status === "PENDING").sort(byTime);
    const decided = all.filter((row) => row.status !== "PENDING").sort((a, b) => byTime(b, a));
    const expected = [...pending, ...decided].map((row) => row.id);
    expect(pending.length).toBeGreaterThan(25);
    expect(expected.length).toBeLessThanOrEqual(50);

    const [one, two] = [await pageOf(1), await pageOf(2)];
    expect(one.total).toBe(all.length);
    expect(one.pageCount).toBe(2);
    expect(one.pendingCount).toBe(pending.length);
    expect(one.rows.map((row) => row.id)).toEqual(expected.slice(0, 25));
    expect(two.rows.map((row) => row.id)).toEqual(expected.slice(25));
    expect(two.rows.map((row) => row.status)).toContain("FULFILLED");
    expect((await pageOf(3)).rows).toEqual([]);
  });
});
