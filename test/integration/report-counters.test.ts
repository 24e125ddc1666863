import { describe, expect, it } from "vitest";
import { getDb, Prisma } from "~/lib/db.server";
import {
  PROGRESS_COUNTERS,
  addCounters,
  counterSums,
  countersFromSums,
  emptyCounters,
  type ProgressCounters,
} from "~/modules/learning";
import { aggregatePair } from "~/modules/learning/index.server";
import { derive } from "~/modules/reports";

// The counters are one list; every other place that names them derives from it. These
// fail when a counter is added to one place (the schema, say) and not to the others.

const KEYS = [...PROGRESS_COUNTERS].sort();
/** A different value per counter, so a counter skipped or mixed up shows. */
const distinct = (): ProgressCounters =>
  Object.fromEntries(PROGRESS_COUNTERS.map((key, i) => [key, i + 1])) as ProgressCounters;
const columnsBut = (fields: Record<string, string>, keys: string[]) =>
  Object.keys(fields)
    .filter((field) => !keys.includes(field))
    .sort();

describe("report counters", () => {
  it("are the counter columns of both counter tables", () => {
    expect(columnsBut(Prisma.ProgressTotalScalarFieldEnum, ["departmentId", "courseId"])).toEqual(
      KEYS,
    );
    expect(
      columnsBut(Prisma.ProgressStatScalarFieldEnum, [
        "departmentId",
        "courseId",
        "month",
        "completionsInMonth",
      ]),
    ).toEqual(KEYS);
  });

  it("give the empty value, the sum select, the adder and the reader the same keys", () => {
    const empty = emptyCounters();
    expect(Object.keys(empty).sort()).toEqual(KEYS);
    expect(Object.values(empty).every((value) => value === 0)).toBe(true);
    expect(Object.keys(counterSums).sort()).toEqual(KEYS);
    expect(addCounters(emptyCounters(), distinct())).toEqual(distinct());
    const doubled = Object.fromEntries(PROGRESS_COUNTERS.map((key, i) => [key, 2 * (i + 1)]));
    expect(addCounters(distinct(), distinct())).toEqual(doubled);
    expect(countersFromSums(distinct())).toEqual(distinct());
    expect(countersFromSums({})).toEqual(empty);
    expect(Object.keys(derive(distinct()))).toEqual(expect.arrayContaining(KEYS));
  });

  it("are read back from a stored row by the sum select", async () => {
    const db = getDb();
    await db.progressTotal.create({ data: { departmentId: "d", courseId: "c", ...distinct() } });
    const sums = await db.progressTotal.aggregate({ where: { courseId: "c" }, _sum: counterSums });
    expect(countersFromSums(sums._sum)).toEqual(distinct());
  });

  it("count every counter of an enrolment in the monthly row", () => {
    const assignedAt = new Date("2026-03-02T00:00:00Z");
    const [row] = aggregatePair(
      { departmentId: "d", courseId: "c" },
      [
        {
          status: "IN_PROGRESS",
          assignedAt,
          dueAt: new Date("2026-03-09T00:00:00Z"),
          completedAt: null,
          bestScore: 80,
          renewedAt: null,
          user: { active: true },
        },
      ],
      new Date("2026-04-01T00:00:00Z"),
    );
    expect(
      Object.keys(row!)
        .filter((key) => KEYS.includes(key as never))
        .sort(),
    ).toEqual(KEYS);
    expect(row).toMatchObject({
      assigned: 1,
      inProgress: 1,
      overdue: 1,
      scoreSum: 80,
      scoreCount: 1,
    });
  });
});
