import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { ValidationError } from "~/lib/errors";
import { can } from "~/lib/permissions";
import { addQuestion, publishCourse } from "~/modules/courses/index.server";
import { questionSchema } from "~/modules/courses";
import { createRule, startAttempt } from "~/modules/learning/index.server";
import * as previewRoute from "~/routes/courses/preview";
import * as quizRoute from "~/routes/learn/quiz";
import { makeCourse } from "../support/courses";
import { makeUser, principalFor, request, sessionCookie, thrownStatus } from "../support/factories";
import { ruleForm } from "../support/learning";

const loaderArgs = (req: Request, params: Record<string, string> = {}) =>
  ({ request: req, params, context: {} }) as LoaderFunctionArgs;
const actionArgs = (req: Request, params: Record<string, string> = {}) =>
  ({ request: req, params, context: {} }) as ActionFunctionArgs;

const BANK_IDS = ["a", "b", "c", "true", "false"];

interface ViewQuestion {
  id: string;
  type: string;
  prompt: string;
  options: { id: string; text: string }[];
}

/** A course whose bank ids are the guessable kind ("a", "b", …), with every choice type. */
async function courseWithEveryType() {
  const trainer = await principalFor("TRAINER");
  const course = await makeCourse(trainer, 1, 0);
  const add = (input: Record<string, unknown>) =>
    addQuestion(trainer, course.id, questionSchema.parse(input));
  await add({
    type: "SINGLE",
    prompt: "S",
    explanation: "Because A.",
    options: [
      { id: "a", text: "A", correct: true },
      { id: "b", text: "B", correct: false },
    ],
  });
  await add({
    type: "MULTIPLE",
    prompt: "M",
    options: [
      { id: "a", text: "A", correct: true },
      { id: "b", text: "B", correct: true },
      { id: "c", text: "C", correct: false },
    ],
  });
  await add({
    type: "TRUE_FALSE",
    prompt: "T",
    options: [
      { id: "true", text: "True", correct: false },
      { id: "false", text: "False", correct: true },
    ],
  });
  await add({ type: "SHORT", prompt: "Q", acceptedAnswers: [{ value: "Net Promoter" }] });
  return { trainer, course };
}

/** Right answers for a view, found by option text (what a learner reads). */
function rightAnswers(questions: ViewQuestion[]) {
  const pick = (q: ViewQuestion, texts: string[]) => ({
    optionIds: q.options.filter((o) => texts.includes(o.text)).map((o) => o.id),
  });
  return Object.fromEntries(
    questions.map((q) => [
      q.id,
      q.prompt === "S"
        ? pick(q, ["A"])
        : q.prompt === "M"
          ? pick(q, ["A", "B"])
          : q.prompt === "T"
            ? pick(q, ["False"])
            : { text: "net promoter" },
    ]),
  );
}

function expectOpaque(questions: ViewQuestion[], questionIds: string[]) {
  for (const question of questions) {
    expect(questionIds).not.toContain(question.id);
    for (const option of question.options) {
      expect(BANK_IDS).not.toContain(option.id);
      expect(option.id.length).toBeGreaterThanOrEqual(12);
    }
  }
}

describe("preview grading shows the key to editors of the course only", () => {
  it("refuses a trainer who does not own the course (403, no key); the owner and HR are graded", async () => {
    const { trainer, course } = await courseWithEveryType();
    const params = { courseId: course.id };
    const load = async (cookie: string) =>
      (await previewRoute.loader(
        loaderArgs(request(`/courses/${course.id}/preview`, { cookie }), params),
      )) as unknown as { nonce: string; canGrade: boolean; questions: ViewQuestion[] };
    const grade = (cookie: string, body: unknown) =>
      previewRoute.action(
        actionArgs(
          new Request(`http://localhost/courses/${course.id}/preview`, {
            method: "POST",
            headers: { Cookie: cookie, "Content-Type": "application/json" },
            body: JSON.stringify(body),
          }),
          params,
        ),
      );

    // Another trainer may read (preview) the course but not grade it.
    const other = await principalFor("TRAINER");
    const otherCookie = (await sessionCookie(other.id)).cookie;
    const seen = await load(otherCookie);
    expect(seen.canGrade).toBe(false);
    let refused: unknown;
    const status = await thrownStatus(async () => {
      refused = await grade(otherCookie, {
        nonce: seen.nonce,
        answers: rightAnswers(seen.questions),
      });
    });
    expect(status).toBe(403);
    expect(JSON.stringify(refused ?? "")).not.toMatch(/correctOptionIds|Net Promoter|Because A/);

    // HR may edit every course (permission map), so HR is graded like the owner.
    expect(
      can({ id: "x", role: "HR", scopeDepartmentIds: [] }, "update", {
        type: "Course",
        ownerId: trainer.id,
      }),
    ).toBe(true);
    for (const editor of [trainer, await principalFor("HR")]) {
      const cookie = (await sessionCookie(editor.id)).cookie;
      const view = await load(cookie);
      expect(view.canGrade).toBe(true);
      const graded = (await grade(cookie, {
        nonce: view.nonce,
        answers: rightAnswers(view.questions),
      })) as { percent: number; results: { id: string; correctOptionIds: string[] }[] };
      expect(graded.percent).toBe(100);
      // The review names options by this load's opaque ids too.
      const multiple = view.questions.find((q) => q.prompt === "M")!;
      expect(graded.results.find((r) => r.id === multiple.id)!.correctOptionIds.sort()).toEqual(
        multiple.options
          .filter((o) => o.text !== "C")
          .map((o) => o.id)
          .sort(),
      );
    }
  });

  it("an employee cannot grade a preview at all", async () => {
    const { course } = await courseWithEveryType();
    const employee = await makeUser();
    const cookie = (await sessionCookie(employee.id)).cookie;
    expect(
      await thrownStatus(() =>
        previewRoute.action(
          actionArgs(
            new Request(`http://localhost/courses/${course.id}/preview`, {
              method: "POST",
              headers: { Cookie: cookie, "Content-Type": "application/json" },
              body: JSON.stringify({ nonce: "n", answers: {} }),
            }),
            { courseId: course.id },
          ),
        ),
      ),
    ).toBe(403);
  });

  it("gives the preview opaque ids that change with every load", async () => {
    const { trainer, course } = await courseWithEveryType();
    const cookie = (await sessionCookie(trainer.id)).cookie;
    const questionIds = (await getDb().question.findMany({ where: { courseId: course.id } })).map(
      (q) => q.id,
    );
    const load = async () =>
      (await previewRoute.loader(
        loaderArgs(request(`/courses/${course.id}/preview`, { cookie }), { courseId: course.id }),
      )) as unknown as { questions: ViewQuestion[] };
    const first = await load();
    const second = await load();
    expectOpaque(first.questions, questionIds);
    const ids = (view: { questions: ViewQuestion[] }) =>
      view.questions.flatMap((q) => [q.id, ...q.options.map((o) => o.id)]);
    expect(ids(first).filter((id) => ids(second).includes(id))).toEqual([]);
  });
});

describe("quiz attempts show opaque option ids", () => {
  it("uses per-attempt ids in the page data, grades answers sent with them, and reviews with them", async () => {
    const { trainer, course } = await courseWithEveryType();
    await publishCourse(trainer, course.id);
    const hr = await principalFor("HR");
    const learner = await makeUser();
    await createRule(hr, ruleForm(course.id, { targetType: "PEOPLE", userIds: learner.id }));
    const cookie = (await sessionCookie(learner.id)).cookie;
    const questionIds = (await getDb().question.findMany({ where: { courseId: course.id } })).map(
      (q) => q.id,
    );
    const view = async (attemptId: string) =>
      (
        (await quizRoute.loader(
          loaderArgs(request(`/learn/${course.id}/quiz/${attemptId}`, { cookie }), {
            courseId: course.id,
            attemptId,
          }),
        )) as unknown as {
          attempt: {
            questions: ViewQuestion[];
            review?: {
              id: string;
              score: number;
              answer: { optionIds?: string[] };
              correctOptionIds: string[];
            }[];
          };
        }
      ).attempt;
    const submit = (attemptId: string, answers: unknown) =>
      quizRoute.action(
        actionArgs(
          new Request(`http://localhost/learn/${course.id}/quiz/${attemptId}`, {
            method: "POST",
            headers: { Cookie: cookie, "Content-Type": "application/json" },
            body: JSON.stringify({ answers }),
          }),
          { courseId: course.id, attemptId },
        ),
      );

    // A first attempt, failed on purpose (nothing chosen), then a second one.
    const first = await startAttempt(learner.id, course.id);
    const firstView = await view(first);
    expectOpaque(firstView.questions, questionIds);
    expect(JSON.stringify(firstView)).not.toMatch(/"(a|b|c|true|false)"/);
    await submit(first, Object.fromEntries(firstView.questions.map((q) => [q.id, {}])));

    const second = await startAttempt(learner.id, course.id);
    const secondView = await view(second);
    expectOpaque(secondView.questions, questionIds);
    const ids = (questions: ViewQuestion[]) =>
      questions.flatMap((q) => [q.id, ...q.options.map((o) => o.id)]);
    expect(ids(firstView.questions).filter((id) => ids(secondView.questions).includes(id))).toEqual(
      [],
    );

    // The ids of another attempt are refused as tampering, and nothing is recorded.
    const stale = await submit(second, rightAnswers(firstView.questions));
    expect(stale).toMatchObject({ init: { status: 400 } });
    expect(
      (await getDb().quizAttempt.findUniqueOrThrow({ where: { id: second } })).submittedAt,
    ).toBeNull();

    await submit(second, rightAnswers(secondView.questions));
    const stored = await getDb().quizAttempt.findUniqueOrThrow({ where: { id: second } });
    expect(stored.score).toBe(100);
    // Stored in bank ids (reports, review), shown in the attempt's ids.
    expect(JSON.stringify(stored.answers)).toContain('"false"');
    const reviewed = await view(second);
    const multiple = reviewed.questions.find((q) => q.prompt === "M")!;
    const review = reviewed.review!.find((r) => r.id === multiple.id)!;
    expect(review.score).toBe(1);
    expect(review.answer.optionIds!.sort()).toEqual(review.correctOptionIds.sort());
    expect(multiple.options.map((o) => o.id)).toEqual(
      expect.arrayContaining(review.correctOptionIds),
    );
  });

  it("keeps a tampered option id a validation error", async () => {
    const { trainer, course } = await courseWithEveryType();
    await publishCourse(trainer, course.id);
    const hr = await principalFor("HR");
    const learner = await makeUser();
    await createRule(hr, ruleForm(course.id, { targetType: "PEOPLE", userIds: learner.id }));
    const attemptId = await startAttempt(learner.id, course.id);
    const { submitBrowserAnswers, getAttempt } = await import("~/modules/learning/quiz.server");
    const attempt = await getAttempt(learner.id, course.id, attemptId);
    const single = attempt.questions.find((q) => q.prompt === "S")!;
    await expect(
      submitBrowserAnswers(learner.id, course.id, attemptId, { [single.id]: { optionIds: ["a"] } }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});
