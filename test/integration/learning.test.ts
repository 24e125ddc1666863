import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "~/lib/errors";
import {
  addLesson,
  publishCourse,
  updateLesson,
  updateQuizSettings,
} from "~/modules/courses/index.server";
import { lessonSchema, quizSettingsSchema } from "~/modules/courses";
import {
  verifyCertificate,
  getMyLearning,
  getPlayer,
  markLessonDone,
  selfEnrol,
  getAttempt,
  startAttempt,
  submitAttempt,
  createRule,
  syncUserEnrolments,
} from "~/modules/learning/index.server";
import { makeUser, principalFor } from "../support/factories";
import { correctAnswers, publishedCourse, ruleForm } from "../support/learning";

const DAY = 24 * 3600 * 1000;

async function assignedLearner(lessons = 2, questions = 2, quiz: Record<string, string> = {}) {
  const hr = await principalFor("HR");
  const trainer = await principalFor("TRAINER");
  const course = await publishedCourse(trainer, lessons, questions);
  if (Object.keys(quiz).length > 0) {
    await updateQuizSettings(
      trainer,
      course.id,
      quizSettingsSchema.parse({
        passMark: "50",
        attemptsAllowed: "",
        timeLimitMinutes: "",
        drawCount: "0",
        shuffleOptions: "on",
        revision: "1",
        ...quiz,
      }),
    );
    await publishCourse(trainer, course.id);
  }
  const learner = await makeUser();
  await createRule(hr, ruleForm(course.id, { targetType: "PEOPLE", userIds: learner.id }));
  return { course, learner, trainer, hr };
}

async function finishLessons(userId: string, courseId: string) {
  const player = await getPlayer(userId, courseId);
  for (const lesson of player.lessons) await markLessonDone(userId, courseId, lesson.id);
}

describe("learning a course", () => {
  it("completes after all lessons and a passed quiz, with the best score and a verifiable certificate", async () => {
    const { course, learner } = await assignedLearner(2, 2);
    await finishLessons(learner.id, course.id);
    expect((await getPlayer(learner.id, course.id)).enrolment.status).toBe("IN_PROGRESS");
    const first = await startAttempt(learner.id, course.id);
    const wrong = Object.fromEntries(
      Object.keys(await correctAnswers(first)).map((id) => [id, { optionIds: [] }]),
    );
    expect(await submitAttempt(learner.id, course.id, first, wrong)).toMatchObject({
      score: 0,
      passed: false,
      completed: false,
    });
    const second = await startAttempt(learner.id, course.id);
    expect(second).not.toBe(first);
    expect(
      await submitAttempt(learner.id, course.id, second, await correctAnswers(second)),
    ).toMatchObject({
      score: 100,
      passed: true,
      completed: true,
    });
    const enrolment = await getDb().enrolment.findFirstOrThrow({
      where: { userId: learner.id, courseId: course.id },
      include: { certificate: true },
    });
    expect(enrolment).toMatchObject({ status: "COMPLETED", bestScore: 100, openKey: null });
    expect(enrolment.certificate?.code).toMatch(/^[A-Z0-9]{20}$/);
    expect(await verifyCertificate(enrolment.certificate!.code)).toMatchObject({
      status: "valid",
      name: learner.name,
      versionNumber: 1,
    });
    expect(await verifyCertificate("NOSUCHCODE0000000000")).toEqual({ status: "unknown" });
    const learning = await getMyLearning(learner.id);
    expect(learning.completed.map((c) => c.courseId)).toEqual([course.id]);
  });

  it("completes a course without a quiz when the last lesson is done", async () => {
    const { course, learner } = await assignedLearner(2, 0);
    await finishLessons(learner.id, course.id);
    expect(await getDb().certificate.count({ where: { userId: learner.id } })).toBe(1);
  });

  it("pins the version on start: edits and version 2 do not touch a learner on version 1; new ones get version 2", async () => {
    const { course, learner, trainer, hr } = await assignedLearner(2, 0);
    const player = await getPlayer(learner.id, course.id);
    await markLessonDone(learner.id, course.id, player.lessons[0]!.id);
    const lesson = await getDb().lesson.findFirstOrThrow({
      where: { courseId: course.id },
      orderBy: { position: "asc" },
    });
    await updateLesson(trainer, course.id, lesson.id, {
      ...lessonSchema.parse({ title: "Rewritten" }),
      revision: lesson.revision,
    });
    await addLesson(trainer, course.id, lessonSchema.parse({ title: "Extra lesson" }));
    await publishCourse(trainer, course.id);
    const pinned = await getPlayer(learner.id, course.id);
    expect(pinned.versionNumber).toBe(1);
    expect(pinned.lessons.map((l) => l.title)).toEqual(["Lesson 1", "Lesson 2"]);
    const newcomer = await makeUser();
    await createRule(hr, ruleForm(course.id, { targetType: "PEOPLE", userIds: newcomer.id }));
    const fresh = await getPlayer(newcomer.id, course.id);
    expect(fresh.versionNumber).toBe(2);
    expect(fresh.lessons.map((l) => l.title)).toEqual(["Rewritten", "Lesson 2", "Extra lesson"]);
  });

  it("refuses other people's courses and attempts: 403 when not enrolled, 404 for unknown or foreign", async () => {
    const { course, learner } = await assignedLearner(1, 2);
    const stranger = await makeUser();
    await expect(getPlayer(stranger.id, course.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(startAttempt(stranger.id, course.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getPlayer(learner.id, "no-such-course")).rejects.toBeInstanceOf(NotFoundError);
    const attempt = await startAttempt(learner.id, course.id);
    await expect(getAttempt(stranger.id, course.id, attempt)).rejects.toBeInstanceOf(NotFoundError);
    await expect(submitAttempt(stranger.id, course.id, attempt, {})).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe("quiz attempts", () => {
  it("sends no answers before submission, draws the configured number and shuffles", async () => {
    const { course, learner } = await assignedLearner(1, 5, { drawCount: "3" });
    const attemptId = await startAttempt(learner.id, course.id);
    const view = await getAttempt(learner.id, course.id, attemptId);
    expect(view.submitted).toBe(false);
    expect(view.questions).toHaveLength(3);
    const json = JSON.stringify(view);
    expect(json).not.toMatch(/"correct"|explanation|acceptedAnswers|Acknowledge first/);
    // Starting again while it is open returns the same attempt.
    expect(await startAttempt(learner.id, course.id)).toBe(attemptId);
  });

  it("refuses tampered answers with 400 and records nothing", async () => {
    const { course, learner } = await assignedLearner(1, 2);
    const attemptId = await startAttempt(learner.id, course.id);
    const answers = await correctAnswers(attemptId);
    const [q1, q2] = Object.keys(answers);
    const foreignOption = { [q1!]: { optionIds: answers[q2!]!.optionIds.map((id) => `${id}x`) } };
    await expect(
      submitAttempt(learner.id, course.id, attemptId, foreignOption),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      submitAttempt(learner.id, course.id, attemptId, { "not-a-question": { optionIds: [] } }),
    ).rejects.toMatchObject({
      fieldErrors: { answers: "learning.quiz.tampered" },
    });
    await expect(
      submitAttempt(learner.id, course.id, attemptId, { [q1!]: { text: "free text" } }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(
      (await getDb().quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).submittedAt,
    ).toBeNull();
  });

  it("enforces the time limit on the server: a late submission scores 0", async () => {
    const { course, learner } = await assignedLearner(1, 2, { timeLimitMinutes: "5" });
    const start = new Date("2026-07-01T09:00:00Z");
    const attemptId = await startAttempt(learner.id, course.id, start);
    const answers = await correctAnswers(attemptId);
    const late = new Date(start.getTime() + 6 * 60_000);
    expect(await submitAttempt(learner.id, course.id, attemptId, answers, late)).toMatchObject({
      timeUp: true,
      score: 0,
    });
    expect(await getDb().quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject(
      { score: 0, passed: false },
    );
    // In time (within the limit) is graded normally.
    const next = await startAttempt(learner.id, course.id, late);
    expect(
      await submitAttempt(
        learner.id,
        course.id,
        next,
        await correctAnswers(next),
        new Date(late.getTime() + 4 * 60_000),
      ),
    ).toMatchObject({ score: 100 });
  });

  it("enforces attempts allowed", async () => {
    const { course, learner } = await assignedLearner(1, 2, { attemptsAllowed: "2" });
    for (let i = 0; i < 2; i++) {
      const id = await startAttempt(learner.id, course.id);
      await submitAttempt(learner.id, course.id, id, {});
    }
    await expect(startAttempt(learner.id, course.id)).rejects.toMatchObject({
      messageKey: "learning.quiz.noAttemptsLeft",
    });
    expect(await getDb().quizAttempt.count({ where: { enrolment: { userId: learner.id } } })).toBe(
      2,
    );
  });

  it("records exactly one result when one attempt is submitted 50 times at once", async () => {
    const { course, learner } = await assignedLearner(0 + 1, 3);
    await finishLessons(learner.id, course.id);
    const attemptId = await startAttempt(learner.id, course.id);
    const answers = await correctAnswers(attemptId);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => submitAttempt(learner.id, course.id, attemptId, answers)),
    );
    expect(results.filter((r) => !r.alreadySubmitted)).toHaveLength(1);
    const attempts = await getDb().quizAttempt.findMany({
      where: { enrolment: { userId: learner.id } },
    });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ score: 100, passed: true });
    expect(await getDb().certificate.count({ where: { userId: learner.id } })).toBe(1);
  });

  it("does not start a quiz for a completed course", async () => {
    const { course, learner } = await assignedLearner(1, 0);
    await finishLessons(learner.id, course.id);
    await expect(startAttempt(learner.id, course.id)).rejects.toBeInstanceOf(ConflictError);
  });
});

describe("grading attempts of every question type", () => {
  it("grades single, multiple (partial credit), true/false and short answers in one attempt", async () => {
    const hr = await principalFor("HR");
    const trainer = await principalFor("TRAINER");
    const { makeCourse } = await import("../support/courses");
    const { addQuestion } = await import("~/modules/courses/content.server");
    const { questionSchema } = await import("~/modules/courses/schemas");
    const course = await makeCourse(trainer, 1, 0);
    const q = (input: Record<string, unknown>) =>
      addQuestion(trainer, course.id, questionSchema.parse(input));
    await q({
      type: "SINGLE",
      prompt: "S",
      options: [
        { id: "a", text: "A", correct: true },
        { id: "b", text: "B", correct: false },
      ],
    });
    await q({
      type: "MULTIPLE",
      prompt: "M",
      partialCredit: true,
      options: [
        { id: "a", text: "A", correct: true },
        { id: "b", text: "B", correct: true },
        { id: "c", text: "C", correct: false },
      ],
    });
    await q({
      type: "TRUE_FALSE",
      prompt: "T",
      options: [
        { id: "true", text: "True", correct: false },
        { id: "false", text: "False", correct: true },
      ],
    });
    await q({ type: "SHORT", prompt: "A", acceptedAnswers: [{ value: "Net Promoter" }] });
    await publishCourse(trainer, course.id);
    const learner = await makeUser();
    await createRule(hr, ruleForm(course.id, { targetType: "PEOPLE", userIds: learner.id }));
    const attemptId = await startAttempt(learner.id, course.id);
    const ids = Object.fromEntries(
      (await getDb().question.findMany({ where: { courseId: course.id } })).map((row) => [
        row.prompt,
        row.id,
      ]),
    );
    const result = await submitAttempt(learner.id, course.id, attemptId, {
      [ids.S!]: { optionIds: ["a"] },
      [ids.M!]: { optionIds: ["a"] },
      [ids.T!]: { optionIds: ["false"] },
      [ids.A!]: { text: "  net   PROMOTER " },
    });
    // 1 + 0.5 + 1 + 1 out of 4 = 87.5 %
    expect(result).toMatchObject({ score: 87.5, passed: true });
    const view = await getAttempt(learner.id, course.id, attemptId);
    // The page knows questions by the attempt's opaque ids, not the bank's.
    const keyOfM = view.questions.find((question) => question.prompt === "M")!.id;
    expect(
      view.submitted &&
        view.review.map((r) => [r.id === keyOfM, r.score]).find(([isM]) => isM)?.[1],
    ).toBe(0.5);
  });
});

describe("recurrence", () => {
  it("expires a completion after N months and creates a new enrolment due at expiry, keeping the history", async () => {
    const hr = await principalFor("HR");
    const trainer = await principalFor("TRAINER");
    const course = await publishedCourse(trainer, 1, 0);
    const learner = await makeUser();
    const start = new Date("2025-01-10T00:00:00Z");
    await createRule(
      hr,
      ruleForm(course.id, { targetType: "PEOPLE", userIds: learner.id, recurrenceMonths: "12" }),
      start,
    );
    const lessonId = (await getPlayer(learner.id, course.id)).lessons[0]!.id;
    await markLessonDone(learner.id, course.id, lessonId, start);
    const completed = await getDb().enrolment.findFirstOrThrow({
      where: { userId: learner.id, courseId: course.id },
    });
    expect(completed.expiresAt?.toISOString()).toBe("2026-01-10T00:00:00.000Z");
    // Months later nothing new; 30 days before expiry the renewal appears, due at expiry.
    await syncUserEnrolments(learner.id, new Date("2025-06-01T00:00:00Z"));
    expect(await getDb().enrolment.count({ where: { userId: learner.id } })).toBe(1);
    await syncUserEnrolments(learner.id, new Date(completed.expiresAt!.getTime() - 20 * DAY));
    const all = await getDb().enrolment.findMany({
      where: { userId: learner.id },
      orderBy: { assignedAt: "asc" },
    });
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({ status: "NOT_STARTED", previousEnrolmentId: completed.id });
    expect(all[1]!.dueAt?.toISOString()).toBe("2026-01-10T00:00:00.000Z");
    await syncUserEnrolments(learner.id, new Date("2026-02-01T00:00:00Z"));
    expect(await getDb().enrolment.count({ where: { userId: learner.id } })).toBe(2);
    const certificate = await getDb().certificate.findFirstOrThrow({
      where: { userId: learner.id },
    });
    expect(
      (await verifyCertificate(certificate.code, new Date("2026-02-01T00:00:00Z"))).status,
    ).toBe("expired");
    const learning = await getMyLearning(learner.id, new Date("2026-02-01T00:00:00Z"));
    expect(learning.completed.map((c) => c.status)).toEqual(["EXPIRED"]);
    expect(learning.overdue.map((c) => c.courseId)).toEqual([course.id]);
  });

  it("lets employees enrol themselves in a published course, once", async () => {
    const trainer = await principalFor("TRAINER");
    const course = await publishedCourse(trainer, 1, 0);
    const learner = await makeUser();
    const a = await selfEnrol(learner.id, course.id);
    const b = await selfEnrol(learner.id, course.id);
    expect(a.id).toBe(b.id);
    expect(a.selfEnrolled).toBe(true);
  });

  it("stops recertifying once the rule is removed, and for people who have left", async () => {
    const hr = await principalFor("HR");
    const admin = await principalFor("ADMIN");
    const trainer = await principalFor("TRAINER");
    const course = await publishedCourse(trainer, 1, 0);
    const stays = await makeUser();
    const leaves = await makeUser();
    const start = new Date("2025-03-01T00:00:00Z");
    const { rule } = await createRule(
      hr,
      ruleForm(course.id, {
        targetType: "PEOPLE",
        userIds: `${stays.id},${leaves.id}`,
        recurrenceMonths: "6",
      }),
      start,
    );
    for (const person of [stays, leaves]) {
      const lessonId = (await getPlayer(person.id, course.id)).lessons[0]!.id;
      await markLessonDone(person.id, course.id, lessonId, start);
    }
    const { setUserActive } = await import("~/modules/org/users.server");
    await setUserActive(admin, leaves.id, false);
    const { applyAllRules, removeRule } = await import("~/modules/learning/index.server");
    await applyAllRules(new Date("2025-08-20T00:00:00Z"));
    expect(await getDb().enrolment.count({ where: { userId: stays.id } })).toBe(2);
    expect(await getDb().enrolment.count({ where: { userId: leaves.id } })).toBe(1);
    // The renewal belongs to the rule: it shows in the rule's list and goes when the rule goes.
    await removeRule(hr, rule.id, new Date("2025-08-21T00:00:00Z"));
    const renewal = await getDb().enrolment.findFirstOrThrow({
      where: { userId: stays.id, previousEnrolmentId: { not: null } },
    });
    expect(renewal.status).toBe("WITHDRAWN");
    await applyAllRules(new Date("2026-08-20T00:00:00Z"));
    expect(
      await getDb().enrolment.count({ where: { userId: stays.id, openKey: { not: null } } }),
    ).toBe(0);
  });

  it("adds months without overflowing short months", async () => {
    const { addMonths } = await import("~/modules/learning/matching");
    expect(addMonths(new Date("2026-01-31T10:00:00Z"), 1).toISOString()).toBe(
      "2026-02-28T10:00:00.000Z",
    );
    expect(addMonths(new Date("2024-02-29T00:00:00Z"), 12).toISOString()).toBe(
      "2025-02-28T00:00:00.000Z",
    );
    expect(addMonths(new Date("2026-05-15T00:00:00Z"), 12).toISOString()).toBe(
      "2027-05-15T00:00:00.000Z",
    );
  });
});
