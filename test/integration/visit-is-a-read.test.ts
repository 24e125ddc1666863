import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { applyAllRules, createRule } from "~/modules/learning/index.server";
import { moveDepartment } from "~/modules/org/index.server";
import * as editRoute from "~/routes/courses/edit";
import * as myLearningRoute from "~/routes/learn/index";
import { actionArgs, loaderArgs } from "../support/actions";
import {
  makeDepartment,
  makeUser,
  principalFor,
  request,
  sessionCookie,
} from "../support/factories";
import { openEnrolments, publishedCourse, ruleForm } from "../support/learning";
import { allowInserts, refuseWrites } from "../support/refuse-inserts";

// Issue 13, item 3 (decision 027): opening My learning reads; rules apply when they, the
// people or their departments change, and the hourly job heals the rest.

const LEARNING_TABLES = ["Enrolment", "EnrolmentSource", "ProgressStat", "ProgressTotal"];

afterEach(async () => {
  for (const table of LEARNING_TABLES) await allowInserts(table, `no_${table}_writes`);
});

async function visitMyLearning(userId: string) {
  const { cookie } = await sessionCookie(userId);
  return myLearningRoute.loader(loaderArgs(request("/learn", { cookie })));
}

describe("My learning", () => {
  it("writes nothing, and shows what a rule created before the visit assigned", async () => {
    const hr = await principalFor("HR");
    const course = await publishedCourse(await principalFor("TRAINER"));
    const department = await makeDepartment();
    const learner = await makeUser({ departmentId: department.id });
    await createRule(
      hr,
      ruleForm(course.id, { targetType: "DEPARTMENT", departmentId: department.id }),
    );
    // Moved by a write that bypassed the module: the visit used to enrol them on the spot.
    const bypassed = await makeUser();
    await getDb().user.update({
      where: { id: bypassed.id },
      data: { departmentId: department.id },
    });
    for (const table of LEARNING_TABLES) {
      await refuseWrites(table, `no_${table}_writes`, `a visit wrote ${table}`);
    }

    const mine = await visitMyLearning(learner.id);
    expect(mine.notStarted.map((item) => item.courseId)).toEqual([course.id]);
    const theirs = await visitMyLearning(bypassed.id);
    expect(theirs.notStarted).toEqual([]);

    for (const table of LEARNING_TABLES) await allowInserts(table, `no_${table}_writes`);
    await applyAllRules();
    expect((await visitMyLearning(bypassed.id)).notStarted.map((item) => item.courseId)).toEqual([
      course.id,
    ]);
  });
});

describe("changes that bring people under a rule enrol them at once", () => {
  it("a department moved under a rule's department (with sub-departments)", async () => {
    const hr = await principalFor("HR");
    const admin = await principalFor("ADMIN");
    const course = await publishedCourse(await principalFor("TRAINER"));
    const parent = await makeDepartment();
    const moved = await makeDepartment();
    const below = await makeDepartment({ parentId: moved.id });
    const people = [
      await makeUser({ departmentId: moved.id }),
      await makeUser({ departmentId: below.id }),
    ];
    await makeUser({ departmentId: below.id, active: false });
    await createRule(
      hr,
      ruleForm(course.id, {
        targetType: "DEPARTMENT",
        departmentId: parent.id,
        includeSubDepartments: "on",
      }),
    );
    expect(await openEnrolments(course.id)).toEqual([]);

    await moveDepartment(admin.id, { id: moved.id, parentId: parent.id });
    const open = await openEnrolments(course.id);
    expect(open.map((e) => e.userId).sort()).toEqual(people.map((p) => p.id).sort());
    const totals = await getDb().progressTotal.findMany({ where: { courseId: course.id } });
    expect(totals.map((t) => [t.departmentId, t.assigned]).sort()).toEqual(
      [
        [moved.id, 1],
        [below.id, 1],
      ].sort(),
    );
  });

  it("a course restored from the archive, for people who joined its rule meanwhile", async () => {
    const hr = await principalFor("HR");
    const trainer = await principalFor("TRAINER");
    const course = await publishedCourse(trainer);
    const department = await makeDepartment();
    await createRule(
      hr,
      ruleForm(course.id, { targetType: "DEPARTMENT", departmentId: department.id }),
    );
    const { cookie } = await sessionCookie(trainer.id);
    const post = (intent: string) =>
      editRoute.action(
        actionArgs(request(`/courses/${course.id}/edit`, { cookie, form: { intent } }), {
          courseId: course.id,
        }),
      );
    await post("archive");
    const joined = await makeUser({ departmentId: department.id });
    await applyAllRules();
    expect(await openEnrolments(course.id)).toEqual([]);

    await post("restore");
    expect((await openEnrolments(course.id)).map((e) => e.userId)).toEqual([joined.id]);
  });
});
