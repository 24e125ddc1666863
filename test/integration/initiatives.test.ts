import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { ConflictError, ValidationError } from "~/lib/errors";
import type { Principal } from "~/lib/permissions";
import { AWARDABLE_BADGES } from "~/modules/incentives";
import { ensureBadgeRules } from "~/modules/incentives/index.server";
import { auditQuerySchema } from "~/modules/audit";
import { listAuditEvents } from "~/modules/audit/index.server";
import { DEFAULT_PHASE_NAMES, phasesSchema } from "~/modules/initiatives";
import {
  addRequiredCourse,
  createInitiative,
  initiativeOverview,
  listInitiatives,
  removeRequiredCourse,
  setPhases,
  setTargets,
  syncCourseRules,
} from "~/modules/initiatives/index.server";
import { getPlayer, markLessonDone } from "~/modules/learning/index.server";
import { makeDepartment, makeUser, principalFor } from "../support/factories";
import { publishedCourse } from "../support/learning";

// Initiatives (decision 040): the template, phases that never overlap, the revision check,
// required courses enrolled through exactly one learning rule per target department (also
// under races and after a crash), manager scope and the initiative badge.

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

async function newInitiative(hr: Principal, startDate = "2026-01-15") {
  return createInitiative(hr, {
    name: "Customer satisfaction",
    goal: "Answer faster",
    ownerId: hr.id,
    status: "ACTIVE",
    startDate: day(startDate),
  });
}

const activeRules = (courseId: string) =>
  getDb().assignmentRule.findMany({
    where: { courseId, removedAt: null },
    orderBy: { departmentId: "asc" },
  });

const phasesOf = (initiativeId: string) =>
  getDb().initiativePhase.findMany({ where: { initiativeId }, orderBy: { position: "asc" } });

const phaseForm = (phases: { id?: string; name: string; startsOn: string; endsOn: string }[]) =>
  phases.map((p) => ({
    id: p.id ?? "",
    name: p.name,
    storedName: "",
    startsOn: p.startsOn,
    endsOn: p.endsOn,
  }));

describe("initiatives", () => {
  it("creates an initiative with the three template phases of three months each, once per submission", async () => {
    const hr = await principalFor("HR");
    const input = {
      name: "Template",
      goal: "",
      ownerId: hr.id,
      status: "PLANNED" as const,
      startDate: day("2026-01-15"),
    };
    const [a, b] = await Promise.all([
      createInitiative(hr, input, { submissionKey: "same" }),
      createInitiative(hr, input, { submissionKey: "same" }),
    ]);
    expect(a.id).toBe(b.id);
    const phases = await phasesOf(a.id);
    expect(phases.map((p) => [p.name, p.startsOn, p.endsOn])).toEqual([
      [DEFAULT_PHASE_NAMES[0], day("2026-01-15"), day("2026-04-14")],
      [DEFAULT_PHASE_NAMES[1], day("2026-04-15"), day("2026-07-14")],
      [DEFAULT_PHASE_NAMES[2], day("2026-07-15"), day("2026-10-14")],
    ]);
    expect(
      await getDb().auditEvent.count({ where: { action: "initiative.create", subjectId: a.id } }),
    ).toBe(1);
  });

  it("refuses overlapping phases with the error on the phase, and writes nothing", async () => {
    const hr = await principalFor("HR");
    const initiative = await newInitiative(hr);
    const before = await phasesOf(initiative.id);
    const parsed = phasesSchema.safeParse({
      revision: 0,
      phases: phaseForm([
        { id: before[0]!.id, name: "A", startsOn: "2026-01-15", endsOn: "2026-05-01" },
        { id: before[1]!.id, name: "B", startsOn: "2026-04-15", endsOn: "2026-07-14" },
        { id: before[2]!.id, name: "C", startsOn: "2026-07-15", endsOn: "2026-07-01" },
      ]),
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["phases.1.startsOn", "initiatives.phases.overlaps"],
      ["phases.2.endsOn", "initiatives.phases.endsBeforeStart"],
    ]);
    expect(await phasesOf(initiative.id)).toEqual(before);
  });

  it("renames, reorders, resizes, adds and removes phases; keeps an unrenamed template key", async () => {
    const hr = await principalFor("HR");
    const initiative = await newInitiative(hr);
    const [first, second] = await phasesOf(initiative.id);
    const input = phasesSchema.parse({
      revision: 0,
      phases: [
        {
          id: first!.id,
          name: "Analysis and design",
          storedName: first!.name,
          startsOn: "2026-01-15",
          endsOn: "2026-02-28",
        },
        { id: "", name: "Pilot", storedName: "", startsOn: "2026-03-01", endsOn: "2026-03-31" },
        {
          id: second!.id,
          name: "Go live",
          storedName: second!.name,
          startsOn: "2026-04-01",
          endsOn: "2026-08-31",
        },
      ],
    });
    await setPhases(hr, initiative.id, input);
    const after = await phasesOf(initiative.id);
    expect(after.map((p) => [p.name, p.startsOn, p.endsOn])).toEqual([
      [DEFAULT_PHASE_NAMES[0], day("2026-01-15"), day("2026-02-28")],
      ["Pilot", day("2026-03-01"), day("2026-03-31")],
      ["Go live", day("2026-04-01"), day("2026-08-31")],
    ]);
    // The form opened at revision 0 is stale now: refused, nothing written.
    await expect(setPhases(hr, initiative.id, input)).rejects.toBeInstanceOf(ConflictError);
    expect(await phasesOf(initiative.id)).toEqual(after);
  });

  it("refuses to remove a phase that has pulses", async () => {
    const hr = await principalFor("HR");
    const initiative = await newInitiative(hr);
    const phases = await phasesOf(initiative.id);
    await getDb().pulse.create({
      data: {
        initiativeId: initiative.id,
        phaseId: phases[2]!.id,
        title: "Pulse",
        opensOn: day("2026-08-01"),
        closesOn: day("2026-08-15"),
        statements: "{}",
      },
    });
    const input = phasesSchema.parse({
      revision: 0,
      phases: phases.slice(0, 2).map((p) => ({
        id: p.id,
        name: "x",
        startsOn: p.startsOn.toISOString().slice(0, 10),
        endsOn: p.endsOn.toISOString().slice(0, 10),
      })),
    });
    const error = await setPhases(hr, initiative.id, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({
      phases: "initiatives.errors.phaseHasPulses",
    });
    expect(await phasesOf(initiative.id)).toEqual(phases);
  });

  it("creates one DEPARTMENT rule per target for a required course, due at the rollout's end, and follows target changes", async () => {
    const hr = await principalFor("HR");
    const [sales, support, other] = [
      await makeDepartment(),
      await makeDepartment(),
      await makeDepartment(),
    ];
    const initiative = await newInitiative(hr);
    await setTargets(hr, initiative.id, {
      revision: 0,
      targets: [
        { departmentId: sales.id, includeSubDepartments: true },
        { departmentId: support.id, includeSubDepartments: false },
      ],
    });
    const course = await publishedCourse(await principalFor("TRAINER"), 1, 0);
    const dated = await publishedCourse(await principalFor("TRAINER"), 1, 0);
    expect(
      await addRequiredCourse(hr, initiative.id, { courseId: course.id, dueDate: null }),
    ).toEqual({ added: true });
    expect(
      await addRequiredCourse(hr, initiative.id, { courseId: course.id, dueDate: null }),
    ).toEqual({ added: false });
    await addRequiredCourse(hr, initiative.id, { courseId: dated.id, dueDate: day("2026-03-31") });
    const rules = await activeRules(course.id);
    expect(
      rules.map((r) => [r.targetType, r.departmentId, r.includeSubDepartments]).sort(),
    ).toEqual(
      [
        ["DEPARTMENT", sales.id, true],
        ["DEPARTMENT", support.id, false],
      ].sort(),
    );
    expect(rules.every((r) => r.dueDate?.toISOString().slice(0, 10) === "2026-07-14")).toBe(true);
    expect((await activeRules(dated.id)).map((r) => r.dueDate?.toISOString().slice(0, 10))).toEqual(
      ["2026-03-31", "2026-03-31"],
    );
    expect(
      await getDb().initiativeCourseRule.count({ where: { initiativeId: initiative.id } }),
    ).toBe(4);

    // Targets change: support goes, other comes, sales now without its sub-departments.
    await setTargets(hr, initiative.id, {
      revision: 1,
      targets: [
        { departmentId: sales.id, includeSubDepartments: false },
        { departmentId: other.id, includeSubDepartments: true },
      ],
    });
    const now = await activeRules(course.id);
    expect(now.map((r) => [r.departmentId, r.includeSubDepartments]).sort()).toEqual(
      [
        [sales.id, false],
        [other.id, true],
      ].sort(),
    );
    const records = await getDb().initiativeCourseRule.findMany({
      where: { initiativeId: initiative.id, courseId: course.id },
    });
    expect(records.map((r) => r.ruleId).sort()).toEqual(now.map((r) => r.id).sort());

    // Removing the course removes its rules.
    await removeRequiredCourse(hr, initiative.id, course.id);
    expect(await activeRules(course.id)).toEqual([]);
    expect(await getDb().initiativeCourse.count({ where: { initiativeId: initiative.id } })).toBe(
      1,
    );
    expect(
      await getDb().auditEvent.count({
        where: { subjectId: initiative.id, action: { startsWith: "initiative.course" } },
      }),
    ).toBeGreaterThanOrEqual(6);
  });

  it("50 parallel adds of one course (by two HR users) give one required course and one rule per department", async () => {
    const [hr, otherHr] = [await principalFor("HR"), await principalFor("HR")];
    const departments = [await makeDepartment(), await makeDepartment(), await makeDepartment()];
    const initiative = await newInitiative(hr);
    await setTargets(hr, initiative.id, {
      revision: 0,
      targets: departments.map((d) => ({ departmentId: d.id, includeSubDepartments: true })),
    });
    const course = await publishedCourse(await principalFor("TRAINER"), 1, 0);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        addRequiredCourse(i % 2 ? otherHr : hr, initiative.id, {
          courseId: course.id,
          dueDate: null,
        }),
      ),
    );
    expect(results.filter((r) => r.added)).toHaveLength(1);
    expect(await getDb().initiativeCourse.count({ where: { courseId: course.id } })).toBe(1);
    const rules = await activeRules(course.id);
    expect(rules.map((r) => r.departmentId).sort()).toEqual(departments.map((d) => d.id).sort());
    const records = await getDb().initiativeCourseRule.findMany({ where: { courseId: course.id } });
    expect(records.map((r) => r.ruleId).sort()).toEqual(rules.map((r) => r.id).sort());
  });

  it("heals missing rules: a crash after the course row, or a rule removed elsewhere, is mended by the next sync", async () => {
    const hr = await principalFor("HR");
    const department = await makeDepartment();
    const initiative = await newInitiative(hr);
    await setTargets(hr, initiative.id, {
      revision: 0,
      targets: [{ departmentId: department.id, includeSubDepartments: true }],
    });
    const course = await publishedCourse(await principalFor("TRAINER"), 1, 0);
    // As if the process stopped right after writing the required course.
    await getDb().initiativeCourse.create({
      data: { initiativeId: initiative.id, courseId: course.id },
    });
    expect(await activeRules(course.id)).toEqual([]);
    await syncCourseRules(hr, initiative.id);
    await syncCourseRules(hr, initiative.id);
    const [rule] = await activeRules(course.id);
    expect(rule).toBeDefined();
    expect(await activeRules(course.id)).toHaveLength(1);
    await getDb().assignmentRule.update({
      where: { id: rule!.id },
      data: { removedAt: new Date(), activeKey: null },
    });
    await syncCourseRules(hr, initiative.id);
    const healed = await activeRules(course.id);
    expect(healed).toHaveLength(1);
    expect(healed[0]!.id).not.toBe(rule!.id);
  });

  it("keeps the rules of a required course that was unpublished, and creates none for new targets", async () => {
    const hr = await principalFor("HR");
    const [first, second] = [await makeDepartment(), await makeDepartment()];
    const initiative = await newInitiative(hr);
    await setTargets(hr, initiative.id, {
      revision: 0,
      targets: [{ departmentId: first.id, includeSubDepartments: true }],
    });
    const course = await publishedCourse(await principalFor("TRAINER"), 1, 0);
    await addRequiredCourse(hr, initiative.id, { courseId: course.id, dueDate: null });
    await getDb().course.update({ where: { id: course.id }, data: { status: "ARCHIVED" } });
    await setTargets(hr, initiative.id, {
      revision: 1,
      targets: [
        { departmentId: first.id, includeSubDepartments: true },
        { departmentId: second.id, includeSubDepartments: true },
      ],
    });
    expect((await activeRules(course.id)).map((r) => r.departmentId)).toEqual([first.id]);
    await expect(
      addRequiredCourse(hr, initiative.id, {
        courseId: (await publishedCourse(await principalFor("TRAINER"), 1, 0)).id.replace(/./, "x"),
        dueDate: null,
      }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it("shows a manager only initiatives reaching their tree; HR sees all; employees are refused", async () => {
    const hr = await principalFor("HR");
    const parent = await makeDepartment();
    const child = await makeDepartment({ parentId: parent.id });
    const elsewhere = await makeDepartment();
    const reaching = await newInitiative(hr);
    await setTargets(hr, reaching.id, {
      revision: 0,
      targets: [{ departmentId: parent.id, includeSubDepartments: true }],
    });
    const outside = await newInitiative(hr);
    await setTargets(hr, outside.id, {
      revision: 0,
      targets: [{ departmentId: elsewhere.id, includeSubDepartments: true }],
    });
    const manager = await makeUser({
      role: "MANAGER",
      departmentId: child.id,
      manages: [child.id],
    });
    const principal: Principal = {
      id: manager.id,
      role: "MANAGER",
      scopeDepartmentIds: [child.id],
    };
    const seen = await listInitiatives(principal, { page: 1, status: "", q: "" });
    expect(seen.initiatives.map((i) => i.id)).toEqual([reaching.id]);
    const all = await listInitiatives(hr, { page: 1, status: "", q: "" });
    expect(all.initiatives.map((i) => i.id)).toEqual(
      expect.arrayContaining([reaching.id, outside.id]),
    );
    await expect(
      listInitiatives(await principalFor("EMPLOYEE"), { page: 1, status: "", q: "" }),
    ).rejects.toThrow();
    const overview = await initiativeOverview(principal, reaching.id);
    expect(overview.phases).toHaveLength(3);
    expect(overview.targets.map((t) => t.departmentId)).toEqual([parent.id]);
  });

  it("awards the initiative badge when the last required course of an initiative reaching the person is completed", async () => {
    await getDb().badgeRule.deleteMany();
    await getDb().badgeRule.createMany({
      data: AWARDABLE_BADGES.map((key) => ({ key, active: true })),
    });
    const hr = await principalFor("HR");
    const department = await makeDepartment();
    const learner = await makeUser({ departmentId: department.id });
    const initiative = await newInitiative(hr);
    await setTargets(hr, initiative.id, {
      revision: 0,
      targets: [{ departmentId: department.id, includeSubDepartments: true }],
    });
    const trainer = await principalFor("TRAINER");
    const [first, second] = [
      await publishedCourse(trainer, 1, 0),
      await publishedCourse(trainer, 1, 0),
    ];
    await addRequiredCourse(hr, initiative.id, { courseId: first.id, dueDate: null });
    await addRequiredCourse(hr, initiative.id, { courseId: second.id, dueDate: null });
    const badge = () =>
      getDb().badgeAward.count({ where: { userId: learner.id, badgeKey: "INITIATIVE_COURSES" } });
    const complete = async (courseId: string) => {
      const player = await getPlayer(learner.id, courseId);
      for (const lesson of player.lessons) await markLessonDone(learner.id, courseId, lesson.id);
    };
    await complete(first.id);
    expect(await badge()).toBe(0);
    await complete(second.id);
    expect(await badge()).toBe(1);
  });

  it("awards the initiative badge, switched on later, to those who had already finished an initiative's courses, once", async () => {
    await getDb().badgeRule.deleteMany();
    await getDb().badgeRule.createMany({
      data: AWARDABLE_BADGES.filter((key) => key !== "INITIATIVE_COURSES").map((key) => ({
        key,
        active: true,
      })),
    });
    const hr = await principalFor("HR");
    const department = await makeDepartment();
    const [finisher, halfway] = [
      await makeUser({ departmentId: department.id }),
      await makeUser({ departmentId: department.id }),
    ];
    const initiative = await newInitiative(hr);
    await setTargets(hr, initiative.id, {
      revision: 0,
      targets: [{ departmentId: department.id, includeSubDepartments: true }],
    });
    const trainer = await principalFor("TRAINER");
    const [first, second] = [
      await publishedCourse(trainer, 1, 0),
      await publishedCourse(trainer, 1, 0),
    ];
    await addRequiredCourse(hr, initiative.id, { courseId: first.id, dueDate: null });
    await addRequiredCourse(hr, initiative.id, { courseId: second.id, dueDate: null });
    const complete = async (userId: string, courseId: string) => {
      const player = await getPlayer(userId, courseId);
      for (const lesson of player.lessons) await markLessonDone(userId, courseId, lesson.id);
    };
    await complete(finisher.id, first.id);
    await complete(finisher.id, second.id);
    await complete(halfway.id, first.id);
    const holders = async () =>
      (
        await getDb().badgeAward.findMany({
          where: { badgeKey: "INITIATIVE_COURSES", userId: { in: [finisher.id, halfway.id] } },
          select: { userId: true },
        })
      ).map((row) => row.userId);
    // Off while they finished: nobody holds it; switched on, the finisher gets it, once.
    expect(await holders()).toEqual([]);
    await ensureBadgeRules();
    expect(await holders()).toEqual([finisher.id]);
    await ensureBadgeRules();
    expect(await holders()).toEqual([finisher.id]);
  });

  it("leaves audit entries the audit log can read back (details are objects)", async () => {
    const hr = await principalFor("HR");
    const department = await makeDepartment();
    const initiative = await newInitiative(hr);
    await setTargets(hr, initiative.id, {
      revision: 0,
      targets: [{ departmentId: department.id, includeSubDepartments: true }],
    });
    const stored = await getDb().initiativePhase.findMany({
      where: { initiativeId: initiative.id },
      orderBy: { position: "asc" },
    });
    await setPhases(hr, initiative.id, {
      revision: 1,
      phases: stored.map((phase) => ({
        id: phase.id,
        name: "Renamed",
        storedName: phase.name,
        startsOn: phase.startsOn,
        endsOn: phase.endsOn,
      })),
    });
    const page = await listAuditEvents(auditQuerySchema.parse({}));
    const actions = page.events.map((event) => event.action);
    expect(actions).toEqual(expect.arrayContaining(["initiative.targets", "initiative.phases"]));
  });
});
