import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { overrideChunkSizes } from "~/lib/chunks.server";
import { getDb } from "~/lib/db.server";
import { raise } from "~/lib/domain-events.server";
import { getFixedT } from "~/lib/i18n.server";
import type { Principal } from "~/lib/permissions";
import { ideaSchema } from "~/modules/ideas";
import { changeStatus, createIdea } from "~/modules/ideas/index.server";
import { AWARDABLE_BADGES, badgeRuleFormSchema, type AwardableBadge } from "~/modules/incentives";
import {
  badgesByPerson,
  badgesOf,
  ensureBadgeRules,
  setBadgeRuleActive,
} from "~/modules/incentives/index.server";
import {
  getPlayer,
  markLessonDone,
  selfEnrol,
  startAttempt,
  submitAttempt,
} from "~/modules/learning/index.server";
import { localiseParams, noticeParamsSchema } from "~/modules/notifications";
import { makeUser, principalFor } from "../support/factories";
import { correctAnswers, publishedCourse } from "../support/learning";

// Badges (decision 032): awarded once per person, in the transaction of the event that earns
// them, while their rule is on; introducing or switching on a badge gives it, once, to
// everyone who already qualifies.

const asPrincipal = (id: string): Principal => ({ id, role: "EMPLOYEE", scopeDepartmentIds: [] });

// One database for the file: every test starts with every badge introduced and on.
beforeEach(async () => {
  await getDb().badgeRule.deleteMany();
  await getDb().badgeRule.createMany({
    data: AWARDABLE_BADGES.map((key) => ({ key, active: true })),
  });
});

async function badgeKeysOf(userId: string) {
  return (await badgesOf(userId)).map((badge) => badge.key);
}

async function badgeNotices(userId: string) {
  return getDb().notification.findMany({ where: { userId, type: "BADGE_EARNED" } });
}

async function completeCourse(userId: string, courseId: string) {
  await selfEnrol(userId, courseId);
  const player = await getPlayer(userId, courseId);
  for (const lesson of player.lessons) await markLessonDone(userId, courseId, lesson.id);
}

/** A kudos as the kudos part sends it: its row and its event, in one transaction. */
async function sendKudos(fromId: string, toId: string) {
  await getDb().$transaction(async (tx) => {
    const kudos = await tx.kudos.create({
      data: { fromId, toId, message: "Thank you", points: 10, submitKey: randomUUID() },
    });
    await raise(tx, "kudos.sent", { kudosId: kudos.id, fromId, toId, points: 10, at: new Date() });
  });
}

/** A kudos row from before badges existed: no event reaches the badges. */
const pastKudos = (fromId: string, toId: string) =>
  getDb().kudos.create({
    data: { fromId, toId, message: "Earlier thanks", points: 10, submitKey: randomUUID() },
  });

const switchBadge = (hr: Principal, key: AwardableBadge, active: boolean) =>
  setBadgeRuleActive(hr, badgeRuleFormSchema.parse({ key, active: active ? "on" : "" }));

async function implementIdea(authorId: string, anonymous = false) {
  const ideaId = await createIdea(
    asPrincipal(authorId),
    ideaSchema.parse({
      title: `Idea ${randomUUID().slice(0, 8)}`,
      problem: "Slow",
      proposal: "Faster",
      category: "PROCESS_STEP",
      anonymous,
    }),
  );
  const reviewer = await principalFor("HR");
  for (const step of ["UNDER_REVIEW", "ACCEPTED", "IMPLEMENTED"] as const) {
    await changeStatus(reviewer, ideaId, step, "");
  }
}

describe("badges on their events", () => {
  it("a perfect quiz earns PERFECT_QUIZ once, with one notification naming it in the reader's language", async () => {
    const trainer = await principalFor("TRAINER");
    const person = await makeUser();
    for (const course of [
      await publishedCourse(trainer, 1, 2),
      await publishedCourse(trainer, 1, 2),
    ]) {
      await completeCourse(person.id, course.id);
      const attempt = await startAttempt(person.id, course.id);
      await submitAttempt(person.id, course.id, attempt, await correctAnswers(attempt));
    }
    expect(await badgeKeysOf(person.id)).toEqual(["PERFECT_QUIZ"]);
    const notices = await badgeNotices(person.id);
    expect(notices).toHaveLength(1);
    const params = noticeParamsSchema.parse(notices[0]!.params);
    expect(params).toEqual({ badgeKey: "rewards.badges.PERFECT_QUIZ.name" });
    const zh = await getFixedT("zh");
    expect(zh("notifications.events.BADGE_EARNED.body", localiseParams(zh, params))).toContain(
      "满分测验",
    );
    expect(notices[0]!.link).toBe(`/rewards/people/${person.id}`);
  });

  it("FIVE_COURSES comes with the fifth different course, not the fourth", async () => {
    const trainer = await principalFor("TRAINER");
    const person = await makeUser();
    const courses = [];
    for (let i = 0; i < 5; i++) courses.push(await publishedCourse(trainer, 1, 0));
    for (const course of courses.slice(0, 4)) await completeCourse(person.id, course.id);
    expect(await badgeKeysOf(person.id)).toEqual([]);
    await completeCourse(person.id, courses[4]!.id);
    expect(await badgeKeysOf(person.id)).toEqual(["FIVE_COURSES"]);
  });

  it("FIRST_IDEA_IMPLEMENTED for an idea under the author's name, once; never for an anonymous one", async () => {
    const author = await makeUser();
    await implementIdea(author.id);
    await implementIdea(author.id);
    expect(await badgeKeysOf(author.id)).toEqual(["FIRST_IDEA_IMPLEMENTED"]);
    expect(await badgeNotices(author.id)).toHaveLength(1);
    const anonymous = await makeUser();
    await implementIdea(anonymous.id, true);
    expect(await badgeKeysOf(anonymous.id)).toEqual([]);
  });

  it("FIRST_KUDOS_RECEIVED at the first kudos; TEN_KUDOS_GIVEN at the tenth, not the ninth", async () => {
    const giver = await makeUser();
    const receivers = await Promise.all(Array.from({ length: 10 }, () => makeUser()));
    for (const receiver of receivers.slice(0, 9)) await sendKudos(giver.id, receiver.id);
    expect(await badgeKeysOf(giver.id)).toEqual([]);
    expect(await badgeKeysOf(receivers[0]!.id)).toEqual(["FIRST_KUDOS_RECEIVED"]);
    await sendKudos(giver.id, receivers[9]!.id);
    expect(await badgeKeysOf(giver.id)).toEqual(["TEN_KUDOS_GIVEN"]);
    await sendKudos(giver.id, receivers[0]!.id);
    expect(await badgeKeysOf(receivers[0]!.id)).toEqual(["FIRST_KUDOS_RECEIVED"]);
    expect(await badgeNotices(receivers[0]!.id)).toHaveLength(1);
  });

  it("20 kudos to one person sent at once award FIRST_KUDOS_RECEIVED once", async () => {
    const receiver = await makeUser();
    const givers = await Promise.all(Array.from({ length: 20 }, () => makeUser()));
    await Promise.all(givers.map((giver) => sendKudos(giver.id, receiver.id)));
    expect(await badgeKeysOf(receiver.id)).toEqual(["FIRST_KUDOS_RECEIVED"]);
    expect(await badgeNotices(receiver.id)).toHaveLength(1);
  });

  it("a badge switched off, or never introduced, is not awarded; awards made stay", async () => {
    const hr = await principalFor("HR");
    const [first, second] = [await makeUser(), await makeUser()];
    await sendKudos(first.id, second.id);
    await switchBadge(hr, "FIRST_KUDOS_RECEIVED", false);
    await sendKudos(second.id, first.id);
    expect(await badgeKeysOf(first.id)).toEqual([]);
    expect(await badgeKeysOf(second.id)).toEqual(["FIRST_KUDOS_RECEIVED"]);
    await getDb().badgeRule.deleteMany({ where: { key: "PERFECT_QUIZ" } });
    const course = await publishedCourse(await principalFor("TRAINER"), 1, 2);
    await completeCourse(first.id, course.id);
    const attempt = await startAttempt(first.id, course.id);
    await submitAttempt(first.id, course.id, attempt, await correctAnswers(attempt));
    expect(await badgeKeysOf(first.id)).toEqual([]);
  });

  it("INITIATIVE_COURSES is introduced with the others; only its event awards it", async () => {
    await getDb().badgeRule.deleteMany();
    await ensureBadgeRules();
    const keys = (await getDb().badgeRule.findMany()).map((rule) => rule.key).sort();
    expect(keys).toEqual([...AWARDABLE_BADGES].sort());
    expect(keys).toContain("INITIATIVE_COURSES");
    // The backfill finds no one for it (incentives cannot read initiatives, decision 040).
    expect(await getDb().badgeAward.count({ where: { badgeKey: "INITIATIVE_COURSES" } })).toBe(0);
    const person = await makeUser();
    await getDb().$transaction((tx) =>
      raise(tx, "initiative.courses_completed", {
        userId: person.id,
        initiativeId: "initiative",
        at: new Date(),
      }),
    );
    expect(await badgeKeysOf(person.id)).toEqual(["INITIATIVE_COURSES"]);
  });
});

describe("badge backfill", () => {
  it("ensureBadgeRules gives a newly introduced badge to everyone who already qualifies, once", async () => {
    await getDb().badgeRule.deleteMany();
    const giver = await makeUser();
    const receivers = await Promise.all(Array.from({ length: 5 }, () => makeUser()));
    // Before the badges existed: twelve kudos from one person, two to the first receiver.
    for (let i = 0; i < 12; i++) await pastKudos(giver.id, receivers[i % 5]!.id);
    const author = await makeUser();
    await implementIdea(author.id);
    const everyone = [giver, author, ...receivers].map((person) => person.id);
    expect(await getDb().badgeAward.count({ where: { userId: { in: everyone } } })).toBe(0);

    const at = new Date("2026-12-01T09:00:00.000Z");
    const restore = overrideChunkSizes({ badgeAwards: 2 });
    try {
      const runs = await Promise.all([ensureBadgeRules(at), ensureBadgeRules(at)]);
      const total = (key: AwardableBadge) => runs.reduce((sum, run) => sum + run[key], 0);
      expect(total("FIRST_KUDOS_RECEIVED")).toBeGreaterThanOrEqual(5);
      expect(total("TEN_KUDOS_GIVEN")).toBeGreaterThanOrEqual(1);
      expect(total("FIRST_IDEA_IMPLEMENTED")).toBeGreaterThanOrEqual(1);
    } finally {
      restore();
    }
    for (const receiver of receivers) {
      expect(await badgesOf(receiver.id)).toEqual([{ key: "FIRST_KUDOS_RECEIVED", awardedAt: at }]);
      expect(await badgeNotices(receiver.id)).toHaveLength(1);
    }
    expect(await badgeKeysOf(giver.id)).toEqual(["TEN_KUDOS_GIVEN"]);
    expect(await badgeKeysOf(author.id)).toEqual(["FIRST_IDEA_IMPLEMENTED"]);
    expect(await badgeNotices(giver.id)).toHaveLength(1);

    // A second run finds nobody new.
    const again = await ensureBadgeRules(new Date());
    expect(Object.values(again).reduce((sum, count) => sum + count, 0)).toBe(0);
  });

  it("finds people who qualify through learning: five courses and perfect quizzes", async () => {
    const trainer = await principalFor("TRAINER");
    const hr = await principalFor("HR");
    // What earlier tests left qualifying is awarded first, so the counts below are this test's.
    await ensureBadgeRules();
    await switchBadge(hr, "FIVE_COURSES", false);
    await switchBadge(hr, "PERFECT_QUIZ", false);
    const busy = await makeUser();
    const perfect = await makeUser();
    for (let i = 0; i < 5; i++) {
      await completeCourse(busy.id, (await publishedCourse(trainer, 1, 0)).id);
    }
    const quiz = await publishedCourse(trainer, 1, 2);
    await completeCourse(perfect.id, quiz.id);
    const attempt = await startAttempt(perfect.id, quiz.id);
    await submitAttempt(perfect.id, quiz.id, attempt, await correctAnswers(attempt));
    expect(await badgeKeysOf(busy.id)).toEqual([]);
    expect(await badgeKeysOf(perfect.id)).toEqual([]);

    expect(await switchBadge(hr, "FIVE_COURSES", true)).toEqual({ awarded: 1 });
    expect((await switchBadge(hr, "PERFECT_QUIZ", true)).awarded).toBe(1);
    expect(await badgeKeysOf(busy.id)).toEqual(["FIVE_COURSES"]);
    expect(await badgeKeysOf(perfect.id)).toEqual(["PERFECT_QUIZ"]);
  });

  it("switching a badge on again backfills once more, still once per person, and both switches are audited", async () => {
    const hr = await principalFor("HR");
    await ensureBadgeRules();
    const [first, second, third] = [await makeUser(), await makeUser(), await makeUser()];
    await sendKudos(first.id, second.id);
    await switchBadge(hr, "FIRST_KUDOS_RECEIVED", false);
    await sendKudos(second.id, third.id);
    await sendKudos(third.id, second.id);
    expect(await badgeKeysOf(third.id)).toEqual([]);
    const { awarded } = await switchBadge(hr, "FIRST_KUDOS_RECEIVED", true);
    expect(awarded).toBe(1);
    expect(await badgeKeysOf(third.id)).toEqual(["FIRST_KUDOS_RECEIVED"]);
    expect(await badgeKeysOf(second.id)).toEqual(["FIRST_KUDOS_RECEIVED"]);
    expect(await badgeNotices(second.id)).toHaveLength(1);
    expect((await switchBadge(hr, "FIRST_KUDOS_RECEIVED", true)).awarded).toBe(0);

    const audit = await getDb().auditEvent.findMany({
      where: { actorId: hr.id, subjectType: "BadgeRule" },
      orderBy: { createdAt: "asc" },
      select: { action: true, before: true, after: true },
    });
    expect(audit.slice(0, 3)).toEqual([
      { action: "incentives.badge_rule", before: { active: true }, after: { active: false } },
      { action: "incentives.badge_rule", before: { active: false }, after: { active: true } },
      { action: "incentives.badge_backfill", before: null, after: { awarded: 1 } },
    ]);
  });

  it("only HR and administrators switch badges", async () => {
    const employee = await principalFor("EMPLOYEE");
    await expect(switchBadge(employee, "PERFECT_QUIZ", false)).rejects.toMatchObject({
      status: 403,
    });
    expect(
      await getDb().badgeRule.findUniqueOrThrow({ where: { key: "PERFECT_QUIZ" } }),
    ).toMatchObject({ active: true });
  });

  it("badgesByPerson reads several people's badges in chunks", async () => {
    const people = await Promise.all(Array.from({ length: 3 }, () => makeUser()));
    const giver = await makeUser();
    for (const person of people.slice(0, 2)) await sendKudos(giver.id, person.id);
    const restore = overrideChunkSizes({ lookups: 2 });
    try {
      const byPerson = await badgesByPerson(people.map((person) => person.id));
      expect(people.map((person) => byPerson.get(person.id)!.map((b) => b.key))).toEqual([
        ["FIRST_KUDOS_RECEIVED"],
        ["FIRST_KUDOS_RECEIVED"],
        [],
      ]);
    } finally {
      restore();
    }
  });
});
