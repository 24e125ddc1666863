import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { ConflictError, ForbiddenError, ValidationError } from "~/lib/errors";
import { fieldErrorsOf } from "~/lib/http.server";
import {
  addLesson,
  deleteLesson,
  deleteQuestion,
  moveItem,
  publishCourse,
  updateLesson,
  updateQuestion,
  assignableVersion,
  createCourse,
  getVersionSnapshot,
  listCourses,
  setArchived,
  updateCourse,
  updateQuizSettings,
} from "~/modules/courses/index.server";
import {
  gradeQuestion,
  normaliseAnswer,
  courseListQuerySchema,
  lessonSchema,
  questionSchema,
  quizSettingsSchema,
} from "~/modules/courses";
import { courseForm, makeCourse, principalFor, singleChoice } from "../support/courses";
import { makeUser } from "../support/factories";

const settings = (overrides: Record<string, string> = {}) =>
  quizSettingsSchema.parse({
    passMark: "80",
    attemptsAllowed: "3",
    timeLimitMinutes: "",
    drawCount: "0",
    shuffleOptions: "on",
    revision: "1",
    ...overrides,
  });

describe("question validation", () => {
  const messages = (input: unknown) => {
    const result = questionSchema.safeParse(input);
    return result.success ? {} : fieldErrorsOf(result.error);
  };
  const option = (id: string, correct: boolean) => ({ id, text: `Option ${id}`, correct });

  it("needs two options and a correct one for choice questions", () => {
    expect(messages({ type: "SINGLE", prompt: "Q", options: [option("a", true)] })).toEqual({
      options: "courses.question.needsTwoOptions",
    });
    expect(
      messages({
        type: "MULTIPLE",
        prompt: "Q",
        options: [option("a", false), option("b", false)],
      }),
    ).toEqual({
      options: "courses.question.needsCorrect",
    });
  });

  it("allows exactly one correct option for single choice and true/false", () => {
    expect(
      messages({ type: "SINGLE", prompt: "Q", options: [option("a", true), option("b", true)] }),
    ).toEqual({
      options: "courses.question.exactlyOneCorrect",
    });
    expect(
      messages({
        type: "TRUE_FALSE",
        prompt: "Q",
        options: [option("true", true), option("false", true)],
      }),
    ).toEqual({
      options: "courses.question.exactlyOneCorrect",
    });
    expect(
      messages({ type: "MULTIPLE", prompt: "Q", options: [option("a", true), option("b", true)] }),
    ).toEqual({});
  });

  it("needs an accepted answer for short answers, and a prompt for all", () => {
    expect(messages({ type: "SHORT", prompt: "", acceptedAnswers: [{ value: " " }] })).toEqual({
      prompt: "validation.required",
      acceptedAnswers: "courses.question.needsAnswer",
    });
  });

  it("checks quiz settings ranges", () => {
    const result = quizSettingsSchema.safeParse({
      passMark: "101",
      attemptsAllowed: "0",
      timeLimitMinutes: "x",
      drawCount: "-1",
      revision: "1",
    });
    expect(fieldErrorsOf(result.error!)).toEqual({
      passMark: "validation.outOfRange",
      attemptsAllowed: "validation.outOfRange",
      timeLimitMinutes: "validation.wholeNumber",
      drawCount: "validation.wholeNumber",
    });
    expect(settings({ attemptsAllowed: "", timeLimitMinutes: "" })).toMatchObject({
      attemptsAllowed: null,
      timeLimitMinutes: null,
    });
  });

  it("refuses a draw count larger than the bank, with a field message, and writes nothing", async () => {
    const trainer = await principalFor("TRAINER");
    const course = await makeCourse(trainer, 1, 2);
    await expect(
      updateQuizSettings(trainer, course.id, settings({ drawCount: "3" })),
    ).rejects.toMatchObject({
      fieldErrors: { drawCount: "courses.quiz.drawMoreThanBank" },
    });
    expect((await getDb().course.findUniqueOrThrow({ where: { id: course.id } })).drawCount).toBe(
      0,
    );
    await updateQuizSettings(trainer, course.id, settings({ drawCount: "2" }));
    expect(await getDb().course.findUniqueOrThrow({ where: { id: course.id } })).toMatchObject({
      drawCount: 2,
      passMark: 80,
      attemptsAllowed: 3,
    });
  });
});

describe("grading", () => {
  const options = [
    { id: "a", text: "A", correct: true },
    { id: "b", text: "B", correct: true },
    { id: "c", text: "C", correct: false },
  ];
  it("grades single choice and true/false all-or-nothing", () => {
    const q = {
      type: "SINGLE" as const,
      partialCredit: false,
      options: options.slice(1),
      acceptedAnswers: [],
    };
    expect(gradeQuestion(q, { optionIds: ["b"] })).toBe(1);
    expect(gradeQuestion(q, { optionIds: ["c"] })).toBe(0);
    expect(gradeQuestion(q, { optionIds: ["b", "c"] })).toBe(0);
    expect(gradeQuestion(q, undefined)).toBe(0);
  });
  it("grades multiple choice all-or-nothing or with partial credit", () => {
    const strict = {
      type: "MULTIPLE" as const,
      partialCredit: false,
      options,
      acceptedAnswers: [],
    };
    expect(gradeQuestion(strict, { optionIds: ["a", "b"] })).toBe(1);
    expect(gradeQuestion(strict, { optionIds: ["a"] })).toBe(0);
    const partial = { ...strict, partialCredit: true };
    expect(gradeQuestion(partial, { optionIds: ["a"] })).toBe(0.5);
    expect(gradeQuestion(partial, { optionIds: ["a", "c"] })).toBe(0);
    expect(gradeQuestion(partial, { optionIds: ["a", "b", "c"] })).toBe(0.5);
  });
  it("matches short answers ignoring case and extra whitespace", () => {
    const q = {
      type: "SHORT" as const,
      partialCredit: false,
      options: [],
      acceptedAnswers: ["First contact resolution"],
    };
    expect(gradeQuestion(q, { text: "  first   CONTACT resolution " })).toBe(1);
    expect(gradeQuestion(q, { text: "first contact" })).toBe(0);
    expect(gradeQuestion(q, { text: "" })).toBe(0);
    expect(normaliseAnswer(" A\tB ")).toBe("a b");
  });
});

describe("permissions", () => {
  it("lets a trainer edit own courses only; HR and admins edit all; employees create none", async () => {
    const owner = await principalFor("TRAINER");
    const other = await principalFor("TRAINER");
    const hr = await principalFor("HR");
    const admin = await principalFor("ADMIN");
    const employee = await principalFor("EMPLOYEE");
    const course = await makeCourse(owner, 1, 0);
    const edit = (actor: typeof owner, title: string, revision: number) =>
      updateCourse(actor, course.id, { ...courseForm(owner.id, { title }), revision });
    await expect(edit(other, "Hijacked", 1)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      addLesson(other, course.id, lessonSchema.parse({ title: "x" })),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(publishCourse(other, course.id)).rejects.toBeInstanceOf(ForbiddenError);
    await edit(owner, "By owner", 1);
    await edit(hr, "By HR", 2);
    await edit(admin, "By admin", 3);
    expect((await getDb().course.findUniqueOrThrow({ where: { id: course.id } })).title).toBe(
      "By admin",
    );
    await expect(createCourse(employee, courseForm(employee.id))).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it("keeps a trainer as owner of what they create; HR may name another trainer", async () => {
    const trainer = await principalFor("TRAINER");
    const other = await principalFor("TRAINER");
    const hr = await principalFor("HR");
    expect((await createCourse(trainer, courseForm(other.id))).ownerId).toBe(trainer.id);
    expect((await createCourse(hr, courseForm(other.id))).ownerId).toBe(other.id);
    const employee = await principalFor("EMPLOYEE");
    await expect(createCourse(hr, courseForm(employee.id))).rejects.toMatchObject({
      fieldErrors: { ownerId: "courses.course.ownerInvalid" },
    });
  });
});

describe("versioned publishing", () => {
  it("refuses to publish without lessons, or with a draw count above the bank", async () => {
    const trainer = await principalFor("TRAINER");
    const empty = await makeCourse(trainer, 0, 0);
    await expect(publishCourse(trainer, empty.id)).rejects.toMatchObject({
      messageKey: "courses.publish.noLessons",
    });
    const course = await makeCourse(trainer, 1, 2);
    await updateQuizSettings(trainer, course.id, settings({ drawCount: "2" }));
    await getDb().course.update({ where: { id: course.id }, data: { drawCount: 3 } });
    await expect(publishCourse(trainer, course.id)).rejects.toMatchObject({
      messageKey: "courses.publish.drawMoreThanBank",
    });
    expect(await getDb().courseVersion.count({ where: { courseId: course.id } })).toBe(0);
  });

  it("freezes version N: edits and publishing N+1 leave it untouched, new enrolments get the newest", async () => {
    const trainer = await principalFor("TRAINER");
    const course = await makeCourse(trainer, 2, 2);
    const v1 = await publishCourse(trainer, course.id);
    expect(v1.number).toBe(1);
    const frozen = await getVersionSnapshot(course.id, 1);
    expect(frozen.lessons.map((l) => l.title)).toEqual(["Lesson 1", "Lesson 2"]);
    expect((await assignableVersion(course.id))?.number).toBe(1);

    // Edit the working copy: lesson 1 changed, lesson 2 deleted, a lesson and a question added.
    const lessons = await getDb().lesson.findMany({
      where: { courseId: course.id },
      orderBy: { position: "asc" },
    });
    await updateLesson(trainer, course.id, lessons[0]!.id, {
      ...lessonSchema.parse({ title: "Lesson 1 (revised)", body: "New body" }),
      revision: 1,
    });
    await deleteLesson(trainer, course.id, lessons[1]!.id);
    await addLesson(trainer, course.id, lessonSchema.parse({ title: "Lesson 3" }));
    const questions = await getDb().question.findMany({ where: { courseId: course.id } });
    await deleteQuestion(trainer, course.id, questions[0]!.id);

    expect(await getVersionSnapshot(course.id, 1)).toEqual(frozen);
    const v2 = await publishCourse(trainer, course.id);
    expect(v2.number).toBe(2);
    expect(await getVersionSnapshot(course.id, 1)).toEqual(frozen);
    expect((await getVersionSnapshot(course.id, 2)).lessons.map((l) => l.title)).toEqual([
      "Lesson 1 (revised)",
      "Lesson 3",
    ]);
    expect(v2.changes).toMatchObject({
      lessonsAdded: 1,
      lessonsRemoved: 1,
      lessonsEdited: 1,
      questionsAdded: 0,
      questionsRemoved: 1,
      questionsEdited: 0,
    });
    expect((await assignableVersion(course.id))?.number).toBe(2);
    const events = await getDb().auditEvent.findMany({
      where: { subjectId: course.id, action: "course.publish" },
    });
    expect(events).toHaveLength(2);
  });

  it("refuses to publish when nothing changed, and publishes once under a double click", async () => {
    const trainer = await principalFor("TRAINER");
    const course = await makeCourse(trainer, 1, 0);
    const results = await Promise.allSettled([
      publishCourse(trainer, course.id),
      publishCourse(trainer, course.id),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await getDb().courseVersion.count({ where: { courseId: course.id } })).toBe(1);
    await expect(publishCourse(trainer, course.id)).rejects.toMatchObject({
      messageKey: "courses.publish.nothingChanged",
    });
  });

  it("archives: no longer assignable, read-only, still readable; restore brings it back", async () => {
    const trainer = await principalFor("TRAINER");
    const course = await makeCourse(trainer, 1, 0);
    await publishCourse(trainer, course.id);
    await setArchived(trainer, course.id, true);
    expect(await assignableVersion(course.id)).toBeNull();
    expect((await getVersionSnapshot(course.id, 1)).lessons).toHaveLength(1);
    await expect(
      addLesson(trainer, course.id, lessonSchema.parse({ title: "x" })),
    ).rejects.toMatchObject({ messageKey: "courses.course.archivedReadOnly" });
    await setArchived(trainer, course.id, false);
    expect((await getDb().course.findUniqueOrThrow({ where: { id: course.id } })).status).toBe(
      "PUBLISHED",
    );
    const actions = (
      await getDb().auditEvent.findMany({
        where: { subjectId: course.id },
        orderBy: { createdAt: "asc" },
      })
    ).map((e) => e.action);
    expect(actions).toEqual([
      "course.create",
      "course.publish",
      "course.archive",
      "course.restore",
    ]);
  });
});

describe("concurrent edits", () => {
  it("refuses the second save of a lesson opened at the same revision", async () => {
    const trainer = await principalFor("TRAINER");
    const hr = await principalFor("HR");
    const course = await makeCourse(trainer, 1, 0);
    const lesson = await getDb().lesson.findFirstOrThrow({ where: { courseId: course.id } });
    await updateLesson(trainer, course.id, lesson.id, {
      ...lessonSchema.parse({ title: "Trainer's edit" }),
      revision: 1,
    });
    await expect(
      updateLesson(hr, course.id, lesson.id, {
        ...lessonSchema.parse({ title: "HR's edit" }),
        revision: 1,
      }),
    ).rejects.toMatchObject({ status: 409, messageKey: "courses.changedSinceOpened" });
    expect((await getDb().lesson.findUniqueOrThrow({ where: { id: lesson.id } })).title).toBe(
      "Trainer's edit",
    );
  });

  it("applies the same check to questions and course details", async () => {
    const trainer = await principalFor("TRAINER");
    const course = await makeCourse(trainer, 1, 1);
    const question = await getDb().question.findFirstOrThrow({ where: { courseId: course.id } });
    await updateQuestion(trainer, course.id, question.id, {
      ...singleChoice("Edited"),
      revision: 1,
    });
    await expect(
      updateQuestion(trainer, course.id, question.id, { ...singleChoice("Stale"), revision: 1 }),
    ).rejects.toBeInstanceOf(ConflictError);
    await updateCourse(trainer, course.id, { ...courseForm(trainer.id), revision: 1 });
    await expect(
      updateCourse(trainer, course.id, { ...courseForm(trainer.id), revision: 1 }),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});

describe("catalogue and ordering", () => {
  it("filters by search, category, status and owner, and pages", async () => {
    const trainer = await principalFor("TRAINER");
    const course = await createCourse(
      trainer,
      courseForm(trainer.id, { title: "Unique RPA basics", category: "TECHNOLOGY" }),
    );
    const list = (q: Record<string, string>) => listCourses(courseListQuerySchema.parse(q));
    expect((await list({ q: "unique rpa" })).courses.map((c) => c.id)).toEqual([course.id]);
    expect((await list({ q: "unique rpa", category: "PROCESS" })).total).toBe(0);
    expect((await list({ ownerId: trainer.id, status: "DRAFT" })).courses.map((c) => c.id)).toEqual(
      [course.id],
    );
    expect((await list({ ownerId: trainer.id, status: "PUBLISHED" })).total).toBe(0);
  });

  it("offers as owners exactly the people who own a course, by name", async () => {
    const owner = await makeUser({ role: "TRAINER", name: "Aaron Owner-Filter" });
    const idle = await makeUser({ role: "TRAINER", name: "Aaron Idle-Trainer" });
    const principal = { id: owner.id, role: "TRAINER" as const, scopeDepartmentIds: [] };
    await createCourse(principal, courseForm(owner.id, { title: "Owned for the filter" }));
    await createCourse(principal, courseForm(owner.id, { title: "Owned twice" }));
    const { owners } = await listCourses(courseListQuerySchema.parse({}));
    const ids = owners.map((o) => o.id);
    expect(ids.filter((id) => id === owner.id)).toHaveLength(1);
    expect(ids).not.toContain(idle.id);
    expect(owners.find((o) => o.id === owner.id)).toEqual({ id: owner.id, name: owner.name });
    // The same people in the same order as asking every user whether they own a course.
    expect(owners).toEqual(
      await getDb().user.findMany({
        where: { ownedCourses: { some: {} } },
        select: { id: true, name: true },
        orderBy: [{ name: "asc" }, { id: "asc" }],
      }),
    );
  });

  it("moves lessons up and down", async () => {
    const trainer = await principalFor("TRAINER");
    const course = await makeCourse(trainer, 3, 0);
    const titles = async () =>
      (
        await getDb().lesson.findMany({
          where: { courseId: course.id },
          orderBy: { position: "asc" },
        })
      ).map((l) => l.title);
    const third = await getDb().lesson.findFirstOrThrow({
      where: { courseId: course.id, title: "Lesson 3" },
    });
    await moveItem(trainer, course.id, "lesson", third.id, "up");
    expect(await titles()).toEqual(["Lesson 1", "Lesson 3", "Lesson 2"]);
    await moveItem(trainer, course.id, "lesson", third.id, "up");
    await moveItem(trainer, course.id, "lesson", third.id, "up");
    expect(await titles()).toEqual(["Lesson 3", "Lesson 1", "Lesson 2"]);
  });

  it("refuses duplicate option ids", async () => {
    const trainer = await principalFor("TRAINER");
    const course = await makeCourse(trainer, 1, 0);
    const { addQuestion } = await import("~/modules/courses/content.server");
    const duplicate = questionSchema.parse({
      type: "MULTIPLE",
      prompt: "Q",
      options: [
        { id: "a", text: "A", correct: true },
        { id: "a", text: "B", correct: false },
      ],
    });
    await expect(addQuestion(trainer, course.id, duplicate)).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});
