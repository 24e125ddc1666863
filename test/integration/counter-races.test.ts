import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { markLessonDone, selfEnrol } from "~/modules/learning/index.server";
import { makeDepartment, makeUser, principalFor } from "../support/factories";
import { publishedCourse } from "../support/learning";

// Colleagues finishing the same course at the same moment recount the same report counter
// rows (department × course). Under PostgreSQL's READ COMMITTED two recounts could both delete
// and both insert, and the second insert failed on the counters' unique key: a 500 for a lesson
// that was in fact done (seen in bench:load). Recounts of one course now queue.

const PEOPLE = 8;

describe("report counters under concurrent completions", () => {
  it(`${PEOPLE} colleagues completing one course at once all succeed and are all counted`, async () => {
    const department = await makeDepartment();
    const course = await publishedCourse(await principalFor("TRAINER"), 1, 0);
    const lesson = await getDb().lesson.findFirstOrThrow({ where: { courseId: course.id } });
    const people = await Promise.all(
      Array.from({ length: PEOPLE }, () => makeUser({ departmentId: department.id })),
    );
    for (const person of people) await selfEnrol(person.id, course.id);

    const results = await Promise.allSettled(
      people.map((person) => markLessonDone(person.id, course.id, lesson.id)),
    );
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);

    const total = await getDb().progressTotal.findUniqueOrThrow({
      where: { departmentId_courseId: { departmentId: department.id, courseId: course.id } },
    });
    expect(total).toMatchObject({ assigned: PEOPLE, completed: PEOPLE });
  });
});
