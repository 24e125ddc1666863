import { describe, expect, it } from "vitest";
import { getDb, type PointsKind } from "~/lib/db.server";
import { pointsHistoryQuerySchema } from "~/modules/incentives";
import {
  balanceOf,
  departmentLeaderboard,
  myPointsPage,
  peopleLeaderboard,
  verifyTotals,
  writeEntry,
} from "~/modules/incentives/index.server";
import * as boardRoute from "~/routes/rewards/board";
import * as pointsRoute from "~/routes/rewards/points";
import { loaderArgs, outcomeStatus } from "../support/actions";
import { makeDepartment, makeUser, request, sessionCookie } from "../support/factories";

// Leaderboards read the running totals (decision 031). Each test dates its entries in a period
// of its own, far from today, so the company-wide boards hold only its people.

let sequence = 0;
async function earn(userId: string, points: number, at: Date, kind: PointsKind = "EARNED") {
  sequence += 1;
  await getDb().$transaction((tx) =>
    writeEntry(tx, {
      userId,
      points,
      kind,
      sourceType: kind === "ADJUSTMENT" ? "ADJUSTMENT" : "COURSE_COMPLETED",
      sourceId: `source-${sequence}`,
      at,
    }),
  );
}

describe("leaderboards", () => {
  it("compares departments by points per active head, on a hand-computed example", async () => {
    const at = new Date("2031-05-10T12:00:00Z");
    const small = await makeDepartment({ name: "Small" });
    const large = await makeDepartment({ name: "Large" });
    // Small: 2 active people, 300 points (one of them hidden) → 150 per head.
    const a = await makeUser({ departmentId: small.id });
    const b = await makeUser({ departmentId: small.id });
    await getDb().leaderboardPrivacy.create({ data: { userId: b.id, hidden: true } });
    await earn(a.id, 100, at);
    await earn(b.id, 200, at);
    // Large: 4 active people and one deactivated, 500 points in all (the deactivated
    // person's 100 were earned there and stay) → 500 / 4 = 125 per head.
    const people = await Promise.all(
      Array.from({ length: 4 }, () => makeUser({ departmentId: large.id })),
    );
    const gone = await makeUser({ departmentId: large.id });
    for (const person of people) await earn(person.id, 100, at);
    await earn(gone.id, 100, at);
    await getDb().user.update({ where: { id: gone.id }, data: { active: false } });

    const { rows } = await departmentLeaderboard("month", at);
    const mine = rows.filter((row) => [small.id, large.id].includes(row.department.id));
    expect(
      mine.map(({ department, points, heads, perHead }) => [
        department.name,
        points,
        heads,
        perHead,
      ]),
    ).toEqual([
      ["Small", 300, 2, 150],
      ["Large", 500, 4, 125],
    ]);
    // Large has more points in all and still ranks below Small.
    expect(mine[0]!.rank).toBeLessThan(mine[1]!.rank);

    // People: the hidden person is "a colleague" to others, named to themselves; the
    // deactivated person is left out; ranks are competition ranks.
    const board = await peopleLeaderboard(a.id, "month", null, at);
    expect(board.rows.map((row) => [row.person?.name ?? null, row.points, row.rank])).toEqual([
      [null, 200, 1],
      [a.name, 100, 2],
      ...people.map(() => [expect.any(String), 100, 2]),
    ]);
    expect(board.rows.some((row) => row.person?.id === gone.id)).toBe(false);
    expect(board.viewer).toEqual({ points: 100, rank: 2 });
    const own = await peopleLeaderboard(b.id, "month", null, at);
    expect(own.rows[0]).toMatchObject({ person: { id: b.id }, isViewer: true });
  });

  it("counts an entry at 23:59:59 UTC on 31 March in March and Q1, not April", async () => {
    const department = await makeDepartment();
    const person = await makeUser({ departmentId: department.id });
    await earn(person.id, 40, new Date("2032-03-31T23:59:59.999Z"));
    await earn(person.id, 7, new Date("2032-04-01T00:00:00.000Z"));
    const pointsIn = async (kind: "month" | "quarter", at: string) =>
      (await peopleLeaderboard(person.id, kind, [department.id], new Date(at))).viewer.points;
    expect(await pointsIn("month", "2032-03-15T00:00:00Z")).toBe(40);
    expect(await pointsIn("quarter", "2032-02-01T00:00:00Z")).toBe(40);
    expect(await pointsIn("month", "2032-04-15T00:00:00Z")).toBe(7);
    expect(await pointsIn("quarter", "2032-05-01T00:00:00Z")).toBe(7);
  });

  it("spending does not lower a leaderboard; adjustments do", async () => {
    const at = new Date("2033-01-10T00:00:00Z");
    const department = await makeDepartment();
    const person = await makeUser({ departmentId: department.id });
    await earn(person.id, 100, at);
    await earn(person.id, -60, at, "HELD");
    await earn(person.id, -10, at, "ADJUSTMENT");
    expect(await balanceOf(person.id)).toBe(30);
    const board = await peopleLeaderboard(person.id, "all", [department.id], at);
    expect(board.viewer.points).toBe(90);
  });
});

describe("balance and totals after a random sequence", () => {
  it("balance is the ledger's sum and the running totals equal the ledger, whatever happened", async () => {
    // A seeded generator: the same sequence every run.
    let seed = 20261201;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const departments = [await makeDepartment(), await makeDepartment()];
    const people = await Promise.all(
      Array.from({ length: 5 }, (_, i) => makeUser({ departmentId: departments[i % 2]!.id })),
    );
    const kinds: PointsKind[] = ["EARNED", "SPENT", "HELD", "RELEASED", "ADJUSTMENT"];
    const expected = new Map<string, number>();
    const written = new Set<string>();
    for (let step = 0; step < 200; step++) {
      const person = people[Math.floor(random() * people.length)]!;
      const kind = kinds[Math.floor(random() * kinds.length)]!;
      const points = Math.floor(random() * 200) - 80 || 1;
      // Repeats of earlier sources: written once, whatever the points say the second time.
      const sourceId = `random-${Math.floor(random() * 120)}`;
      const at = new Date(Date.UTC(2034, Math.floor(random() * 12), 1 + Math.floor(random() * 28)));
      if (step % 37 === 0) {
        await getDb().user.update({
          where: { id: person.id },
          data: { departmentId: departments[step % 2]!.id },
        });
      }
      const ok = await getDb().$transaction((tx) =>
        writeEntry(tx, { userId: person.id, points, kind, sourceType: "TEST", sourceId, at }),
      );
      const key = `${person.id}/${kind}/${sourceId}`;
      expect(ok).toBe(!written.has(key));
      if (ok) {
        written.add(key);
        expected.set(person.id, (expected.get(person.id) ?? 0) + points);
      }
    }
    for (const person of people) {
      expect(await balanceOf(person.id)).toBe(expected.get(person.id) ?? 0);
    }
    expect(await verifyTotals()).toEqual([]);
  });
});

describe("my points page", () => {
  it("filters and pages the viewer's own history, with balance and allowance", async () => {
    const person = await makeUser();
    const other = await makeUser();
    for (let i = 0; i < 30; i++) await earn(person.id, 10, new Date(Date.UTC(2035, 0, 1 + i)));
    await earn(person.id, -5, new Date(Date.UTC(2035, 1, 2)), "ADJUSTMENT");
    await earn(other.id, 999, new Date(Date.UTC(2035, 0, 5)));
    const page = (query: Record<string, string>) =>
      myPointsPage(person.id, pointsHistoryQuerySchema.parse(query));
    const first = await page({});
    expect(first).toMatchObject({ balance: 295, total: 31, pageCount: 2 });
    expect(first.entries).toHaveLength(25);
    expect(first.entries[0]).toMatchObject({ kind: "ADJUSTMENT", points: -5 });
    expect(first.allowance).toMatchObject({ allowance: 100, left: 100 });
    expect((await page({ page: "2" })).entries).toHaveLength(6);
    expect((await page({ kind: "ADJUSTMENT" })).total).toBe(1);
    // The date range is whole days, "to" included.
    expect((await page({ from: "2035-01-10", to: "2035-01-19" })).total).toBe(10);
    expect((await page({ source: "COURSE_COMPLETED" })).total).toBe(30);
    // Malformed filters are ignored, not an error.
    expect((await page({ kind: "NOPE", from: "yesterday" })).total).toBe(31);
  });

  it("the board and My points need a signed-in person; each sees only their own points", async () => {
    expect(await outcomeStatus(() => boardRoute.loader(loaderArgs(request("/rewards"))))).toBe(302);
    const person = await makeUser();
    await earn(person.id, 12, new Date());
    const { cookie } = await sessionCookie(person.id);
    const data = await pointsRoute.loader(loaderArgs(request("/rewards/points", { cookie })));
    expect(data.points.balance).toBe(12);
    const board = await boardRoute.loader(loaderArgs(request("/rewards?period=all", { cookie })));
    expect(board.board.viewer.points).toBeGreaterThanOrEqual(12);
  });
});
