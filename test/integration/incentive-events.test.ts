import { describe, expect, it, vi } from "vitest";
import { getDb } from "~/lib/db.server";
import { raise } from "~/lib/domain-events.server";
import type { Principal } from "~/lib/permissions";
import { changeStatus, createIdea } from "~/modules/ideas/index.server";
import { ideaSchema } from "~/modules/ideas";
import {
  getPlayer,
  markLessonDone,
  selfEnrol,
  startAttempt,
  submitAttempt,
} from "~/modules/learning/index.server";
import { DEFAULT_RULE_POINTS } from "~/modules/incentives";
import { balanceOf } from "~/modules/incentives/index.server";
import { makeUser, principalFor } from "../support/factories";
import { correctAnswers, publishedCourse } from "../support/learning";

// Points hang off the owners' domain events (decision 031): completing a course, a quiz and
// the ideas workflow award in the same transaction, through the real module functions.

async function entriesOf(userId: string) {
  return getDb().pointsEntry.findMany({
    where: { userId },
    select: { sourceType: true, points: true, kind: true },
    orderBy: { sourceType: "asc" },
  });
}

async function learner() {
  const user = await makeUser();
  return user.id;
}

async function finishLessons(userId: string, courseId: string) {
  const player = await getPlayer(userId, courseId);
  for (const lesson of player.lessons) await markLessonDone(userId, courseId, lesson.id);
}

const ideaInput = (overrides: Record<string, unknown> = {}) =>
  ideaSchema.parse({
    title: "Callback instead of hold music",
    problem: "Customers wait on hold.",
    proposal: "Offer a callback.",
    category: "CUSTOMER_EXPERIENCE",
    ...overrides,
  });

describe("points from learning", () => {
  it("a course passed with a perfect first attempt earns completion, first-attempt and perfect points", async () => {
    const course = await publishedCourse(await principalFor("TRAINER"), 1, 2);
    const userId = await learner();
    await selfEnrol(userId, course.id);
    await finishLessons(userId, course.id);
    const attempt = await startAttempt(userId, course.id);
    await submitAttempt(userId, course.id, attempt, await correctAnswers(attempt));
    expect(await entriesOf(userId)).toEqual([
      {
        sourceType: "COURSE_COMPLETED",
        points: DEFAULT_RULE_POINTS.COURSE_COMPLETED,
        kind: "EARNED",
      },
      {
        sourceType: "QUIZ_FIRST_ATTEMPT",
        points: DEFAULT_RULE_POINTS.QUIZ_FIRST_ATTEMPT,
        kind: "EARNED",
      },
      { sourceType: "QUIZ_PERFECT", points: DEFAULT_RULE_POINTS.QUIZ_PERFECT, kind: "EARNED" },
    ]);
    expect(await balanceOf(userId)).toBe(
      DEFAULT_RULE_POINTS.COURSE_COMPLETED +
        DEFAULT_RULE_POINTS.QUIZ_FIRST_ATTEMPT +
        DEFAULT_RULE_POINTS.QUIZ_PERFECT,
    );
  });

  it("a pass at the second attempt earns no first-attempt points", async () => {
    const course = await publishedCourse(await principalFor("TRAINER"), 1, 2);
    const userId = await learner();
    await selfEnrol(userId, course.id);
    await finishLessons(userId, course.id);
    const first = await startAttempt(userId, course.id);
    const wrong = Object.fromEntries(
      Object.keys(await correctAnswers(first)).map((id) => [id, { optionIds: [] }]),
    );
    await submitAttempt(userId, course.id, first, wrong);
    const second = await startAttempt(userId, course.id);
    await submitAttempt(userId, course.id, second, await correctAnswers(second));
    const kinds = (await entriesOf(userId)).map((entry) => entry.sourceType);
    expect(kinds).toEqual(["COURSE_COMPLETED", "QUIZ_PERFECT"]);
  });
});

describe("points from ideas", () => {
  it("submitting, acceptance and implementation each earn the author once", async () => {
    const author = await makeUser();
    const principal: Principal = { id: author.id, role: "EMPLOYEE", scopeDepartmentIds: [] };
    const reviewer = await principalFor("HR");
    const ideaId = await createIdea(principal, ideaInput());
    for (const step of [
      "UNDER_REVIEW",
      "ACCEPTED",
      "DECLINED",
      "UNDER_REVIEW",
      "ACCEPTED",
    ] as const) {
      await changeStatus(reviewer, ideaId, step, "because");
    }
    await changeStatus(reviewer, ideaId, "IMPLEMENTED", "");
    expect((await entriesOf(author.id)).map((entry) => entry.sourceType)).toEqual([
      "IDEA_ACCEPTED",
      "IDEA_IMPLEMENTED",
      "IDEA_SUBMITTED",
    ]);
    expect(await entriesOf(reviewer.id)).toEqual([]);
  });

  it("an anonymous idea earns nothing: an entry would name its author", async () => {
    const author = await makeUser();
    const principal: Principal = { id: author.id, role: "EMPLOYEE", scopeDepartmentIds: [] };
    const ideaId = await createIdea(principal, ideaInput({ anonymous: true }));
    const reviewer = await principalFor("HR");
    await changeStatus(reviewer, ideaId, "UNDER_REVIEW", "");
    await changeStatus(reviewer, ideaId, "ACCEPTED", "");
    expect(await entriesOf(author.id)).toEqual([]);
  });

  it("an award rolls back with the transaction that raised its event", async () => {
    const author = await makeUser();
    await expect(
      getDb().$transaction(async (tx) => {
        await raise(tx, "idea.submitted", {
          ideaId: "idea-1",
          authorId: author.id,
          anonymous: false,
          at: new Date(),
        });
        // The award is in this transaction: it is there until the rollback.
        expect(await tx.pointsEntry.count({ where: { userId: author.id } })).toBe(1);
        throw new Error("the submission failed after its event");
      }),
    ).rejects.toThrow("the submission failed");
    expect(await entriesOf(author.id)).toEqual([]);
  });
});

describe("domain events", () => {
  it("refuse to be raised in a process that never installed their subscribers", async () => {
    vi.resetModules();
    const fresh = await import("~/lib/domain-events.server");
    await expect(
      getDb().$transaction((tx) =>
        fresh.raise(tx, "idea.submitted", {
          ideaId: "idea-1",
          authorId: "someone",
          anonymous: false,
          at: new Date(),
        }),
      ),
    ).rejects.toThrow(fresh.SUBSCRIBERS_MISSING);
  });
});
