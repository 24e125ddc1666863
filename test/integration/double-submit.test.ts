import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import type { Principal } from "~/lib/permissions";
import { addComment, createIdea } from "~/modules/ideas/index.server";
import { ideaSchema } from "~/modules/ideas";
import {
  markLessonDone,
  recordManualCompletion,
  selfEnrol,
  createRule,
  listRuleEnrolments,
  listRules,
  removeRule,
} from "~/modules/learning/index.server";
import * as departmentsRoute from "~/routes/admin/departments";
import * as assignmentsRoute from "~/routes/assignments/index";
import * as newCourseRoute from "~/routes/courses/new";
import * as catalogueRoute from "~/routes/learn/catalogue";
import * as ideaRoute from "~/routes/ideas/detail";
import * as newIdeaRoute from "~/routes/ideas/new";
import { actionArgs, formPost, outcomeStatus } from "../support/actions";
import { makeDepartment, makeUser, principalFor, sessionCookie } from "../support/factories";
import { publishedCourse, ruleForm } from "../support/learning";

const N = 50;

const idea = (title = "Shorter hold music") =>
  ideaSchema.parse({ title, problem: "Callers wait.", proposal: "Call back.", category: "TOOL" });

describe("a double click makes one item", () => {
  it(`${N} identical parallel comment posts make one comment, and no error page`, async () => {
    const author = await makeUser();
    const me = await makeUser();
    const principal = (id: string): Principal => ({ id, role: "EMPLOYEE", scopeDepartmentIds: [] });
    const ideaId = await createIdea(principal(author.id), idea());
    const { cookie } = await sessionCookie(me.id);
    const statuses = await Promise.all(
      Array.from({ length: N }, () =>
        outcomeStatus(() =>
          ideaRoute.action(
            actionArgs(
              formPost(`/ideas/${ideaId}`, cookie, { intent: "comment", body: "Yes, please!" }),
              {
                ideaId,
              },
            ),
          ),
        ),
      ),
    );
    expect(statuses).toEqual(Array(N).fill(200));
    const comments = () =>
      getDb().ideaComment.findMany({ where: { ideaId }, orderBy: { createdAt: "asc" } });
    expect(await comments()).toHaveLength(1);
    expect((await getDb().idea.findUniqueOrThrow({ where: { id: ideaId } })).commentCount).toBe(1);
    // Sent again later: still the same comment. Other words, then the same words: new ones.
    const first = (await comments())[0]!.id;
    expect(await addComment(principal(me.id), ideaId, "Yes, please!")).toBe(first);
    await addComment(principal(me.id), ideaId, "Any news?");
    await addComment(principal(me.id), ideaId, "Yes, please!");
    expect((await comments()).map((c) => c.body)).toEqual([
      "Yes, please!",
      "Any news?",
      "Yes, please!",
    ]);
    // Someone else may say the same thing.
    await addComment(principal(author.id), ideaId, "Yes, please!");
    expect(await comments()).toHaveLength(4);
  });

  it(`${N} identical parallel idea submissions make one idea`, async () => {
    const me = await makeUser();
    const { cookie } = await sessionCookie(me.id);
    const form = {
      title: "Queue callback",
      problem: "Long waits.",
      proposal: "Offer a callback.",
      category: "TOOL",
    };
    const statuses = await Promise.all(
      Array.from({ length: N }, () =>
        outcomeStatus(() => newIdeaRoute.action(actionArgs(formPost("/ideas/new", cookie, form)))),
      ),
    );
    expect(statuses).toEqual(Array(N).fill(302));
    expect(await getDb().idea.count({ where: { authorId: me.id } })).toBe(1);
    const principal = { id: me.id, role: "EMPLOYEE" as const, scopeDepartmentIds: [] };
    const again = await createIdea(principal, idea("Queue callback"));
    expect(again).not.toBe(undefined);
    expect(await getDb().idea.count({ where: { authorId: me.id } })).toBe(2); // other text
  });

  it(`${N} identical parallel rule creations make one rule and one set of enrolments`, async () => {
    const hr = await makeUser({ role: "HR" });
    const course = await publishedCourse(await principalFor("TRAINER"), 1, 0);
    const department = await makeDepartment();
    const people = await Promise.all(
      [1, 2, 3].map(() => makeUser({ departmentId: department.id })),
    );
    const { cookie } = await sessionCookie(hr.id);
    const form = {
      intent: "create",
      courseId: course.id,
      targetType: "DEPARTMENT",
      departmentId: department.id,
      includeSubDepartments: "on",
      dueMode: "DAYS",
      dueDays: "7",
    };
    const results = await Promise.all(
      Array.from({ length: N }, () =>
        assignmentsRoute.action(actionArgs(formPost("/assignments", cookie, form))),
      ),
    );
    expect(await Promise.all(results.map((r) => outcomeStatus(async () => r)))).toEqual(
      Array(N).fill(200),
    );
    const bodies = results.map((r) => (r as { data: { count: number; duplicate: boolean } }).data);
    expect(bodies.filter((b) => !b.duplicate)).toEqual([
      { ok: true, intent: "create", count: 3, duplicate: false },
    ]);
    expect(bodies.filter((b) => b.duplicate)).toHaveLength(N - 1);
    const rules = await getDb().assignmentRule.findMany({ where: { courseId: course.id } });
    expect(rules).toHaveLength(1);
    expect(await getDb().enrolment.count({ where: { courseId: course.id } })).toBe(people.length);
    // Another setting is another rule; a removed rule may be created again.
    const principal = { id: hr.id, role: "HR" as const, scopeDepartmentIds: [] };
    const input = ruleForm(course.id, {
      targetType: "DEPARTMENT",
      departmentId: department.id,
      dueDays: "7",
    });
    expect((await createRule(principal, input)).duplicate).toBe(true);
    expect((await createRule(principal, { ...input, dueDays: 8 })).duplicate).toBe(false);
    // Fields the target or due mode does not use make no different rule.
    const dated = ruleForm(course.id, { dueMode: "DATE", dueDate: "2027-05-01", dueDays: "" });
    expect((await createRule(principal, dated)).duplicate).toBe(false);
    const again = { ...dated, dueDays: 9, includeSubDepartments: !dated.includeSubDepartments };
    expect((await createRule(principal, again)).duplicate).toBe(true);
    await removeRule(principal, rules[0]!.id);
    expect((await createRule(principal, input)).duplicate).toBe(false);
    expect(
      await getDb().assignmentRule.count({ where: { courseId: course.id, removedAt: null } }),
    ).toBe(3);
  });

  it("self-enrolling again gives the enrolment there is: one while open, none after completing", async () => {
    const me = await makeUser();
    const course = await publishedCourse(await principalFor("TRAINER"), 1, 0);
    const { cookie } = await sessionCookie(me.id);
    const statuses = await Promise.all(
      Array.from({ length: N }, () =>
        outcomeStatus(() =>
          catalogueRoute.action(
            actionArgs(formPost("/learn/catalogue", cookie, { courseId: course.id })),
          ),
        ),
      ),
    );
    expect(statuses).toEqual(Array(N).fill(302));
    expect(await getDb().enrolment.count({ where: { userId: me.id, courseId: course.id } })).toBe(
      1,
    );
    const lesson = await getDb().lesson.findFirstOrThrow({ where: { courseId: course.id } });
    expect((await markLessonDone(me.id, course.id, lesson.id)).completed).toBe(true);
    // The page hides the button now; the action, posted anyway (or 50 times), adds nothing.
    const again = await Promise.all(
      Array.from({ length: N }, () =>
        outcomeStatus(() =>
          catalogueRoute.action(
            actionArgs(formPost("/learn/catalogue", cookie, { courseId: course.id })),
          ),
        ),
      ),
    );
    expect(again).toEqual(Array(N).fill(302));
    expect(await getDb().enrolment.count({ where: { userId: me.id, courseId: course.id } })).toBe(
      1,
    );
    expect(await getDb().certificate.count({ where: { userId: me.id } })).toBe(1);
    expect((await selfEnrol(me.id, course.id)).status).toBe("COMPLETED");
  });
});

describe("a repeated course creation", () => {
  it(`${N} parallel posts of one create form make one course; a new form, a new course`, async () => {
    const trainer = await makeUser({ role: "TRAINER" });
    const { cookie } = await sessionCookie(trainer.id);
    const form = {
      intent: "details",
      title: "Escalation basics",
      summary: "",
      category: "PROCESS",
      estimatedMinutes: "20",
      tags: "",
      coverColor: "teal",
      coverIcon: "📘",
      ownerId: trainer.id,
    };
    const post = (submissionKey: string) =>
      outcomeStatus(() =>
        newCourseRoute.action(
          actionArgs(formPost("/courses/new", cookie, { ...form, submissionKey })),
        ),
      );
    const key = crypto.randomUUID();
    expect(await Promise.all(Array.from({ length: N }, () => post(key)))).toEqual(
      Array(N).fill(302),
    );
    expect(await getDb().course.count({ where: { ownerId: trainer.id } })).toBe(1);
    expect(await post(crypto.randomUUID())).toBe(302);
    expect(await getDb().course.count({ where: { ownerId: trainer.id } })).toBe(2);
  });
});

describe("a repeated department creation", () => {
  it(`${N} parallel identical posts make one department; another name for the code is refused`, async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const { cookie } = await sessionCookie(admin.id);
    const form = { intent: "create", name: "Quality", code: "QA-DOUBLE", parentId: "" };
    const locations = await Promise.all(
      Array.from({ length: N }, async () => {
        const result = await departmentsRoute
          .action(actionArgs(formPost("/admin/departments", cookie, form)))
          .catch((thrown: unknown) => thrown);
        return result instanceof Response ? result.headers.get("Location") : String(result);
      }),
    );
    const department = await getDb().department.findUniqueOrThrow({ where: { code: "QA-DOUBLE" } });
    expect(locations).toEqual(Array(N).fill(`/admin/departments?edit=${department.id}`));
    expect(
      await getDb().auditEvent.count({
        where: { action: "department.create", subjectId: department.id },
      }),
    ).toBe(1);
    const other = await departmentsRoute.action(
      actionArgs(formPost("/admin/departments", cookie, { ...form, name: "Other" })),
    );
    expect(await outcomeStatus(async () => other)).toBe(400);
    expect(await getDb().department.count({ where: { code: "QA-DOUBLE" } })).toBe(1);
  });
});

describe("a repeated manual completion", () => {
  it(`${N} parallel completions of one enrolment make one completion and one certificate`, async () => {
    const hr: Principal = {
      id: (await makeUser({ role: "HR" })).id,
      role: "HR",
      scopeDepartmentIds: [],
    };
    const learner = await makeUser();
    const course = await publishedCourse(await principalFor("TRAINER"), 1, 0);
    const enrolment = await selfEnrol(learner.id, course.id);
    const results = await Promise.allSettled(
      Array.from({ length: N }, () =>
        recordManualCompletion(hr, { enrolmentId: enrolment.id, note: "Classroom, 1 Dec" }),
      ),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(await getDb().certificate.count({ where: { enrolmentId: enrolment.id } })).toBe(1);
    expect(
      await getDb().auditEvent.count({
        where: { action: "enrolment.complete_manual", subjectId: enrolment.id },
      }),
    ).toBe(1);
  });
});

describe("a manager's view of a people-rule", () => {
  it("lists only the people in the manager's tree today, counts included", async () => {
    const tree = await makeDepartment();
    const team = await makeDepartment({ parentId: tree.id });
    const elsewhere = await makeDepartment();
    const managerUser = await makeUser({
      role: "MANAGER",
      departmentId: tree.id,
      manages: [tree.id],
    });
    const manager: Principal = {
      id: managerUser.id,
      role: "MANAGER",
      scopeDepartmentIds: [tree.id, team.id],
    };
    const hr: Principal = {
      id: (await makeUser({ role: "HR" })).id,
      role: "HR",
      scopeDepartmentIds: [],
    };
    const stays = await makeUser({ departmentId: team.id, name: "Stays Here" });
    const leaves = await makeUser({ departmentId: team.id, name: "Moves Away" });
    const course = await publishedCourse(await principalFor("TRAINER"), 1, 0);
    const { rule } = await createRule(
      manager,
      ruleForm(course.id, { targetType: "PEOPLE", userIds: `${stays.id},${leaves.id}` }),
    );
    expect((await listRuleEnrolments(manager, rule.id, 1)).total).toBe(2);
    await getDb().user.update({ where: { id: leaves.id }, data: { departmentId: elsewhere.id } });
    const seen = await listRuleEnrolments(manager, rule.id, 1);
    expect(seen.enrolments.map((e) => e.name)).toEqual(["Stays Here"]);
    expect(seen.total).toBe(1);
    expect(JSON.stringify(seen)).not.toContain(leaves.email);
    const listed = (await listRules(manager, 1)).rules.find((r) => r.id === rule.id)!;
    expect(listed.counts.total).toBe(1);
    // HR sees everyone the rule reached.
    expect((await listRuleEnrolments(hr, rule.id, 1)).enrolments.map((e) => e.name).sort()).toEqual(
      ["Moves Away", "Stays Here"],
    );
  });
});
