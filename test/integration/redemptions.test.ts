import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { AppError, ConflictError, ForbiddenError, NotFoundError } from "~/lib/errors";
import type { Principal, Role } from "~/lib/permissions";
import { rewardSchema } from "~/modules/incentives";
import {
  approveRedemption,
  balanceOf,
  cancelRedemption,
  createReward,
  pendingRedemptionsOf,
  redemptionQueueCount,
  rejectRedemption,
  requestRedemption,
  updateReward,
  verifyTotals,
  writeEntry,
} from "~/modules/incentives/index.server";
import { makeDepartment, makeUser } from "../support/factories";

// Redemptions (decision 034): a request holds its points and reserves stock in one
// transaction; nobody spends more than their balance or takes the last item twice, however
// many requests run at once; every later step happens once, from PENDING only.

const N = 50;

async function person(role: Role = "EMPLOYEE", departmentId?: string): Promise<Principal> {
  const user = await makeUser({ role, departmentId });
  return { id: user.id, role, scopeDepartmentIds: [] };
}

async function grant(userId: string, points: number) {
  await getDb().$transaction((tx) =>
    writeEntry(tx, {
      userId,
      points,
      kind: "ADJUSTMENT",
      sourceType: "ADJUSTMENT",
      sourceId: crypto.randomUUID(),
      reason: "Test grant",
      at: new Date(),
    }),
  );
}

async function reward(data: { cost: number; stock: number | null; active?: boolean }) {
  return getDb().reward.create({
    data: { name: `Reward ${crypto.randomUUID().slice(0, 6)}`, active: true, ...data },
  });
}

const ask = (actor: Principal, rewardId: string, requestKey = crypto.randomUUID()) =>
  requestRedemption(actor, { rewardId, requestKey });

/** The ledger summed in the test, not by balanceOf: the balance must be exactly this. */
async function ledgerSum(userId: string) {
  const entries = await getDb().pointsEntry.findMany({ where: { userId } });
  return entries.reduce((sum, entry) => sum + entry.points, 0);
}

async function entriesOf(redemptionId: string) {
  const entries = await getDb().pointsEntry.findMany({
    where: { sourceType: "REDEMPTION", sourceId: redemptionId },
  });
  // Sorted here: the providers order an enum differently (text vs declaration order).
  return entries
    .map((entry) => [entry.kind, entry.points])
    .sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

async function noticesOf(userId: string) {
  const notices = await getDb().notification.findMany({
    where: { userId, type: "REDEMPTION_STATUS" },
    orderBy: { createdAt: "asc" },
  });
  return notices.map((notice) => notice.params as Record<string, unknown>);
}

const stockOf = async (rewardId: string) =>
  (await getDb().reward.findUniqueOrThrow({ where: { id: rewardId } })).stock;

async function refusal(work: Promise<unknown>) {
  const error = await work.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("requesting a reward", () => {
  it(`${N} parallel requests by one person with a balance for 3: exactly 3 succeed, never below 0`, async () => {
    const me = await person();
    await grant(me.id, 300);
    const prize = await reward({ cost: 100, stock: null });
    const results = await Promise.allSettled(Array.from({ length: N }, () => ask(me, prize.id)));
    const succeeded = results.filter((result) => result.status === "fulfilled");
    const refused = results.flatMap((result) => (result.status === "rejected" ? [result] : []));
    expect(succeeded).toHaveLength(3);
    expect(refused).toHaveLength(N - 3);
    for (const result of refused) {
      expect(result.reason).toBeInstanceOf(ConflictError);
      expect((result.reason as AppError).messageKey).toBe("rewards.catalogue.balanceShort");
    }
    expect(await balanceOf(me.id)).toBe(0);
    expect(await ledgerSum(me.id)).toBe(0);
    expect(await getDb().redemption.count({ where: { userId: me.id } })).toBe(3);
    expect(await getDb().pointsEntry.count({ where: { userId: me.id, kind: "HELD" } })).toBe(3);
    expect(await stockOf(prize.id)).toBeNull();
  });

  it(`${N} people racing for the last item: exactly one gets it`, async () => {
    const department = await makeDepartment();
    const people = await Promise.all(
      Array.from({ length: N }, () => person("EMPLOYEE", department.id)),
    );
    for (const someone of people) await grant(someone.id, 50);
    const prize = await reward({ cost: 50, stock: 1 });
    const results = await Promise.allSettled(people.map((someone) => ask(someone, prize.id)));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results) {
      if (result.status === "rejected") {
        expect((result.reason as AppError).messageKey).toBe("rewards.catalogue.outOfStock");
      }
    }
    expect(await stockOf(prize.id)).toBe(0);
    const redemptions = await getDb().redemption.findMany({ where: { rewardId: prize.id } });
    expect(redemptions).toHaveLength(1);
    // The losers kept their points; the winner's are held.
    const balances = await Promise.all(people.map((someone) => balanceOf(someone.id)));
    expect(balances.filter((balance) => balance === 0)).toHaveLength(1);
    expect(balances.filter((balance) => balance === 50)).toHaveLength(N - 1);
    expect(await balanceOf(redemptions[0]!.userId)).toBe(0);
  });

  it(`a double submit (${N} posts of one request key) is one request; a new key is a second`, async () => {
    const me = await person();
    await grant(me.id, 1000);
    const prize = await reward({ cost: 100, stock: 10 });
    const key = crypto.randomUUID();
    const ids = await Promise.all(Array.from({ length: N }, () => ask(me, prize.id, key)));
    expect(new Set(ids).size).toBe(1);
    expect(await getDb().redemption.count({ where: { userId: me.id } })).toBe(1);
    expect(await balanceOf(me.id)).toBe(900);
    expect(await stockOf(prize.id)).toBe(9);
    // Sent again later: still that request. A deliberate second request: a second one.
    expect(await ask(me, prize.id, key)).toBe(ids[0]);
    const second = await ask(me, prize.id);
    expect(second).not.toBe(ids[0]);
    expect(await balanceOf(me.id)).toBe(800);
    expect(await stockOf(prize.id)).toBe(8);
    expect((await pendingRedemptionsOf(me.id)).map((row) => row.id).sort()).toEqual(
      [ids[0], second].sort(),
    );
  });

  it("refuses a short balance, an empty stock and a withdrawn reward, writing nothing", async () => {
    const me = await person();
    await grant(me.id, 99);
    const dear = await reward({ cost: 100, stock: 5 });
    const gone = await reward({ cost: 10, stock: 0 });
    const withdrawn = await reward({ cost: 10, stock: null, active: false });
    expect((await refusal(ask(me, dear.id))).messageKey).toBe("rewards.catalogue.balanceShort");
    expect((await refusal(ask(me, gone.id))).messageKey).toBe("rewards.catalogue.outOfStock");
    expect((await refusal(ask(me, withdrawn.id))).messageKey).toBe("rewards.catalogue.unavailable");
    expect((await refusal(ask(me, "no-such-reward"))).messageKey).toBe(
      "rewards.catalogue.unavailable",
    );
    expect(await getDb().redemption.count({ where: { userId: me.id } })).toBe(0);
    expect(await balanceOf(me.id)).toBe(99);
    expect(await stockOf(dear.id)).toBe(5);
    expect(await stockOf(gone.id)).toBe(0);
  });
});

describe("deciding a request", () => {
  it("reject releases the points and returns the stock; the requester is told why", async () => {
    const me = await person();
    const hr = await person("HR");
    await grant(me.id, 500);
    const prize = await reward({ cost: 200, stock: 2 });
    const id = await ask(me, prize.id);
    expect(await balanceOf(me.id)).toBe(300);
    expect(await stockOf(prize.id)).toBe(1);
    await rejectRedemption(hr, id, "Supplier discontinued it");
    expect(await balanceOf(me.id)).toBe(500);
    expect(await stockOf(prize.id)).toBe(2);
    expect(await entriesOf(id)).toEqual([
      ["HELD", -200],
      ["RELEASED", 200],
    ]);
    const row = await getDb().redemption.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      status: "REJECTED",
      reason: "Supplier discontinued it",
      decidedById: hr.id,
    });
    expect(await noticesOf(me.id)).toEqual([
      expect.objectContaining({ statusKey: "rewards.redemptions.status.PENDING", cost: 200 }),
      expect.objectContaining({
        statusKey: "rewards.redemptions.status.REJECTED",
        detail: "Supplier discontinued it",
        reward: prize.name,
      }),
    ]);
    // Decided: neither a second rejection nor an approval changes anything.
    expect(await refusal(rejectRedemption(hr, id, "Again"))).toBeInstanceOf(ConflictError);
    expect(await refusal(approveRedemption(hr, id, ""))).toBeInstanceOf(ConflictError);
    expect(await balanceOf(me.id)).toBe(500);
    expect(await stockOf(prize.id)).toBe(2);
    const audit = await getDb().auditEvent.findMany({
      where: { subjectType: "Redemption", subjectId: id },
    });
    expect(audit.map((event) => event.action).sort()).toEqual([
      "redemption.rejected",
      "redemption.request",
    ]);
  });

  it("an unlimited reward stays unlimited through request and rejection", async () => {
    const me = await person();
    await grant(me.id, 100);
    const prize = await reward({ cost: 100, stock: null });
    const id = await ask(me, prize.id);
    await rejectRedemption(await person("HR"), id, "No");
    expect(await stockOf(prize.id)).toBeNull();
    expect(await balanceOf(me.id)).toBe(100);
  });

  it(`approving twice (${N} at once, by two HR people): one fulfils it, the rest conflict, nothing doubled`, async () => {
    const me = await person();
    const [hrA, hrB] = [await person("HR"), await person("ADMIN")];
    await grant(me.id, 300);
    const prize = await reward({ cost: 120, stock: 3 });
    const id = await ask(me, prize.id);
    const results = await Promise.allSettled(
      Array.from({ length: N }, (_, i) => approveRedemption(i % 2 ? hrA : hrB, id, "At reception")),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results) {
      if (result.status === "rejected") expect(result.reason).toBeInstanceOf(ConflictError);
    }
    expect(await entriesOf(id)).toEqual([
      ["HELD", -120],
      ["RELEASED", 120],
      ["SPENT", -120],
    ]);
    expect(await balanceOf(me.id)).toBe(180);
    expect(await stockOf(prize.id)).toBe(2);
    const statuses = (await noticesOf(me.id)).map((params) => params.statusKey);
    expect(statuses).toEqual([
      "rewards.redemptions.status.PENDING",
      "rewards.redemptions.status.FULFILLED",
    ]);
    expect((await noticesOf(me.id))[1]).toMatchObject({ detail: "At reception" });
  });

  it("a rejection racing an approval: one of them wins, the ledger matches the winner", async () => {
    const me = await person();
    const hrA = await person("HR");
    const hrB = await person("HR");
    await grant(me.id, 100);
    const prize = await reward({ cost: 100, stock: 1 });
    const id = await ask(me, prize.id);
    const results = await Promise.allSettled([
      approveRedemption(hrA, id, ""),
      rejectRedemption(hrB, id, "Changed our mind"),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const { status } = await getDb().redemption.findUniqueOrThrow({ where: { id } });
    if (status === "FULFILLED") {
      expect(await balanceOf(me.id)).toBe(0);
      expect(await stockOf(prize.id)).toBe(0);
    } else {
      expect(status).toBe("REJECTED");
      expect(await balanceOf(me.id)).toBe(100);
      expect(await stockOf(prize.id)).toBe(1);
    }
  });

  it("nobody decides their own request, and staff decide none", async () => {
    const hr = await person("HR");
    const colleague = await person();
    await grant(hr.id, 100);
    await grant(colleague.id, 100);
    const prize = await reward({ cost: 50, stock: null });
    const own = await ask(hr, prize.id);
    const theirs = await ask(colleague, prize.id);
    const ownRefusal = await refusal(approveRedemption(hr, own, ""));
    expect(ownRefusal).toBeInstanceOf(ForbiddenError);
    expect(ownRefusal.messageKey).toBe("rewards.redemptions.ownRequest");
    expect(await refusal(rejectRedemption(colleague, theirs, "Mine now"))).toBeInstanceOf(
      ForbiddenError,
    );
    expect(await refusal(approveRedemption(hr, "no-such-request", ""))).toBeInstanceOf(
      NotFoundError,
    );
    expect(await redemptionQueueCount()).toBeGreaterThanOrEqual(2);
    expect(
      await getDb().redemption.count({ where: { id: { in: [own, theirs] }, status: "PENDING" } }),
    ).toBe(2);
  });
});

describe("cancelling a request", () => {
  it("only the requester, only while pending: released and returned once", async () => {
    const me = await person();
    const other = await person();
    const hr = await person("HR");
    await grant(me.id, 100);
    const prize = await reward({ cost: 60, stock: 4 });
    const id = await ask(me, prize.id);
    expect(await refusal(cancelRedemption(other, id))).toBeInstanceOf(NotFoundError);
    expect(await refusal(cancelRedemption(hr, id))).toBeInstanceOf(NotFoundError);
    expect(await balanceOf(me.id)).toBe(40);

    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => cancelRedemption(me, id)),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await balanceOf(me.id)).toBe(100);
    expect(await stockOf(prize.id)).toBe(4);
    expect(await entriesOf(id)).toEqual([
      ["HELD", -60],
      ["RELEASED", 60],
    ]);
    expect((await getDb().redemption.findUniqueOrThrow({ where: { id } })).status).toBe(
      "CANCELLED",
    );
    expect((await noticesOf(me.id)).at(-1)).toMatchObject({
      statusKey: "rewards.redemptions.status.CANCELLED",
    });

    // A fulfilled request cannot be cancelled any more.
    const kept = await ask(me, prize.id);
    await approveRedemption(hr, kept, "");
    const late = await refusal(cancelRedemption(me, kept));
    expect(late).toBeInstanceOf(ConflictError);
    expect(late.messageKey).toBe("rewards.redemptions.notPending");
    expect(await balanceOf(me.id)).toBe(40);
  });
});

describe("the balance along the way", () => {
  it("equals the sum of the ledger at every step, and approval never moves it", async () => {
    const me = await person();
    const hr = await person("HR");
    const prize = await reward({ cost: 200, stock: 3 });
    const small = await reward({ cost: 100, stock: null });
    const steps: [string, () => Promise<unknown>, number][] = [
      ["grant", () => grant(me.id, 500), 500],
      ["request", () => ask(me, prize.id), 300],
      ["approve", async () => approveRedemption(hr, await latest(), "Enjoy"), 300],
      ["request small", () => ask(me, small.id), 200],
      ["reject", async () => rejectRedemption(hr, await latest(), "Not this month"), 300],
      ["request small again", () => ask(me, small.id), 200],
      ["cancel", async () => cancelRedemption(me, await latest()), 300],
    ];
    async function latest() {
      const row = await getDb().redemption.findFirstOrThrow({
        where: { userId: me.id },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      });
      return row.id;
    }
    for (const [name, step, expected] of steps) {
      await step();
      expect([name, await balanceOf(me.id)]).toEqual([name, expected]);
      expect([name, await ledgerSum(me.id)]).toEqual([name, expected]);
    }
    expect(await stockOf(prize.id)).toBe(2);
    // Holds, releases and spends are not leaderboard points: the running totals are untouched.
    expect(await verifyTotals()).toEqual([]);
    const total = await getDb().pointsTotal.findFirst({ where: { userId: me.id, period: "all" } });
    expect(total?.points).toBe(500);
  });
});

describe("managing rewards", () => {
  const form = (fields: Record<string, unknown>) =>
    rewardSchema.parse({
      name: "Cinema ticket",
      description: "",
      imageUrl: "",
      cost: "150",
      stock: "",
      active: "on",
      ...fields,
    });

  it("creates and edits rewards, audited; an edit on an outdated form is refused", async () => {
    const hr = await person("HR");
    const { id } = await createReward(hr, form({ stock: "2" }));
    const created = await getDb().reward.findUniqueOrThrow({ where: { id } });
    expect(created).toMatchObject({ name: "Cinema ticket", cost: 150, stock: 2, active: true });

    await updateReward(hr, {
      ...form({ name: "Cinema for two", stock: "", active: undefined }),
      id,
      revision: created.updatedAt.toISOString(),
    });
    const edited = await getDb().reward.findUniqueOrThrow({ where: { id } });
    expect(edited).toMatchObject({ name: "Cinema for two", stock: null, active: false });

    // The form opened before that edit: refused, nothing changed.
    const stale = await refusal(
      updateReward(hr, { ...form({ stock: "9" }), id, revision: created.updatedAt.toISOString() }),
    );
    expect(stale.messageKey).toBe("errors.staleEdit");
    expect((await getDb().reward.findUniqueOrThrow({ where: { id } })).stock).toBeNull();

    const audit = await getDb().auditEvent.findMany({
      where: { subjectType: "Reward", subjectId: id },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((event) => event.action)).toEqual(["reward.create", "reward.update"]);
    expect(await refusal(createReward(await person(), form({})))).toBeInstanceOf(ForbiddenError);
  });

  it("a request between opening the edit form and saving it makes the save stale", async () => {
    const hr = await person("HR");
    const me = await person();
    await grant(me.id, 100);
    const { id } = await createReward(hr, form({ stock: "5", cost: "10" }));
    const opened = await getDb().reward.findUniqueOrThrow({ where: { id } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await ask(me, id);
    const stale = await refusal(
      updateReward(hr, { ...form({ stock: "5" }), id, revision: opened.updatedAt.toISOString() }),
    );
    expect(stale.messageKey).toBe("errors.staleEdit");
    expect(await stockOf(id)).toBe(4);
  });

  it("checks the fields: lengths, https images, whole costs and stocks", () => {
    const errors = (fields: Record<string, unknown>) => {
      const result = rewardSchema.safeParse({ name: "X", cost: "1", ...fields });
      // The fields refused (a field can break two rules; the form shows the first).
      return result.success
        ? []
        : [...new Set(result.error.issues.map((issue) => issue.path.join(".")))];
    };
    expect(errors({})).toEqual([]);
    expect(errors({ name: "" })).toEqual(["name"]);
    expect(errors({ name: "x".repeat(121) })).toEqual(["name"]);
    expect(errors({ description: "x".repeat(1001) })).toEqual(["description"]);
    expect(errors({ imageUrl: "http://example.com/a.png" })).toEqual(["imageUrl"]);
    expect(errors({ imageUrl: "javascript:alert(1)" })).toEqual(["imageUrl"]);
    expect(errors({ imageUrl: "https://example.com/a.png" })).toEqual([]);
    expect(errors({ cost: "0" })).toEqual(["cost"]);
    expect(errors({ cost: "100001" })).toEqual(["cost"]);
    expect(errors({ cost: "2.5" })).toEqual(["cost"]);
    expect(errors({ cost: "" })).toEqual(["cost"]);
    expect(errors({ stock: "-1" })).toEqual(["stock"]);
    expect(errors({ stock: "0" })).toEqual([]);
    expect(rewardSchema.parse({ name: "X", cost: "7", stock: "" }).stock).toBeNull();
  });
});
