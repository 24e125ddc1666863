import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { balanceOf, writeEntry } from "~/modules/incentives/index.server";
import { makeUser } from "../support/factories";

// The ledger is append-only in the database itself (decision 031): whatever code runs, an
// entry cannot be changed or removed; a correction is a reversing entry.

async function entryFor(userId: string) {
  await getDb().$transaction((tx) =>
    writeEntry(tx, {
      userId,
      points: 25,
      kind: "ADJUSTMENT",
      sourceType: "ADJUSTMENT",
      sourceId: "test-1",
      reason: "Test",
      at: new Date(),
    }),
  );
  return getDb().pointsEntry.findFirstOrThrow({ where: { userId } });
}

describe("points ledger", () => {
  it("refuses UPDATE of an entry, through Prisma and in raw SQL", async () => {
    const person = await makeUser();
    const entry = await entryFor(person.id);
    // Prisma words SQLite's trigger error as a constraint failure; raw SQL shows the message.
    await expect(
      getDb().pointsEntry.update({ where: { id: entry.id }, data: { points: 1000 } }),
    ).rejects.toThrow();
    await expect(
      getDb().$executeRawUnsafe(
        `UPDATE "PointsEntry" SET "points" = 1000 WHERE "id" = '${entry.id}'`,
      ),
    ).rejects.toThrow(/append-only/);
    expect(await balanceOf(person.id)).toBe(25);
    expect(await getDb().pointsEntry.findUniqueOrThrow({ where: { id: entry.id } })).toEqual(entry);
  });

  it("refuses DELETE of an entry, one or all", async () => {
    const person = await makeUser();
    const entry = await entryFor(person.id);
    await expect(getDb().pointsEntry.delete({ where: { id: entry.id } })).rejects.toThrow();
    await expect(getDb().$executeRawUnsafe(`DELETE FROM "PointsEntry"`)).rejects.toThrow(
      /append-only/,
    );
    expect(await getDb().pointsEntry.count({ where: { userId: person.id } })).toBe(1);
  });

  it("writes a source once per person and kind, and reports the repeat", async () => {
    const person = await makeUser();
    const write = () =>
      getDb().$transaction((tx) =>
        writeEntry(tx, {
          userId: person.id,
          points: 10,
          kind: "EARNED",
          sourceType: "COURSE_COMPLETED",
          sourceId: "course-1",
          at: new Date(),
        }),
      );
    expect(await write()).toBe(true);
    expect(await write()).toBe(false);
    expect(await balanceOf(person.id)).toBe(10);
  });
});
