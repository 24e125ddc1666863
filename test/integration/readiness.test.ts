import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { ForbiddenError, NotFoundError } from "~/lib/errors";
import type { Principal } from "~/lib/permissions";
import {
  readinessForest,
  rollUp,
  suppress,
  emptyTally,
  type GroupTally,
  type ReadinessReport,
} from "~/modules/initiatives";
import { departmentReadiness, readinessReport } from "~/modules/initiatives/index.server";
import { rebuildProgressStats } from "~/modules/learning/index.server";
import { makeDepartment, makeUser, principalFor } from "../support/factories";
import { publishedCourse } from "../support/learning";
import {
  answer,
  hr,
  makeInitiative,
  makePulse,
  manager,
  salesTree,
  same,
  type Answer,
} from "../support/readiness";

// Readiness (decision 038): the formula on a hand-computed example, evidence from real
// enrolments and participation, the confidentiality floor on every roll-up and view.

async function hrUser() {
  return hr((await makeUser({ role: "HR" })).id);
}

const rowOf = (report: ReadinessReport, departmentId: string) =>
  report.rows.find((row) => row.departmentId === departmentId);

/** Every group a set of views shows, by the departments it covers, with its respondents. */
function shownGroups(reports: ReadinessReport[], subtrees: Map<string, string[]>) {
  const groups = new Map<string, number>();
  for (const report of reports) {
    for (const row of report.rows) {
      if (row.cells)
        groups.set(subtrees.get(row.departmentId)!.sort().join(","), row.cells.respondents);
    }
    if (report.company?.cells) {
      groups.set(
        [...new Set([...subtrees.values()].flat())].sort().join(","),
        report.company.cells.respondents,
      );
    }
  }
  return groups;
}

/**
 * No difference of shown groups reveals fewer than `floor` people: for every shown group,
 * its respondents minus those of any set of disjoint shown groups inside it is 0 or ≥ floor
 * (checked against the largest such set, the shown groups directly inside it).
 */
function expectNoSmallDifference(groups: Map<string, number>, floor: number) {
  const sets = [...groups.entries()].map(([key, count]) => ({
    members: new Set(key.split(",")),
    count,
  }));
  for (const outer of sets) {
    const inside = sets.filter(
      (inner) =>
        inner !== outer &&
        inner.members.size < outer.members.size &&
        [...inner.members].every((id) => outer.members.has(id)),
    );
    // Every subset of the disjoint shown groups inside; with trees these nest, so take maximal ones.
    const maximal = inside.filter(
      (inner) =>
        !inside.some(
          (other) =>
            other !== inner &&
            other.members.size > inner.members.size &&
            [...inner.members].every((id) => other.members.has(id)),
        ),
    );
    for (let mask = 1; mask < 1 << maximal.length; mask++) {
      const covered = maximal
        .filter((_, index) => mask & (1 << index))
        .reduce((sum, g) => sum + g.count, 0);
      const remainder = outer.count - covered;
      expect(
        remainder === 0 || remainder >= floor,
        `remainder ${remainder} of ${[...outer.members]}`,
      ).toBe(true);
    }
  }
}

describe("the readiness formula", () => {
  it("matches a hand-computed example: means 4.2, 2.8, 3.6, 3.1, 2.5 → barrier desire", async () => {
    const viewer = await hrUser();
    const department = await makeDepartment({ name: "Contact centre" });
    const initiative = await makeInitiative([{ departmentId: department.id }], {
      surveyWeight: 60,
    });
    const pulse = await makePulse(initiative.id);
    // Ten answers whose sums are 42, 28, 36, 31 and 25: means 4.2, 2.8, 3.6, 3.1, 2.5.
    const answers: Answer[] = [
      [4, 3, 4, 3, 2],
      [4, 3, 4, 3, 2],
      [4, 3, 4, 3, 2],
      [4, 3, 4, 3, 2],
      [4, 3, 4, 3, 2],
      [4, 3, 4, 3, 3],
      [4, 3, 3, 3, 3],
      [4, 3, 3, 3, 3],
      [5, 2, 3, 3, 3],
      [5, 2, 3, 4, 3],
    ];
    await answer(pulse.id, department.id, answers);
    // Evidence. Ten active people; four enrolled in the required course: two completed
    // (best scores 90 and 70), one in progress (50), one not started. A leaver's completion
    // and a withdrawn enrolment do not count.
    const owner = await principalFor("TRAINER");
    const course = await publishedCourse(owner, 1, 1);
    await getDb().initiativeCourse.create({
      data: { initiativeId: initiative.id, courseId: course.id },
    });
    const version = await getDb().courseVersion.findFirstOrThrow({
      where: { courseId: course.id },
    });
    const people = [];
    for (let i = 0; i < 10; i++) people.push(await makeUser({ departmentId: department.id }));
    const leaver = await makeUser({ departmentId: department.id, active: false });
    const enrol = (
      userId: string,
      status: "NOT_STARTED" | "IN_PROGRESS" | "COMPLETED" | "WITHDRAWN",
      bestScore: number | null,
    ) =>
      getDb().enrolment.create({
        data: {
          userId,
          courseId: course.id,
          versionId: version.id,
          departmentId: department.id,
          status,
          bestScore,
          completedAt: status === "COMPLETED" ? new Date() : null,
        },
      });
    await enrol(people[0]!.id, "COMPLETED", 90);
    await enrol(people[1]!.id, "COMPLETED", 70);
    await enrol(people[2]!.id, "IN_PROGRESS", 50);
    await enrol(people[3]!.id, "NOT_STARTED", null);
    await enrol(people[4]!.id, "WITHDRAWN", 10);
    await enrol(leaver.id, "COMPLETED", 100);
    // Every enrolment write recounts the report counters; rows inserted here are recounted.
    await rebuildProgressStats();
    // Participation in the 90 days before the pulse closes: one idea, two votes, one kudos
    // from the department's ten active people = 0.4 per head → 20.
    const idea = await getDb().idea.create({
      data: {
        title: "Shorter forms",
        problem: "p",
        proposal: "q",
        category: "TOOL",
        authorId: people[0]!.id,
      },
    });
    await getDb().ideaVote.createMany({
      data: [
        { ideaId: idea.id, userId: people[1]!.id },
        { ideaId: idea.id, userId: people[2]!.id },
      ],
    });
    const colleague = await makeUser();
    await getDb().kudos.create({
      data: {
        fromId: people[3]!.id,
        toId: colleague.id,
        fromDepartmentId: department.id,
        toDepartmentId: colleague.departmentId,
        message: "Thanks",
        points: 5,
        submitKey: randomUUID(),
      },
    });
    // Old participation (before the window) does not count.
    await getDb().kudos.create({
      data: {
        fromId: people[4]!.id,
        toId: colleague.id,
        fromDepartmentId: department.id,
        message: "Long ago",
        points: 5,
        submitKey: randomUUID(),
        createdAt: new Date(Date.now() - 200 * 86_400_000),
      },
    });

    const report = await readinessReport(viewer, initiative.id, {});
    const cells = rowOf(report, department.id)!.cells!;
    expect(cells.respondents).toBe(10);
    expect(cells.responseRate).toBeCloseTo(100, 9);
    expect(cells.means.awareness).toBeCloseTo(4.2, 9);
    expect(cells.means.desire).toBeCloseTo(2.8, 9);
    expect(cells.means.knowledge).toBeCloseTo(3.6, 9);
    expect(cells.means.ability).toBeCloseTo(3.1, 9);
    expect(cells.means.reinforcement).toBeCloseTo(2.5, 9);
    expect(cells.barrier).toBe("desire");
    expect(cells.bands).toEqual({
      awareness: "strong",
      desire: "barrier",
      knowledge: "watch",
      ability: "watch",
      reinforcement: "barrier",
    });
    // Survey scores 25 × (mean − 1): 80, 45, 65, 52.5, 37.5.
    expect(cells.survey.awareness).toBeCloseTo(80, 9);
    expect(cells.survey.ability).toBeCloseTo(52.5, 9);
    // Evidence: completion 2 / 4 = 50 %, quiz (90 + 70 + 50) / 3 = 70, participation 20.
    expect(cells.evidence.knowledge).toBeCloseTo(50, 9);
    expect(cells.evidence.ability).toBeCloseTo(70, 9);
    expect(cells.evidence.reinforcement).toBeCloseTo(20, 9);
    // Blends at 60 % survey: 0.6 × 65 + 0.4 × 50 = 59; 0.6 × 52.5 + 0.4 × 70 = 59.5;
    // 0.6 × 37.5 + 0.4 × 20 = 30.5.
    expect(cells.scores.awareness).toBeCloseTo(80, 9);
    expect(cells.scores.desire).toBeCloseTo(45, 9);
    expect(cells.scores.knowledge).toBeCloseTo(59, 9);
    expect(cells.scores.ability).toBeCloseTo(59.5, 9);
    expect(cells.scores.reinforcement).toBeCloseTo(30.5, 9);
    // (80 + 45 + 59 + 59.5 + 30.5) / 5 = 54.8; geometric (80·45·59·59.5·30.5)^(1/5) ≈ 52.1428.
    expect(cells.readiness).toBeCloseTo(54.8, 9);
    expect(cells.geometric).toBeCloseTo(52.1428, 3);
    expect(cells.disagreements).toEqual([]);
    expect(report.company?.cells?.readiness).toBeCloseTo(54.8, 9);

    const detail = await departmentReadiness(viewer, initiative.id, department.id, {});
    if (!detail.shown) throw new Error("expected the department to show");
    expect(detail.barrierShares.find((share) => share.barrier === "desire")!.share).toBe(1);
    expect(detail.courses).toEqual([
      expect.objectContaining({
        courseId: course.id,
        enrolled: 4,
        completed: 2,
        completionPct: 50,
        quizMean: 70,
      }),
    ]);
    expect(detail.participation).toMatchObject({ ideas: 1, votes: 2, kudos: 1, headcount: 10 });
    expect(detail.participation.perHead).toBeCloseTo(0.4, 9);
    const steps = detail.nextSteps.map((step) => [step.element, step.barrierPoint]);
    expect(steps).toEqual([
      ["desire", true],
      ["reinforcement", false],
    ]);
    expect(detail.nextSteps[0]!.links.map((link) => link.href)).toEqual([
      "/rewards/kudos",
      "/ideas",
    ]);
  });

  it("flags a knowledge survey of 4 or more beside completion under 50 %", async () => {
    const viewer = await hrUser();
    const department = await makeDepartment();
    const initiative = await makeInitiative([{ departmentId: department.id }]);
    const pulse = await makePulse(initiative.id);
    await answer(pulse.id, department.id, same(5, [4, 4, 4, 4, 4]));
    const owner = await principalFor("TRAINER");
    const course = await publishedCourse(owner, 1, 0);
    await getDb().initiativeCourse.create({
      data: { initiativeId: initiative.id, courseId: course.id },
    });
    const version = await getDb().courseVersion.findFirstOrThrow({
      where: { courseId: course.id },
    });
    for (let i = 0; i < 5; i++) {
      const person = await makeUser({ departmentId: department.id });
      await getDb().enrolment.create({
        data: {
          userId: person.id,
          courseId: course.id,
          versionId: version.id,
          departmentId: department.id,
          status: i === 0 ? "COMPLETED" : "NOT_STARTED",
          completedAt: i === 0 ? new Date() : null,
        },
      });
    }
    await rebuildProgressStats();
    const cells = rowOf(await readinessReport(viewer, initiative.id, {}), department.id)!.cells!;
    expect(cells.evidence.knowledge).toBeCloseTo(20, 9);
    // Knowledge 75 beside 20 % completion, and reinforcement 75 beside no participation (0).
    expect(cells.disagreements).toEqual([
      { element: "knowledge", survey: 75, evidence: 20 },
      { element: "reinforcement", survey: 75, evidence: 0 },
    ]);
    // Without evidence (no ideas, votes or kudos, but heads): reinforcement blends with 0.
    expect(cells.evidence.reinforcement).toBe(0);
    expect(cells.evidence.ability).toBeNull();
    expect(cells.scores.ability).toBe(75);
  });
});

describe("the confidentiality floor", () => {
  async function setting() {
    const tree = await salesTree();
    const initiative = await makeInitiative([
      { departmentId: tree.sales.id },
      { departmentId: tree.support.id },
    ]);
    const pulse = await makePulse(initiative.id);
    const subtrees = new Map([
      [tree.sales.id, [tree.sales.id, tree.north.id, tree.south.id]],
      [tree.north.id, [tree.north.id]],
      [tree.south.id, [tree.south.id]],
      [tree.support.id, [tree.support.id]],
    ]);
    return { ...tree, initiative, pulse, subtrees };
  }

  it("hides a group under the floor, a parent that would reveal it by subtraction, and the company", async () => {
    const { sales, north, south, support, initiative, pulse, subtrees } = await setting();
    await answer(pulse.id, north.id, same(5), ["b", "a", "c", "", ""]);
    await answer(pulse.id, south.id, same(1, [1, 1, 1, 1, 1]), ["mine"]);
    await answer(pulse.id, support.id, same(5));
    const viewer = await hrUser();
    const boss = manager((await makeUser({ role: "MANAGER" })).id, [sales.id, north.id, south.id]);
    const views = [
      await readinessReport(viewer, initiative.id, {}),
      await readinessReport(viewer, initiative.id, { departmentId: sales.id }),
      await readinessReport(viewer, initiative.id, { departmentId: south.id }),
      await readinessReport(viewer, initiative.id, { pulseId: pulse.id, departmentId: north.id }),
      await readinessReport(boss, initiative.id, {}),
    ];
    for (const view of views) {
      // Sales (6) minus North (5) would be South's one answer: Sales does not show; South
      // (1) does not; the company (11) minus North and Support (10) would be one: hidden.
      expect(rowOf(view, sales.id)?.cells ?? null).toBeNull();
      expect(rowOf(view, south.id)?.cells ?? null).toBeNull();
      expect(view.company?.cells ?? null).toBeNull();
    }
    expect(rowOf(views[0]!, north.id)!.cells!.respondents).toBe(5);
    expect(rowOf(views[4]!, north.id)!.cells!.respondents).toBe(5);
    expect(rowOf(views[0]!, support.id)!.cells!.respondents).toBe(5);
    // The hidden rows carry no numbers at all, not even their respondents.
    const hidden = rowOf(views[0]!, south.id)!;
    expect(Object.keys(hidden).sort()).toEqual(
      ["cells", "departmentId", "depth", "hasChildren", "name"].sort(),
    );
    expect(JSON.stringify(views[0]!.rows.filter((row) => !row.cells))).not.toMatch(
      /respondents|"1"|means/,
    );
    // The trend hides them too.
    expect(views[0]!.trend.find((series) => series.key === sales.id)!.values).toEqual([null]);
    expect(views[0]!.trend.find((series) => series.key === "company")!.values).toEqual([null]);
    expectNoSmallDifference(shownGroups(views, subtrees), 5);

    // The drill-down of a hidden group says nothing but its name; its comments stay hidden.
    const southDetail = await departmentReadiness(viewer, initiative.id, south.id, {});
    expect(southDetail.shown).toBe(false);
    expect(JSON.stringify(southDetail)).not.toContain("mine");
    const salesDetail = await departmentReadiness(viewer, initiative.id, sales.id, {});
    expect(salesDetail.shown).toBe(false);
    // A shown group's comments: without names, sorted by text, empty ones left out.
    const northDetail = await departmentReadiness(viewer, initiative.id, north.id, {});
    if (!northDetail.shown) throw new Error("North should show");
    expect(northDetail.comments.items).toEqual(["a", "b", "c"]);

    // Four more answers in South: everything reaches the floor and nothing is left over small.
    await answer(pulse.id, south.id, same(4, [2, 2, 2, 2, 2]));
    const after = await readinessReport(viewer, initiative.id, {});
    expect(rowOf(after, sales.id)!.cells!.respondents).toBe(10);
    expect(rowOf(after, south.id)!.cells!.respondents).toBe(5);
    expect(after.company!.cells!.respondents).toBe(15);
    expectNoSmallDifference(shownGroups([after], subtrees), 5);
  });

  it("hides a parent whose remainder is small even when the small part is a grandchild away", async () => {
    // Pure check of secondary suppression: G → P → A; A 5 shown, P 6 (own 1) hidden, G = P.
    const tally = (respondents: number): GroupTally => ({ ...emptyTally(), respondents });
    const forest = readinessForest(
      [
        { id: "G", parentId: null },
        { id: "P", parentId: "G" },
        { id: "A", parentId: "P" },
        { id: "B", parentId: null },
      ],
      ["G", "P", "A", "B"],
    );
    const rollup = rollUp(
      forest,
      new Map([
        ["P", tally(1)],
        ["A", tally(5)],
        ["B", tally(7)],
      ]),
    );
    const result = suppress(rollup, 5);
    expect([...result.shown].sort()).toEqual(["A", "B"]);
    // The company (13) minus A and B (12) is one person: hidden.
    expect(result.company).toBe(false);
    // With G's own 4 answers, G − A = 5: G shows, P (6, remainder 1) still does not.
    const more = suppress(
      rollUp(
        forest,
        new Map([
          ["G", tally(4)],
          ["P", tally(1)],
          ["A", tally(5)],
          ["B", tally(7)],
        ]),
      ),
      5,
    );
    expect([...more.shown].sort()).toEqual(["A", "B", "G"]);
    expect(more.company).toBe(true);
  });

  it("lets HR raise the floor, and never applies one below 3", async () => {
    const { north, south, initiative, pulse } = await setting();
    await answer(pulse.id, north.id, same(5));
    await answer(pulse.id, south.id, same(3));
    const viewer = await hrUser();
    const before = await readinessReport(viewer, initiative.id, {});
    expect(before.initiative.floor).toBe(5);
    expect(rowOf(before, north.id)!.cells).not.toBeNull();
    await getDb().initiative.update({ where: { id: initiative.id }, data: { minRespondents: 6 } });
    const raised = await readinessReport(viewer, initiative.id, {});
    expect(raised.initiative.floor).toBe(6);
    expect(raised.rows.every((row) => row.cells === null || row.cells.respondents >= 6)).toBe(true);
    expect(rowOf(raised, north.id)!.cells).toBeNull();
    await getDb().initiative.update({ where: { id: initiative.id }, data: { minRespondents: 1 } });
    const lowest = await readinessReport(viewer, initiative.id, {});
    expect(lowest.initiative.floor).toBe(3);
    expect(rowOf(lowest, south.id)!.cells!.respondents).toBe(3);
  });
});

describe("who sees readiness", () => {
  it("shows a manager their tree only, with the same cells as HR; 404 outside it; 403 for staff", async () => {
    const { sales, north, south, support } = await salesTree();
    const initiative = await makeInitiative([
      { departmentId: sales.id },
      { departmentId: support.id },
    ]);
    const pulse = await makePulse(initiative.id);
    await answer(pulse.id, north.id, same(6));
    await answer(pulse.id, south.id, same(5));
    await answer(pulse.id, support.id, same(7));
    const viewer = await hrUser();
    const northManager = manager((await makeUser({ role: "MANAGER", manages: [north.id] })).id, [
      north.id,
    ]);
    const mine = await readinessReport(northManager, initiative.id, {});
    expect(mine.rows.map((row) => row.departmentId)).toEqual([north.id]);
    expect(mine.rows[0]!.depth).toBe(0);
    expect(mine.company).toBeNull();
    expect(mine.departments.map((d) => d.id)).toEqual([north.id]);
    expect(mine.trend.map((series) => series.key)).toEqual([north.id]);
    const all = await readinessReport(viewer, initiative.id, {});
    expect(mine.rows[0]!.cells).toEqual(rowOf(all, north.id)!.cells);
    expect(all.rows.map((row) => [row.name, row.depth])).toEqual([
      ["Sales", 0],
      ["Sales North", 1],
      ["Sales South", 1],
      ["Support", 0],
    ]);
    await expect(
      readinessReport(northManager, initiative.id, { departmentId: support.id }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      departmentReadiness(northManager, initiative.id, sales.id, {}),
    ).rejects.toBeInstanceOf(NotFoundError);
    const outsider: Principal = manager((await makeUser({ role: "MANAGER" })).id, [
      (await makeDepartment()).id,
    ]);
    await expect(readinessReport(outsider, initiative.id, {})).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const employee: Principal = {
      id: (await makeUser()).id,
      role: "EMPLOYEE",
      scopeDepartmentIds: [],
    };
    await expect(readinessReport(employee, initiative.id, {})).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(readinessReport(viewer, "missing", {})).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      readinessReport(viewer, initiative.id, { pulseId: "missing" }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("defaults to the latest pulse with answers and trends every pulse", async () => {
    const department = await makeDepartment();
    const initiative = await makeInitiative([{ departmentId: department.id }]);
    const first = await makePulse(initiative.id, {
      title: "First",
      opensOn: new Date("2026-09-01T00:00:00Z"),
      closesOn: new Date("2026-09-15T00:00:00Z"),
    });
    const second = await makePulse(initiative.id, {
      title: "Second",
      opensOn: new Date("2026-10-01T00:00:00Z"),
      closesOn: new Date("2026-10-15T00:00:00Z"),
    });
    await makePulse(initiative.id, {
      title: "Unanswered",
      opensOn: new Date("2026-11-25T00:00:00Z"),
    });
    await answer(first.id, department.id, same(5, [2, 2, 2, 2, 2]));
    await answer(second.id, department.id, same(5, [4, 4, 4, 4, 4]));
    const viewer = await hrUser();
    const report = await readinessReport(viewer, initiative.id, {});
    expect(report.pulseId).toBe(second.id);
    expect(report.pulses.map((pulse) => [pulse.title, pulse.hasAnswers])).toEqual([
      ["First", true],
      ["Second", true],
      ["Unanswered", false],
    ]);
    const values = report.trend.find((series) => series.key === department.id)!.values;
    expect(values[0]).toBeLessThan(values[1]!);
    expect(values[2]).toBeNull();
    const older = await readinessReport(viewer, initiative.id, { pulseId: first.id });
    expect(rowOf(older, department.id)!.cells!.means.awareness).toBe(2);
  });
});
