import { describe, expect, it } from "vitest";
import { emptyCounters, type ProgressCounters } from "~/modules/learning";
import { rollUpDepartments } from "~/modules/reports";

// Root → A → A1, A2 (no rows) and Root → B: the pure roll-up, no database.
const departments = [
  { id: "a", name: "A", parentId: "root" },
  { id: "a1", name: "A1", parentId: "a" },
  { id: "a2", name: "A2", parentId: "a" },
  { id: "b", name: "B", parentId: "root" },
  { id: "root", name: "Root", parentId: null },
];
const counters = (values: Partial<ProgressCounters>) => ({ ...emptyCounters(), ...values });
const own = new Map([
  ["a1", counters({ assigned: 4, completed: 2, completedOnTime: 1, scoreSum: 150, scoreCount: 2 })],
  ["a", counters({ assigned: 2, notStarted: 1, inProgress: 1, overdue: 1 })],
  ["b", counters({ assigned: 3, completed: 3, completedOnTime: 3 })],
]);
const byId = (rows: { id: string; counters: ProgressCounters }[]) =>
  Object.fromEntries(rows.map((row) => [row.id, row.counters]));

describe("department roll-up", () => {
  it("sums the leaves into their parents and the root, and the root into the total", () => {
    const { rows, total } = rollUpDepartments(departments, own, null);
    const rolled = byId(rows);
    expect(rolled.a1).toEqual(own.get("a1"));
    expect(rolled.a).toEqual(
      counters({
        assigned: 6,
        completed: 2,
        completedOnTime: 1,
        notStarted: 1,
        inProgress: 1,
        overdue: 1,
        scoreSum: 150,
        scoreCount: 2,
      }),
    );
    expect(rolled.root).toEqual(
      counters({
        assigned: 9,
        completed: 5,
        completedOnTime: 4,
        notStarted: 1,
        inProgress: 1,
        overdue: 1,
        scoreSum: 150,
        scoreCount: 2,
      }),
    );
    expect(total).toEqual(rolled.root);
    // The stored counters are read, never added into.
    expect(own.get("a")).toEqual(
      counters({ assigned: 2, notStarted: 1, inProgress: 1, overdue: 1 }),
    );
  });

  it("lists a parent before its children, in the given order, with their depth", () => {
    const { rows } = rollUpDepartments(departments, own, null);
    expect(rows.map((row) => [row.name, row.depth])).toEqual([
      ["Root", 0],
      ["A", 1],
      ["A1", 2],
      ["A2", 2],
      ["B", 1],
    ]);
  });

  it("shows a department with no rows with zero counters", () => {
    const { rows } = rollUpDepartments(departments, own, null);
    expect(byId(rows).a2).toEqual(emptyCounters());
  });

  it("rolls a manager's subtree up to its own top, which becomes a root", () => {
    const { rows, total } = rollUpDepartments(departments, own, ["a", "a1", "a2"]);
    expect(rows.map((row) => [row.name, row.depth])).toEqual([
      ["A", 0],
      ["A1", 1],
      ["A2", 1],
    ]);
    expect(total).toEqual(byId(rows).a);
    expect(total.assigned).toBe(6);
  });

  it("totals several roots when the visible departments have no common parent", () => {
    const { rows, total } = rollUpDepartments(departments, own, ["a1", "b"]);
    expect(rows.map((row) => [row.name, row.depth])).toEqual([
      ["A1", 0],
      ["B", 0],
    ]);
    expect(total.assigned).toBe(7);
    expect(total.completed).toBe(5);
  });
});
