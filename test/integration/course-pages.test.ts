import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { getFixedT } from "~/lib/i18n.server";
import { compareSnapshots, lessonSchema } from "~/modules/courses";
import {
  addLesson,
  buildSnapshot,
  COURSE_PAGE_SIZE,
  createCourse,
} from "~/modules/courses/index.server";
import * as catalogueRoute from "~/routes/courses/catalogue";
import * as editRoute from "~/routes/courses/edit";
import * as lessonRoute from "~/routes/courses/lesson";
import * as newLessonRoute from "~/routes/courses/lesson-new";
import * as newQuestionRoute from "~/routes/courses/question-new";
import { actionArgs, formPost, loaderArgs, outcomeStatus } from "../support/actions";
import { courseForm, makeCourse } from "../support/courses";
import { principalFor, request, sessionCookie } from "../support/factories";

async function signedIn(role: "TRAINER" | "HR") {
  const principal = await principalFor(role);
  return { principal, cookie: (await sessionCookie(principal.id)).cookie };
}

/** The payload of a route's `data()` answer. */
const payloadOf = (result: unknown) => (result as { data: unknown }).data;

describe("the course catalogue", () => {
  it("pages: page 2 shows the next courses, not page 1 again", async () => {
    const { principal, cookie } = await signedIn("HR");
    for (let i = 1; i <= COURSE_PAGE_SIZE * 2 + 1; i++)
      await createCourse(principal, courseForm(principal.id, { title: `Paged course ${i}` }));
    const listed = await getDb().course.findMany({
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      select: { id: true },
    });
    const pageIds = async (page: number) => {
      const result = await catalogueRoute.loader(
        loaderArgs(request(`/courses?page=${page}`, { cookie })),
      );
      expect(result).toMatchObject({ page, pageCount: 3, total: listed.length });
      return result.courses.map((course) => course.id);
    };
    const all = listed.map((course) => course.id);
    expect(await pageIds(1)).toEqual(all.slice(0, COURSE_PAGE_SIZE));
    expect(await pageIds(2)).toEqual(all.slice(COURSE_PAGE_SIZE, COURSE_PAGE_SIZE * 2));
    expect(await pageIds(3)).toEqual(all.slice(COURSE_PAGE_SIZE * 2));
  });
});

describe("publishing twice at once", () => {
  const publish = (courseId: string, cookie: string) =>
    editRoute.action(
      actionArgs(formPost(`/courses/${courseId}/edit`, cookie, { intent: "publish" }), {
        courseId,
      }),
    );

  async function expectTranslatedConflict(result: unknown) {
    expect(await outcomeStatus(async () => result)).toBe(409);
    const { formError } = payloadOf(result) as { formError: string };
    expect(formError).toBe("courses.publish.nothingChanged");
    for (const language of ["en", "zh"] as const) {
      const message = (await getFixedT(language))(formError);
      expect(message, language).not.toBe(formError);
      expect(message.length, language).toBeGreaterThan(5);
    }
  }

  it("publishes the draft once: one post gets version 1, the other the translated 409", async () => {
    const { principal, cookie } = await signedIn("TRAINER");
    const course = await makeCourse(principal, 1, 1);
    const results = await Promise.all([publish(course.id, cookie), publish(course.id, cookie)]);
    const ok = results.filter((result) => (payloadOf(result) as { ok: boolean }).ok);
    expect(ok.map(payloadOf)).toEqual([{ ok: true, intent: "publish", version: 1 }]);
    await expectTranslatedConflict(results.find((result) => !ok.includes(result)));
    expect(await getDb().courseVersion.count({ where: { courseId: course.id } })).toBe(1);
  });

  it("answers the same 409 when the other publish wrote its version after this one read the course", async () => {
    const { principal, cookie } = await signedIn("TRAINER");
    const course = await makeCourse(principal, 1, 0);
    // The race the unique (course, number) key settles: version 1 exists while this publish
    // still reads "never published" (two servers, or two transactions on PostgreSQL).
    const snapshot = await buildSnapshot(getDb(), course.id);
    await getDb().courseVersion.create({
      data: {
        courseId: course.id,
        number: 1,
        snapshot,
        changes: compareSnapshots(null, snapshot),
        lessonCount: snapshot.lessons.length,
      },
    });
    await expectTranslatedConflict(await publish(course.id, cookie));
    expect(await getDb().courseVersion.count({ where: { courseId: course.id } })).toBe(1);
  });
});

describe("the new-lesson and new-question pages", () => {
  it("are routes of their own: they add, and the lesson's page edits what they added", async () => {
    const { principal, cookie } = await signedIn("TRAINER");
    const course = await createCourse(principal, courseForm(principal.id));
    const params = { courseId: course.id };
    const newPage = await newLessonRoute.loader(
      loaderArgs(request(`/courses/${course.id}/lessons/new`, { cookie }), params),
    );
    expect(newPage).toEqual({ course: { id: course.id, title: course.title } });

    const added = await newLessonRoute.action(
      actionArgs(
        formPost(`/courses/${course.id}/lessons/new`, cookie, { title: "First", body: "Text" }),
        params,
      ),
    );
    expect((added as Response).headers.get("Location")).toBe(`/courses/${course.id}/edit`);
    const lesson = await getDb().lesson.findFirstOrThrow({ where: { courseId: course.id } });
    const editPage = await lessonRoute.loader(
      loaderArgs(request(`/courses/${course.id}/lessons/${lesson.id}`, { cookie }), {
        ...params,
        lessonId: lesson.id,
      }),
    );
    expect(editPage.lesson).toMatchObject({ title: "First", body: "Text", revision: 1 });

    const question = new Request(new URL(`/courses/${course.id}/questions/new`, "http://x"), {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/json" },
      body: JSON.stringify({
        type: "TRUE_FALSE",
        prompt: "Escalations skip the SLA clock.",
        options: [
          { id: "true", text: "True", correct: false },
          { id: "false", text: "False", correct: true },
        ],
      }),
    });
    const asked = await newQuestionRoute.action(actionArgs(question, params));
    expect((asked as Response).headers.get("Location")).toBe(`/courses/${course.id}/edit`);
    const stored = await getDb().question.findFirstOrThrow({ where: { courseId: course.id } });
    expect(stored).toMatchObject({ type: "TRUE_FALSE", acceptedAnswers: [] });
    expect(stored.options).toEqual([
      { id: "true", text: "True", correct: false },
      { id: "false", text: "False", correct: true },
    ]);
  });

  it("refuse a trainer on someone else's course (403), and add nothing", async () => {
    const owner = await principalFor("TRAINER");
    const course = await makeCourse(owner, 1, 0);
    const { cookie } = await signedIn("TRAINER");
    const params = { courseId: course.id };
    expect(
      await outcomeStatus(() =>
        newLessonRoute.loader(
          loaderArgs(request(`/courses/${course.id}/lessons/new`, { cookie }), params),
        ),
      ),
    ).toBe(403);
    expect(
      await outcomeStatus(() =>
        newQuestionRoute.loader(
          loaderArgs(request(`/courses/${course.id}/questions/new`, { cookie }), params),
        ),
      ),
    ).toBe(403);
    await addLesson(owner, course.id, lessonSchema.parse({ title: "Owner's own" }));
    expect(
      await outcomeStatus(() =>
        newLessonRoute.action(
          actionArgs(
            formPost(`/courses/${course.id}/lessons/new`, cookie, { title: "Not mine" }),
            params,
          ),
        ),
      ),
    ).toBe(403);
    expect(
      (await getDb().lesson.findMany({ where: { courseId: course.id } })).map((l) => l.title),
    ).toEqual(["Lesson 1", "Owner's own"]);
  });
});
