import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { subscribe, type DomainEvents } from "~/lib/domain-events.server";
import { ValidationError, type FieldErrors } from "~/lib/errors";
import { getFixedT } from "~/lib/i18n.server";
import type { Principal, Role } from "~/lib/permissions";
import { kudosSchema } from "~/modules/incentives";
import {
  addCompanyValue,
  balanceOf,
  flaggedPairs,
  givingAllowanceLeft,
  KUDOS_WALL_PAGE_SIZE,
  listKudosWall,
  renameCompanyValue,
  sendKudos,
  setCompanyValueActive,
  setGivingAllowances,
  setPairMonthlyCap,
  verifyTotals,
} from "~/modules/incentives/index.server";
import { makeDepartment, makeUser } from "../support/factories";

// Kudos (decision 033): the refusal rules, the monthly giving allowance (UTC), the receiver's
// points, bonus and notification, double submits, races, the wall and HR's settings.

const principal = (user: { id: string; role: Role }): Principal => ({
  id: user.id,
  role: user.role,
  scopeDepartmentIds: [],
});

async function person(data: Parameters<typeof makeUser>[0] = {}) {
  const user = await makeUser(data);
  return { ...user, principal: principal(user) };
}

const kudos = (toId: string, fields: Record<string, string> = {}) =>
  kudosSchema.parse({
    toId,
    message: "Thank you for the handover notes!",
    points: "10",
    ...fields,
  });

/** The field errors a refused send reports (fails the test if it was not refused). */
async function refusal(work: Promise<unknown>): Promise<FieldErrors> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
}

const kudosCount = () => getDb().kudos.count();
const ledgerOf = (userId: string) =>
  getDb().pointsEntry.findMany({ where: { userId }, orderBy: { sourceType: "asc" } });

const sent: DomainEvents["kudos.sent"][] = [];
beforeAll(() => {
  // Records the event the badges helper subscribes to (the app's subscribers run as well).
  subscribe("kudos.sent", async (_tx, event) => {
    sent.push(event);
  });
});

describe("sending kudos", () => {
  it("gives the receiver the points and the bonus in the ledger, notifies them, raises kudos.sent", async () => {
    const giver = await person({ name: "Alice Giver" });
    const receiver = await person();
    const id = await sendKudos(giver.principal, kudos(receiver.id, { points: "30" }));

    const entries = await ledgerOf(receiver.id);
    expect(entries.map((e) => [e.sourceType, e.sourceId, e.kind, e.points])).toEqual([
      ["KUDOS", id, "EARNED", 30],
      ["KUDOS_RECEIVED", id, "EARNED", 5],
    ]);
    expect(entries[0]!.reason).toBe("Alice Giver");
    expect(await balanceOf(receiver.id)).toBe(35);
    // Giving points are not in the ledger: the giver's allowance shrank, their balance did not.
    expect(await ledgerOf(giver.id)).toEqual([]);
    expect(await givingAllowanceLeft(giver.id)).toEqual({ allowance: 100, used: 30, left: 70 });

    const notice = await getDb().notification.findFirstOrThrow({ where: { userId: receiver.id } });
    expect(notice).toMatchObject({ type: "KUDOS_RECEIVED", link: "/rewards/kudos" });
    expect(notice.params).toMatchObject({
      from: "Alice Giver",
      message: "Thank you for the handover notes!",
      points: 30,
    });
    expect(sent).toContainEqual({
      kudosId: id,
      fromId: giver.id,
      toId: receiver.id,
      points: 30,
      at: expect.any(Date),
    });
    expect(await verifyTotals()).toEqual([]);
  });

  it("sends a thank-you without points: no ledger entry, no bonus, allowance untouched", async () => {
    const giver = await person({ name: "Bo Giver" });
    const receiver = await person();
    await sendKudos(giver.principal, kudos(receiver.id, { points: "0" }));
    expect(await kudosCount()).toBeGreaterThan(0);
    expect(await ledgerOf(receiver.id)).toEqual([]);
    expect((await givingAllowanceLeft(giver.id)).left).toBe(100);
    const notice = await getDb().notification.findFirstOrThrow({ where: { userId: receiver.id } });
    // The message leaves the points out (`count` 0 picks its own wording), in both languages.
    const params = notice.params as Record<string, string | number>;
    const en = await getFixedT("en");
    expect(en("notifications.events.KUDOS_RECEIVED.body", params)).toBe(
      "Bo Giver thanked you: “Thank you for the handover notes!”.",
    );
    const zh = await getFixedT("zh");
    expect(zh("notifications.events.KUDOS_RECEIVED.body", params)).not.toContain("积分");
    expect(
      en("notifications.events.KUDOS_RECEIVED.body", { ...params, points: 5, count: 5 }),
    ).toContain("(+5 points)");
  });

  it("a double submit (the same form key, in parallel) is one kudos and one award", async () => {
    const giver = await person();
    const receiver = await person();
    const input = kudos(receiver.id, { submissionKey: "page-load-1" });
    const ids = await Promise.all(
      Array.from({ length: 10 }, () => sendKudos(giver.principal, input)),
    );
    expect(new Set(ids).size).toBe(1);
    expect(await getDb().kudos.count({ where: { fromId: giver.id } })).toBe(1);
    expect(await balanceOf(receiver.id)).toBe(15);
    expect(await getDb().notification.count({ where: { userId: receiver.id } })).toBe(1);
  });

  it("20 parallel sends by one giver never exceed the allowance", async () => {
    const giver = await person();
    const receivers = await Promise.all(Array.from({ length: 20 }, () => person()));
    const results = await Promise.allSettled(
      receivers.map((r) => sendKudos(giver.principal, kudos(r.id, { points: "15" }))),
    );
    const refused = results.filter((r) => r.status === "rejected");
    for (const r of refused) {
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ValidationError);
      expect(((r as PromiseRejectedResult).reason as ValidationError).fieldErrors).toEqual({
        points: "rewards.kudos.errors.overAllowance",
      });
    }
    // 6 × 15 = 90 fit in 100; a seventh would need 105.
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(6);
    expect(await givingAllowanceLeft(giver.id)).toEqual({ allowance: 100, used: 90, left: 10 });
  });

  it("parallel sends between two people, both ways, never exceed the pair cap", async () => {
    const a = await person();
    const b = await person();
    const results = await Promise.allSettled([
      sendKudos(a.principal, kudos(b.id, { points: "80" })),
      sendKudos(b.principal, kudos(a.id, { points: "80" })),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((rejected.reason as ValidationError).fieldErrors).toEqual({
      points: "rewards.kudos.errors.pairCap",
    });
  });

  it("parallel sends to the same person make one kudos in 7 days", async () => {
    const giver = await person();
    const receiver = await person();
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => sendKudos(giver.principal, kudos(receiver.id))),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await getDb().kudos.count({ where: { fromId: giver.id } })).toBe(1);
  });
});

describe("refusals", () => {
  it("refuses kudos to yourself", async () => {
    const me = await person();
    expect(await refusal(sendKudos(me.principal, kudos(me.id)))).toEqual({
      toId: "rewards.kudos.errors.self",
    });
    expect(await getDb().kudos.count({ where: { fromId: me.id } })).toBe(0);
  });

  it("refuses a deactivated or unknown person, and writes nothing", async () => {
    const giver = await person();
    const gone = await person({ active: false });
    const before = await kudosCount();
    for (const toId of [gone.id, "no-such-person"]) {
      expect(await refusal(sendKudos(giver.principal, kudos(toId)))).toEqual({
        toId: "rewards.kudos.errors.notActive",
      });
    }
    expect(await kudosCount()).toBe(before);
    expect(await ledgerOf(gone.id)).toEqual([]);
    expect(await getDb().notification.count({ where: { userId: gone.id } })).toBe(0);
  });

  it("refuses more points than the allowance left (and the role's allowance counts)", async () => {
    const hr = await person({ role: "HR" });
    const giver = await person();
    const [first, second] = [await person(), await person()];
    expect(await refusal(sendKudos(giver.principal, kudos(first.id, { points: "101" })))).toEqual({
      points: "rewards.kudos.errors.overAllowance",
    });
    await sendKudos(giver.principal, kudos(first.id, { points: "60" }));
    expect(await refusal(sendKudos(giver.principal, kudos(second.id, { points: "41" })))).toEqual({
      points: "rewards.kudos.errors.overAllowance",
    });
    await sendKudos(giver.principal, kudos(second.id, { points: "40" }));
    expect((await givingAllowanceLeft(giver.id)).left).toBe(0);
    expect(await balanceOf(first.id)).toBe(65);

    // HR lowers the employees' allowance: what is used already counts against the new one.
    await setGivingAllowances(hr.principal, {
      EMPLOYEE: 50,
      TRAINER: 100,
      MANAGER: 200,
      HR: 100,
      ADMIN: 100,
    });
    expect(await givingAllowanceLeft(giver.id)).toEqual({ allowance: 50, used: 100, left: 0 });
    const manager = await person({ role: "MANAGER" });
    expect((await givingAllowanceLeft(manager.id)).allowance).toBe(200);
    await setGivingAllowances(hr.principal, {
      EMPLOYEE: 100,
      TRAINER: 100,
      MANAGER: 100,
      HR: 100,
      ADMIN: 100,
    });
  });

  it("refuses a second kudos to the same person within 7 days (rolling)", async () => {
    const giver = await person();
    const receiver = await person();
    const first = new Date("2026-11-03T09:00:00Z");
    await sendKudos(giver.principal, kudos(receiver.id, { points: "5" }), first);
    const almostAWeek = new Date(first.getTime() + 7 * 86_400_000 - 60_000);
    expect(
      await refusal(sendKudos(giver.principal, kudos(receiver.id, { points: "0" }), almostAWeek)),
    ).toEqual({ toId: "rewards.kudos.errors.tooSoon" });
    // Somebody else may thank them meanwhile, and the receiver may thank the giver.
    await sendKudos((await person()).principal, kudos(receiver.id), almostAWeek);
    await sendKudos(principal(receiver), kudos(giver.id, { points: "0" }), almostAWeek);
    const aWeekLater = new Date(first.getTime() + 7 * 86_400_000);
    await sendKudos(giver.principal, kudos(receiver.id, { points: "5" }), aWeekLater);
    expect(await getDb().kudos.count({ where: { fromId: giver.id, toId: receiver.id } })).toBe(2);
  });

  it("refuses an inactive or unknown company value", async () => {
    const hr = await person({ role: "HR" });
    const giver = await person();
    const valueId = await addCompanyValue(hr.principal, { name: `Retired value ${giver.id}` });
    await setCompanyValueActive(hr.principal, { id: valueId, active: false });
    for (const id of [valueId, "no-such-value"]) {
      expect(
        await refusal(sendKudos(giver.principal, kudos((await person()).id, { valueId: id }))),
      ).toEqual({ valueId: "rewards.kudos.errors.valueInactive" });
    }
  });

  it("refuses more than the monthly cap between two people, in either direction", async () => {
    const a = await person();
    const b = await person();
    const week = 7 * 86_400_000;
    const start = new Date("2026-10-01T08:00:00Z");
    // a → b 100, then b → a: 50 fits the cap of 150, 51 does not.
    await sendKudos(a.principal, kudos(b.id, { points: "100" }), start);
    expect(await refusal(sendKudos(b.principal, kudos(a.id, { points: "51" }), start))).toEqual({
      points: "rewards.kudos.errors.pairCap",
    });
    await sendKudos(b.principal, kudos(a.id, { points: "50" }), start);
    // The other direction: at the cap, a refusal even with allowance left.
    const later = new Date(start.getTime() + week);
    const c = await person();
    const d = await person();
    await sendKudos(c.principal, kudos(d.id, { points: "80" }), start);
    await sendKudos(d.principal, kudos(c.id, { points: "70" }), start);
    expect(await refusal(sendKudos(c.principal, kudos(d.id, { points: "1" }), later))).toEqual({
      points: "rewards.kudos.errors.pairCap",
    });
    // A thank-you without points is not refused by the cap.
    await sendKudos(c.principal, kudos(d.id, { points: "0" }), later);
    // The cap is per calendar month: next month they start again.
    await sendKudos(c.principal, kudos(d.id, { points: "80" }), new Date("2026-11-01T00:00:00Z"));

    // HR sees the pairs: at the cap, with the refused attempts.
    const flagged = await flaggedPairs(start);
    expect(flagged).toMatchObject({ month: "2026-10", cap: 150, threshold: 120 });
    const cd = flagged.pairs.find(
      (p) => [p.a.id, p.b.id].sort().join() === [c.id, d.id].sort().join(),
    )!;
    expect(cd.total).toBe(150);
    const [cToD, dToC] = cd.a.id === c.id ? [cd.aToB, cd.bToA] : [cd.bToA, cd.aToB];
    expect([cToD, dToC, cd.kudosCount]).toEqual([80, 70, 3]);
    expect([cd.a.name, cd.b.name].sort()).toEqual([c.name, d.name].sort());
    const ab = flagged.pairs.find((p) => [p.a.id, p.b.id].includes(a.id))!;
    expect(ab.total).toBe(150);
  });

  it("flags refused pairs and pairs at 80 % of the cap, not the ones below", async () => {
    const [a, b, c, d, e, f] = await Promise.all(Array.from({ length: 6 }, () => person()));
    // The refusal is an audit row dated when it happened: this test runs in the current month.
    const now = new Date();
    await sendKudos(a!.principal, kudos(b!.id, { points: "60" }), now);
    await sendKudos(b!.principal, kudos(a!.id, { points: "60" }), now); // 120 = 80 % of 150
    await sendKudos(c!.principal, kudos(d!.id, { points: "60" }), now);
    await sendKudos(d!.principal, kudos(c!.id, { points: "59" }), now); // 119: not flagged
    await sendKudos(e!.principal, kudos(f!.id, { points: "60" }), now);
    expect(await refusal(sendKudos(f!.principal, kudos(e!.id, { points: "91" }), now))).toEqual({
      points: "rewards.kudos.errors.pairCap",
    });
    const flagged = await flaggedPairs(now);
    const key = (x: { id: string }, y: { id: string }) => [x.id, y.id].sort().join();
    const shown = new Map(flagged.pairs.map((p) => [key(p.a, p.b), p]));
    expect(shown.get(key(a!, b!))).toMatchObject({ total: 120, aToB: 60, bToA: 60, refused: 0 });
    expect(shown.has(key(c!, d!))).toBe(false);
    // Below 80 %, but refused by the cap: flagged, with what was given.
    expect(shown.get(key(e!, f!))).toMatchObject({ total: 60, refused: 1, kudosCount: 1 });
    const refusalAudit = await getDb().auditEvent.findFirstOrThrow({
      where: { action: "kudos.pair_cap_refused", actorId: f!.id },
    });
    expect(refusalAudit.subjectId).toBe(e!.id);
  });
});

describe("the giving allowance resets at 00:00 UTC on the 1st", () => {
  it("is spent on the 31st at 23:59 UTC and whole again on the 1st at 00:00 UTC", async () => {
    const giver = await person();
    const [first, second, third] = [await person(), await person(), await person()];
    const lastMinute = new Date("2027-01-31T23:59:00Z");
    await sendKudos(giver.principal, kudos(first.id, { points: "100" }), lastMinute);
    expect(await givingAllowanceLeft(giver.id, lastMinute)).toEqual({
      allowance: 100,
      used: 100,
      left: 0,
    });
    expect(
      await refusal(
        sendKudos(
          giver.principal,
          kudos(second.id, { points: "1" }),
          new Date("2027-01-31T23:59:59.999Z"),
        ),
      ),
    ).toEqual({ points: "rewards.kudos.errors.overAllowance" });
    const midnight = new Date("2027-02-01T00:00:00Z");
    expect(await givingAllowanceLeft(giver.id, midnight)).toEqual({
      allowance: 100,
      used: 0,
      left: 100,
    });
    await sendKudos(giver.principal, kudos(second.id, { points: "100" }), midnight);
    // No roll-over either way: February is spent, January stays as it was.
    expect(
      await refusal(sendKudos(giver.principal, kudos(third.id, { points: "1" }), midnight)),
    ).toEqual({ points: "rewards.kudos.errors.overAllowance" });
    expect((await givingAllowanceLeft(giver.id, lastMinute)).used).toBe(100);
    // The ledger dates the receiver's points at the send time (their month, UTC).
    const entry = await getDb().pointsEntry.findFirstOrThrow({
      where: { userId: second.id, sourceType: "KUDOS" },
    });
    expect(entry.createdAt.toISOString()).toBe("2027-02-01T00:00:00.000Z");
  });
});

describe("the kudos wall", () => {
  it("lists newest first, a page at a time, by the receiver's department and by value", async () => {
    const hr = await person({ role: "HR" });
    const department = await makeDepartment();
    const elsewhere = await makeDepartment();
    const valueId = await addCompanyValue(hr.principal, { name: `Wall value ${department.id}` });
    const giver = await person({ name: "Wall Giver" });
    const count = KUDOS_WALL_PAGE_SIZE + 3;
    const base = Date.parse("2026-09-01T00:00:00Z");
    for (let i = 0; i < count; i++) {
      const receiver = await person({ departmentId: department.id });
      await sendKudos(
        giver.principal,
        kudos(receiver.id, { points: "0", message: `Card ${i}`, valueId: i % 2 ? valueId : "" }),
        new Date(base + i * 60_000),
      );
    }
    const outsider = await person({ departmentId: elsewhere.id });
    await sendKudos(
      giver.principal,
      kudos(outsider.id, { points: "0", valueId }),
      new Date(base + count * 60_000),
    );

    const first = await listKudosWall({ department: department.id, page: 1 });
    expect(first).toMatchObject({ total: count, page: 1, pageCount: 2 });
    expect(first.kudos).toHaveLength(KUDOS_WALL_PAGE_SIZE);
    expect(first.kudos[0]).toMatchObject({
      message: `Card ${count - 1}`,
      from: { id: giver.id, name: "Wall Giver" },
      value: null,
      points: 0,
    });
    const second = await listKudosWall({ department: department.id, page: 2 });
    expect(second.kudos.map((k) => k.message)).toEqual(["Card 2", "Card 1", "Card 0"]);
    expect(second.kudos[1]!.value).toBe(`Wall value ${department.id}`);

    const byValue = await listKudosWall({ value: valueId, page: 1 });
    expect(byValue.total).toBe(12); // the 11 odd cards and the outsider's
    expect(byValue.kudos[0]!.to.id).toBe(outsider.id);
    const both = await listKudosWall({ department: department.id, value: valueId, page: 1 });
    expect(both.total).toBe(11);
    expect(both.kudos.every((k) => k.value === `Wall value ${department.id}`)).toBe(true);
  });
});

describe("kudos settings", () => {
  it("keeps value names unique regardless of case, audits every change", async () => {
    const hr = await person({ role: "HR" });
    const name = `Simplify ${hr.id}`;
    const id = await addCompanyValue(hr.principal, { name });
    expect(await refusal(addCompanyValue(hr.principal, { name: name.toUpperCase() }))).toEqual({
      name: "rewards.kudos.errors.valueTaken",
    });
    const other = await addCompanyValue(hr.principal, { name: `Customer first ${hr.id}` });
    expect(await refusal(renameCompanyValue(hr.principal, { id: other, name }))).toEqual({
      name: "rewards.kudos.errors.valueTaken",
    });
    await renameCompanyValue(hr.principal, { id, name: `Keep it simple ${hr.id}` });
    await setCompanyValueActive(hr.principal, { id, active: false });
    await setCompanyValueActive(hr.principal, { id, active: true });
    await setPairMonthlyCap(hr.principal, { cap: 150 }); // unchanged: not audited
    await setPairMonthlyCap(hr.principal, { cap: 200 });
    await setPairMonthlyCap(hr.principal, { cap: 150 });
    const audits = await getDb().auditEvent.findMany({
      where: { actorId: hr.id },
      orderBy: { createdAt: "asc" },
      select: { action: true, before: true, after: true },
    });
    expect(audits.map((a) => a.action)).toEqual([
      "kudos.value.create",
      "kudos.value.create",
      "kudos.value.rename",
      "kudos.value.deactivate",
      "kudos.value.activate",
      "kudos.pair_cap.update",
      "kudos.pair_cap.update",
    ]);
  });

  it("refuses an employee every settings change", async () => {
    const employee = await person();
    await expect(addCompanyValue(employee.principal, { name: "Mine" })).rejects.toMatchObject({
      status: 403,
    });
    await expect(setPairMonthlyCap(employee.principal, { cap: 1 })).rejects.toMatchObject({
      status: 403,
    });
  });
});
