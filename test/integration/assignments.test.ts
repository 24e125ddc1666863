import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { ForbiddenError } from "~/lib/errors";
import {
  applyAllRules,
  applyRule,
  createRule,
  removeRule,
  syncUserEnrolments,
} from "~/modules/learning/index.server";
import { makeDepartment, makeUser, principalFor } from "../support/factories";
import { openEnrolments, publishedCourse, ruleForm } from "../support/learning";

const DAY = 24 * 3600 * 1000;

describe("assignment rules", () => {
  it("covers a department with or without its sub-departments", async () => {
    const hr = await principalFor("HR");
    const trainer = await principalFor("TRAINER");
    const course = await publishedCourse(trainer);
    const top = await makeDepartment();
    const child = await makeDepartment({ parentId: top.id });
    const grandchild = await makeDepartment({ parentId: child.id });
    const a = await makeUser({ departmentId: top.id });
    const b = await makeUser({ departmentId: grandchild.id });
    await makeUser(); // elsewhere
    await makeUser({ departmentId: top.id, active: false });
    await createRule(
      hr,
      ruleForm(course.id, {
        targetType: "DEPARTMENT",
        departmentId: top.id,
        includeSubDepartments: "",
      }),
    );
    expect((await openEnrolments(course.id)).map((e) => e.userId)).toEqual([a.id]);
    await createRule(hr, ruleForm(course.id, { targetType: "DEPARTMENT", departmentId: top.id }));
    expect((await openEnrolments(course.id)).map((e) => e.userId).sort()).toEqual(
      [a.id, b.id].sort(),
    );
  });

  it("covers a role, a job title (any case) and named people", async () => {
    const hr = await principalFor("HR");
    const trainer = await principalFor("TRAINER");
    const course = await publishedCourse(trainer);
    const manager = await makeUser({ role: "MANAGER" });
    await createRule(hr, ruleForm(course.id, { targetType: "ROLE", role: "MANAGER" }));
    const byRole = (await openEnrolments(course.id)).map((e) => e.userId);
    expect(byRole).toContain(manager.id);
    const roles = await getDb().user.findMany({
      where: { id: { in: byRole } },
      select: { role: true },
    });
    expect(new Set(roles.map((r) => r.role))).toEqual(new Set(["MANAGER"]));

    const course2 = await publishedCourse(trainer);
    const agent = await makeUser();
    await getDb().user.update({
      where: { id: agent.id },
      data: { jobTitle: "Complaints Handler" },
    });
    await createRule(
      hr,
      ruleForm(course2.id, { targetType: "JOB_TITLE", jobTitle: "complaints handler " }),
    );
    expect((await openEnrolments(course2.id)).map((e) => e.userId)).toEqual([agent.id]);

    const course3 = await publishedCourse(trainer);
    const x = await makeUser();
    const y = await makeUser();
    await createRule(
      hr,
      ruleForm(course3.id, { targetType: "PEOPLE", userIds: `${x.id},${y.id}` }),
    );
    expect((await openEnrolments(course3.id)).map((e) => e.userId).sort()).toEqual(
      [x.id, y.id].sort(),
    );
  });

  it("is idempotent, and two matching rules give one open enrolment with the earliest due date", async () => {
    const hr = await principalFor("HR");
    const trainer = await principalFor("TRAINER");
    const course = await publishedCourse(trainer);
    const dept = await makeDepartment();
    const person = await makeUser({ departmentId: dept.id });
    const now = new Date("2026-06-01T00:00:00Z");
    const late = await createRule(
      hr,
      ruleForm(course.id, { targetType: "DEPARTMENT", departmentId: dept.id, dueDays: "60" }),
      now,
    );
    const early = await createRule(
      hr,
      ruleForm(course.id, { targetType: "PEOPLE", userIds: person.id, dueDays: "10" }),
      now,
    );
    await applyRule(late.rule.id, now);
    await applyRule(early.rule.id, now);
    await applyAllRules(now);
    await syncUserEnrolments(person.id, now);
    const mine = await getDb().enrolment.findMany({
      where: { userId: person.id, courseId: course.id },
      include: { sources: true },
    });
    expect(mine).toHaveLength(1);
    expect(mine[0]!.dueAt?.toISOString()).toBe(new Date(now.getTime() + 10 * DAY).toISOString());
    expect(mine[0]!.sources).toHaveLength(2);
  });

  it("new-hire rules cover people hired after the date, now and later, due N days after hiring", async () => {
    const hr = await principalFor("HR");
    const trainer = await principalFor("TRAINER");
    const course = await publishedCourse(trainer);
    const dept = await makeDepartment();
    const veteran = await makeUser({ departmentId: dept.id });
    const recent = await makeUser({ departmentId: dept.id });
    await getDb().user.update({
      where: { id: veteran.id },
      data: { hireDate: new Date("2020-01-01") },
    });
    await getDb().user.update({
      where: { id: recent.id },
      data: { hireDate: new Date("2026-03-10") },
    });
    const now = new Date("2026-04-01T00:00:00Z");
    await createRule(
      hr,
      ruleForm(course.id, {
        targetType: "DEPARTMENT",
        departmentId: dept.id,
        newHiresOnly: "on",
        hiredAfter: "2026-01-01",
        dueDays: "30",
      }),
      now,
    );
    const open = await openEnrolments(course.id);
    expect(open.map((e) => e.userId)).toEqual([recent.id]);
    expect(open[0]!.dueAt?.toISOString()).toBe("2026-04-09T23:59:59.999Z");
    // Someone hired later, added by the admin screens, gets it when their enrolments sync.
    const newcomer = await makeUser({ departmentId: dept.id });
    await getDb().user.update({
      where: { id: newcomer.id },
      data: { hireDate: new Date("2026-05-01") },
    });
    await syncUserEnrolments(newcomer.id, new Date("2026-05-02T00:00:00Z"));
    const mine = await getDb().enrolment.findFirstOrThrow({
      where: { userId: newcomer.id, courseId: course.id },
    });
    expect(mine.dueAt?.toISOString()).toBe("2026-05-31T23:59:59.999Z");
  });

  it("a new-hire rule without a date covers people hired after the rule was created", async () => {
    const hr = await principalFor("HR");
    const trainer = await principalFor("TRAINER");
    const course = await publishedCourse(trainer);
    const before = await makeUser();
    await getDb().user.update({
      where: { id: before.id },
      data: { hireDate: new Date("2026-02-01") },
    });
    const created = new Date("2026-03-01T00:00:00Z");
    await createRule(hr, ruleForm(course.id, { newHiresOnly: "on", dueDays: "14" }), created);
    expect((await openEnrolments(course.id)).map((e) => e.userId)).not.toContain(before.id);
    const after = await makeUser();
    await getDb().user.update({
      where: { id: after.id },
      data: { hireDate: new Date("2026-03-15") },
    });
    await syncUserEnrolments(after.id, new Date("2026-03-16T00:00:00Z"));
    expect((await openEnrolments(course.id)).map((e) => e.userId)).toContain(after.id);
  });

  it("removing a rule withdraws its not-started enrolments and keeps started ones", async () => {
    const hr = await principalFor("HR");
    const trainer = await principalFor("TRAINER");
    const course = await publishedCourse(trainer);
    const dept = await makeDepartment();
    const idle = await makeUser({ departmentId: dept.id });
    const busy = await makeUser({ departmentId: dept.id });
    const { rule } = await createRule(
      hr,
      ruleForm(course.id, { targetType: "DEPARTMENT", departmentId: dept.id }),
    );
    await getDb().enrolment.updateMany({
      where: { userId: busy.id, courseId: course.id },
      data: { status: "IN_PROGRESS" },
    });
    expect(await removeRule(hr, rule.id)).toEqual({ withdrawn: 1 });
    const rows = await getDb().enrolment.findMany({
      where: { courseId: course.id },
      orderBy: { status: "asc" },
    });
    expect(rows.map((r) => [r.userId, r.status])).toEqual(
      expect.arrayContaining([
        [idle.id, "WITHDRAWN"],
        [busy.id, "IN_PROGRESS"],
      ]),
    );
    expect(await getDb().auditEvent.count({ where: { subjectId: rule.id } })).toBe(2);
  });

  it("refuses archived or draft courses, and lets managers assign only inside their tree", async () => {
    const hr = await principalFor("HR");
    const trainer = await principalFor("TRAINER");
    const { makeCourse } = await import("../support/courses");
    const draft = await makeCourse(trainer, 1, 0);
    await expect(createRule(hr, ruleForm(draft.id))).rejects.toMatchObject({
      fieldErrors: { courseId: "learning.rule.courseNotAssignable" },
    });
    const course = await publishedCourse(trainer);
    const mine = await makeDepartment();
    const sub = await makeDepartment({ parentId: mine.id });
    const other = await makeDepartment();
    const managerUser = await makeUser({ role: "MANAGER", manages: [mine.id] });
    const manager = {
      id: managerUser.id,
      role: "MANAGER" as const,
      scopeDepartmentIds: [mine.id, sub.id],
    };
    await expect(createRule(manager, ruleForm(course.id))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      createRule(
        manager,
        ruleForm(course.id, { targetType: "DEPARTMENT", departmentId: other.id }),
      ),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const outsider = await makeUser({ departmentId: other.id });
    await expect(
      createRule(manager, ruleForm(course.id, { targetType: "PEOPLE", userIds: outsider.id })),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const { enrolled } = await createRule(
      manager,
      ruleForm(course.id, { targetType: "DEPARTMENT", departmentId: sub.id }),
    );
    expect(enrolled).toBe(0);
    const employee = await principalFor("EMPLOYEE");
    await expect(createRule(employee, ruleForm(course.id))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("applies matching rules when a person is created or moves department in the admin screens", async () => {
    const hr = await principalFor("HR");
    const admin = await principalFor("ADMIN");
    const trainer = await principalFor("TRAINER");
    const course = await publishedCourse(trainer);
    const target = await makeDepartment();
    const other = await makeDepartment();
    await createRule(
      hr,
      ruleForm(course.id, { targetType: "DEPARTMENT", departmentId: target.id }),
    );
    const { createUser, updateUser } = await import("~/modules/org/users.server");
    const { userCreateSchema, userUpdateSchema } = await import("~/modules/org/schemas");
    const fields = {
      name: "New Person",
      role: "EMPLOYEE",
      jobTitle: "",
      hireDate: "",
      preferredLanguage: "",
      managedDepartmentIds: "",
    };
    const hired = await createUser(
      hr,
      userCreateSchema.parse({
        ...fields,
        email: "hired@example.test",
        departmentId: target.id,
        temporaryPassword: "Temp-pass-123",
      }),
    );
    const mover = await createUser(
      hr,
      userCreateSchema.parse({
        ...fields,
        email: "mover@example.test",
        departmentId: other.id,
        temporaryPassword: "Temp-pass-123",
      }),
    );
    expect((await openEnrolments(course.id)).map((e) => e.userId)).toEqual(
      expect.arrayContaining([hired.id]),
    );
    expect((await openEnrolments(course.id)).map((e) => e.userId)).not.toContain(mover.id);
    await updateUser(
      admin,
      mover.id,
      userUpdateSchema.parse({ ...fields, email: "mover@example.test", departmentId: target.id }),
    );
    expect((await openEnrolments(course.id)).map((e) => e.userId)).toContain(mover.id);
  });

  it("lets a manager remove the rules they created, and not HR's", async () => {
    const hr = await principalFor("HR");
    const trainer = await principalFor("TRAINER");
    const course = await publishedCourse(trainer);
    const mine = await makeDepartment();
    const managerUser = await makeUser({ role: "MANAGER", manages: [mine.id] });
    const manager = { id: managerUser.id, role: "MANAGER" as const, scopeDepartmentIds: [mine.id] };
    const person = await makeUser({ departmentId: mine.id });
    const own = await createRule(
      manager,
      ruleForm(course.id, { targetType: "PEOPLE", userIds: person.id }),
    );
    const hrs = await createRule(
      hr,
      ruleForm(course.id, { targetType: "DEPARTMENT", departmentId: mine.id }),
    );
    await expect(removeRule(manager, hrs.rule.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(removeRule(manager, own.rule.id)).resolves.toEqual({ withdrawn: 0 });
    const { listRules } = await import("~/modules/learning/index.server");
    const visible = await listRules(manager, 1);
    expect(visible.rules.map((r) => r.id)).toEqual([hrs.rule.id]);
    expect(visible.rules[0]!.counts).toMatchObject({ NOT_STARTED: 1, total: 1 });
  });

  it("a fixed due date is due until the end of that day", async () => {
    const hr = await principalFor("HR");
    const trainer = await principalFor("TRAINER");
    const course = await publishedCourse(trainer);
    const person = await makeUser();
    await createRule(
      hr,
      ruleForm(course.id, {
        targetType: "PEOPLE",
        userIds: person.id,
        dueMode: "DATE",
        dueDate: "2026-09-30",
      }),
    );
    const enrolment = await getDb().enrolment.findFirstOrThrow({ where: { userId: person.id } });
    const { displayStatus } = await import("~/modules/learning");
    expect(displayStatus(enrolment, new Date("2026-09-30T18:00:00Z"))).toBe("NOT_STARTED");
    expect(displayStatus(enrolment, new Date("2026-10-01T00:00:01Z"))).toBe("OVERDUE");
  });
});
