import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { overrideChunkSizes } from "~/lib/chunks.server";
import { getDb } from "~/lib/db.server";
import type { Principal } from "~/lib/permissions";
import { ideaSchema } from "~/modules/ideas";
import { changeStatus, createIdea } from "~/modules/ideas/index.server";
import {
  DEFAULT_RULE_POINTS,
  EARNING_RULES,
  earningRuleFormSchema,
  kudosSchema,
  type EarningRuleKey,
} from "~/modules/incentives";
import {
  awardRule,
  backfillEarningRule,
  backfillPreview,
  BACKFILL_REASON,
  balanceOf,
  sendKudos,
  updateEarningRule,
  verifyTotals,
} from "~/modules/incentives/index.server";
import {
  getPlayer,
  markLessonDone,
  selfEnrol,
  startAttempt,
  submitAttempt,
} from "~/modules/learning/index.server";
import { makeUser, principalFor } from "../support/factories";
import { correctAnswers, publishedCourse } from "../support/learning";

// Earning rules (decision 032): each source awards once whatever the interleaving; HR's
// changes apply to later awards only; a rule switched on awards nothing for the past until HR
// runs its backfill, which awards each missed source once and is audited.

const PARALLEL = 50;

async function entriesOf(userId: string, sourceType?: string) {
  return getDb().pointsEntry.findMany({
    where: { userId, ...(sourceType ? { sourceType } : {}) },
    orderBy: [{ createdAt: "asc" }, { sourceId: "asc" }],
  });
}

const setRule = (hr: Principal, key: EarningRuleKey, points: number, active: boolean) =>
  updateEarningRule(
    hr,
    earningRuleFormSchema.parse({ key, points: String(points), active: active ? "on" : "" }),
  );

// The tests of this file share one database: each starts from the default rules, and a
// backfill test first awards what earlier tests left unawarded, so its counts are its own.
beforeEach(async () => {
  await getDb().earningRule.deleteMany();
});

async function awardLeftovers(hr: Principal) {
  for (const key of EARNING_RULES) await backfillEarningRule(hr, key);
}

async function allRulesOff(hr: Principal) {
  for (const key of EARNING_RULES) await setRule(hr, key, DEFAULT_RULE_POINTS[key], false);
}

const ideaInput = (overrides: Record<string, unknown> = {}) =>
  ideaSchema.parse({
    title: `Idea ${randomUUID().slice(0, 8)}`,
    problem: "Customers wait on hold.",
    proposal: "Offer a callback.",
    category: "CUSTOMER_EXPERIENCE",
    ...overrides,
  });

const asPrincipal = (id: string): Principal => ({ id, role: "EMPLOYEE", scopeDepartmentIds: [] });

async function completeCourse(userId: string, courseId: string) {
  await selfEnrol(userId, courseId);
  const player = await getPlayer(userId, courseId);
  for (const lesson of player.lessons) await markLessonDone(userId, courseId, lesson.id);
}

/** A kudos row as the kudos part stores it (same module as the rules). */
async function kudosRow(fromId: string, toId: string) {
  return getDb().kudos.create({
    data: { fromId, toId, message: "Thank you", points: 10, submitKey: randomUUID() },
  });
}

async function auditOf(action: string, subjectId: string) {
  return getDb().auditEvent.findMany({
    where: { action, subjectId },
    orderBy: { createdAt: "asc" },
  });
}

describe("each source awards once", () => {
  it(`under ${PARALLEL} parallel awards of the same source in separate transactions, for every rule`, async () => {
    const person = await makeUser();
    for (const key of EARNING_RULES) {
      const results = await Promise.all(
        Array.from({ length: PARALLEL }, () =>
          getDb().$transaction((tx) =>
            awardRule(tx, key, { userId: person.id, sourceId: `source-${key}`, at: new Date() }),
          ),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    }
    const entries = await entriesOf(person.id);
    expect(entries.map((entry) => entry.sourceType).sort()).toEqual([...EARNING_RULES].sort());
    const expected = EARNING_RULES.reduce((sum, key) => sum + DEFAULT_RULE_POINTS[key], 0);
    expect(await balanceOf(person.id)).toBe(expected);
    expect(await verifyTotals()).toEqual([]);
  });

  it(`when the last lesson is marked done ${PARALLEL} times at once`, async () => {
    const course = await publishedCourse(await principalFor("TRAINER"), 1, 0);
    const person = await makeUser();
    await selfEnrol(person.id, course.id);
    const [lesson] = (await getPlayer(person.id, course.id)).lessons;
    await Promise.allSettled(
      Array.from({ length: PARALLEL }, () => markLessonDone(person.id, course.id, lesson!.id)),
    );
    expect((await entriesOf(person.id)).map((entry) => entry.sourceType)).toEqual([
      "COURSE_COMPLETED",
    ]);
  });

  it(`when one quiz attempt is submitted ${PARALLEL} times at once`, async () => {
    const course = await publishedCourse(await principalFor("TRAINER"), 1, 2);
    const person = await makeUser();
    await completeCourse(person.id, course.id);
    const attempt = await startAttempt(person.id, course.id);
    const answers = await correctAnswers(attempt);
    await Promise.allSettled(
      Array.from({ length: PARALLEL }, () => submitAttempt(person.id, course.id, attempt, answers)),
    );
    const kinds = (await entriesOf(person.id)).map((entry) => entry.sourceType).sort();
    expect(kinds).toEqual(["COURSE_COMPLETED", "QUIZ_FIRST_ATTEMPT", "QUIZ_PERFECT"]);
  });

  it(`when ${PARALLEL} reviewers accept the same idea at once, and the same idea is submitted ${PARALLEL} times`, async () => {
    const author = await makeUser();
    const input = ideaInput();
    const submitted = await Promise.allSettled(
      Array.from({ length: PARALLEL }, () => createIdea(asPrincipal(author.id), input)),
    );
    const ideaId = submitted.find((result) => result.status === "fulfilled")!.value;
    const reviewer = await principalFor("HR");
    await changeStatus(reviewer, ideaId, "UNDER_REVIEW", "");
    await Promise.allSettled(
      Array.from({ length: PARALLEL }, () => changeStatus(reviewer, ideaId, "ACCEPTED", "")),
    );
    const kinds = (await entriesOf(author.id)).map((entry) => entry.sourceType).sort();
    expect(kinds).toEqual(["IDEA_ACCEPTED", "IDEA_SUBMITTED"]);
  });

  it(`when the same kudos is sent ${PARALLEL} times at once (one form post repeated)`, async () => {
    const [giver, receiver] = [await makeUser(), await makeUser()];
    const actor: Principal = { id: giver.id, role: "EMPLOYEE", scopeDepartmentIds: [] };
    const input = kudosSchema.parse({
      toId: receiver.id,
      message: "Thanks for the cover.",
      points: "10",
      submissionKey: randomUUID(),
    });
    const results = await Promise.allSettled(
      Array.from({ length: PARALLEL }, () => sendKudos(actor, input)),
    );
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);
    const entries = await entriesOf(receiver.id, "KUDOS_RECEIVED");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ points: 5 });
  });
});

describe("HR's changes to a rule", () => {
  it("a rule switched off awards nothing, and switched on again awards only later events", async () => {
    const hr = await principalFor("HR");
    await setRule(hr, "COURSE_COMPLETED", 50, false);
    const course = await publishedCourse(await principalFor("TRAINER"), 1, 0);
    const person = await makeUser();
    await completeCourse(person.id, course.id);
    expect(await entriesOf(person.id)).toEqual([]);
    // On again: the completion while it was off stays unawarded (no backfill was run).
    await setRule(hr, "COURSE_COMPLETED", 50, true);
    expect(await entriesOf(person.id)).toEqual([]);
    const later = await publishedCourse(await principalFor("TRAINER"), 1, 0);
    await completeCourse(person.id, later.id);
    expect((await entriesOf(person.id)).map((entry) => entry.sourceId)).toEqual([later.id]);
  });

  it("a points change applies to later awards only; an earlier award keeps its points", async () => {
    const hr = await principalFor("HR");
    const person = await makeUser();
    const award = (sourceId: string) =>
      getDb().$transaction((tx) =>
        awardRule(tx, "IDEA_ACCEPTED", { userId: person.id, sourceId, at: new Date() }),
      );
    await award("idea-1");
    expect(await setRule(hr, "IDEA_ACCEPTED", 75, true)).toEqual({ changed: true });
    await award("idea-2");
    const entries = await entriesOf(person.id);
    expect(entries.map((entry) => [entry.sourceId, entry.points])).toEqual([
      ["idea-1", DEFAULT_RULE_POINTS.IDEA_ACCEPTED],
      ["idea-2", 75],
    ]);
    expect(await balanceOf(person.id)).toBe(DEFAULT_RULE_POINTS.IDEA_ACCEPTED + 75);
    expect(await verifyTotals()).toEqual([]);
  });

  it("each change is audited with before and after; saving the same values writes nothing", async () => {
    const hr = await principalFor("HR");
    await setRule(hr, "QUIZ_PERFECT", 45, true);
    await setRule(hr, "QUIZ_PERFECT", 45, false);
    expect(await setRule(hr, "QUIZ_PERFECT", 45, false)).toEqual({ changed: false });
    const audit = await auditOf("incentives.earning_rule", "QUIZ_PERFECT");
    expect(audit.map((row) => [row.actorId, row.before, row.after])).toEqual([
      [
        hr.id,
        { points: DEFAULT_RULE_POINTS.QUIZ_PERFECT, active: true },
        { points: 45, active: true },
      ],
      [hr.id, { points: 45, active: true }, { points: 45, active: false }],
    ]);
    expect(
      await getDb().earningRule.findUniqueOrThrow({ where: { key: "QUIZ_PERFECT" } }),
    ).toMatchObject({
      points: 45,
      active: false,
      updatedById: hr.id,
    });
  });

  it("only HR and administrators change or backfill rules", async () => {
    const employee = await principalFor("EMPLOYEE");
    await expect(setRule(employee, "COURSE_COMPLETED", 1, true)).rejects.toMatchObject({
      status: 403,
    });
    await expect(backfillEarningRule(employee, "COURSE_COMPLETED")).rejects.toMatchObject({
      status: 403,
    });
    expect(await getDb().earningRule.count()).toBe(0);
  });
});

describe("backfill", () => {
  it("awards every completed course once, audited, at the backfill time; a second run awards 0", async () => {
    const hr = await principalFor("HR");
    await awardLeftovers(hr);
    await allRulesOff(hr);
    const trainer = await principalFor("TRAINER");
    const courses = [await publishedCourse(trainer, 1, 0), await publishedCourse(trainer, 1, 0)];
    const people = [await makeUser(), await makeUser(), await makeUser()];
    // Five completions across pages of two (tiny chunks cross every page boundary).
    for (const person of people.slice(0, 2)) {
      for (const course of courses) await completeCourse(person.id, course.id);
    }
    await completeCourse(people[2]!.id, courses[0]!.id);
    await setRule(hr, "COURSE_COMPLETED", 60, true);
    const restore = overrideChunkSizes({ lookups: 2, awardBackfill: 2 });
    try {
      expect(await backfillPreview("COURSE_COMPLETED")).toEqual({ missing: 5 });
      const at = new Date("2026-12-01T10:00:00.000Z");
      expect(await backfillEarningRule(hr, "COURSE_COMPLETED", at)).toEqual({
        awarded: 5,
        points: 60,
      });
      const entries = await getDb().pointsEntry.findMany({
        where: { sourceType: "COURSE_COMPLETED", userId: { in: people.map((p) => p.id) } },
      });
      expect(entries).toHaveLength(5);
      for (const entry of entries) {
        expect(entry).toMatchObject({
          points: 60,
          kind: "EARNED",
          reason: BACKFILL_REASON,
          actorId: hr.id,
          createdAt: at,
        });
      }
      expect(await backfillPreview("COURSE_COMPLETED")).toEqual({ missing: 0 });
      expect(await backfillEarningRule(hr, "COURSE_COMPLETED", at)).toEqual({
        awarded: 0,
        points: 60,
      });
    } finally {
      restore();
    }
    const audit = (await auditOf("incentives.earning_rule_backfill", "COURSE_COMPLETED")).slice(-2);
    expect(audit.map((row) => [row.actorId, row.after])).toEqual([
      [hr.id, { awarded: 5, points: 60 }],
      [hr.id, { awarded: 0, points: 60 }],
    ]);
    expect(await balanceOf(people[0]!.id)).toBe(120);
    expect(await verifyTotals()).toEqual([]);
  });

  it("two backfills of the same rule at once award each source once between them", async () => {
    const hr = await principalFor("HR");
    await awardLeftovers(hr);
    await setRule(hr, "KUDOS_RECEIVED", 5, false);
    const giver = await makeUser();
    const receivers = [await makeUser(), await makeUser(), await makeUser()];
    for (const receiver of receivers) {
      await kudosRow(giver.id, receiver.id);
      await kudosRow(giver.id, receiver.id);
    }
    await setRule(hr, "KUDOS_RECEIVED", 7, true);
    const runs = await Promise.all([
      backfillEarningRule(hr, "KUDOS_RECEIVED"),
      backfillEarningRule(hr, "KUDOS_RECEIVED"),
      backfillEarningRule(hr, "KUDOS_RECEIVED"),
    ]);
    expect(runs.reduce((sum, run) => sum + run.awarded, 0)).toBe(6);
    for (const receiver of receivers) expect(await balanceOf(receiver.id)).toBe(14);
    expect(await balanceOf(giver.id)).toBe(0);
  });

  it("quiz rules: the first attempt's pass and a perfect score per course", async () => {
    const hr = await principalFor("HR");
    await awardLeftovers(hr);
    await allRulesOff(hr);
    const course = await publishedCourse(await principalFor("TRAINER"), 1, 2);
    const [secondTime, firstTime] = [await makeUser(), await makeUser()];
    await completeCourse(secondTime.id, course.id);
    const failed = await startAttempt(secondTime.id, course.id);
    const wrong = Object.fromEntries(
      Object.keys(await correctAnswers(failed)).map((id) => [id, { optionIds: [] }]),
    );
    await submitAttempt(secondTime.id, course.id, failed, wrong);
    const retry = await startAttempt(secondTime.id, course.id);
    await submitAttempt(secondTime.id, course.id, retry, await correctAnswers(retry));
    await completeCourse(firstTime.id, course.id);
    const first = await startAttempt(firstTime.id, course.id);
    await submitAttempt(firstTime.id, course.id, first, await correctAnswers(first));
    const bothIds = { userId: { in: [secondTime.id, firstTime.id] } };
    expect(await getDb().pointsEntry.count({ where: bothIds })).toBe(0);

    await setRule(hr, "QUIZ_FIRST_ATTEMPT", 20, true);
    await setRule(hr, "QUIZ_PERFECT", 30, true);
    expect((await backfillEarningRule(hr, "QUIZ_FIRST_ATTEMPT")).awarded).toBe(1);
    expect((await backfillEarningRule(hr, "QUIZ_PERFECT")).awarded).toBe(2);
    expect((await entriesOf(firstTime.id)).map((entry) => entry.sourceType).sort()).toEqual([
      "QUIZ_FIRST_ATTEMPT",
      "QUIZ_PERFECT",
    ]);
    expect((await entriesOf(secondTime.id)).map((entry) => entry.sourceType)).toEqual([
      "QUIZ_PERFECT",
    ]);
    // Nothing completed was awarded: that rule is still off and was not backfilled.
    expect(
      await getDb().pointsEntry.count({ where: { ...bothIds, sourceType: "COURSE_COMPLETED" } }),
    ).toBe(0);
  });

  it("idea rules: named ideas and the statuses they reached; anonymous ideas earn nothing", async () => {
    const hr = await principalFor("HR");
    await awardLeftovers(hr);
    await allRulesOff(hr);
    const author = await makeUser();
    const hidden = await makeUser();
    const reviewer = await principalFor("HR");
    const implemented = await createIdea(asPrincipal(author.id), ideaInput());
    const declinedAfterAcceptance = await createIdea(asPrincipal(author.id), ideaInput());
    const justSubmitted = await createIdea(asPrincipal(author.id), ideaInput());
    const anonymous = await createIdea(asPrincipal(hidden.id), ideaInput({ anonymous: true }));
    for (const ideaId of [implemented, declinedAfterAcceptance, anonymous]) {
      await changeStatus(reviewer, ideaId, "UNDER_REVIEW", "");
      await changeStatus(reviewer, ideaId, "ACCEPTED", "");
    }
    await changeStatus(reviewer, implemented, "IMPLEMENTED", "");
    await changeStatus(reviewer, anonymous, "IMPLEMENTED", "");
    await changeStatus(reviewer, declinedAfterAcceptance, "DECLINED", "No budget");

    for (const key of ["IDEA_SUBMITTED", "IDEA_ACCEPTED", "IDEA_IMPLEMENTED"] as const) {
      await setRule(hr, key, DEFAULT_RULE_POINTS[key], true);
    }
    expect((await backfillEarningRule(hr, "IDEA_SUBMITTED")).awarded).toBe(3);
    expect((await backfillEarningRule(hr, "IDEA_ACCEPTED")).awarded).toBe(2);
    expect((await backfillEarningRule(hr, "IDEA_IMPLEMENTED")).awarded).toBe(1);
    const pairs = (await entriesOf(author.id)).map(
      (entry) => `${entry.sourceType}:${entry.sourceId}`,
    );
    expect(pairs.sort()).toEqual(
      [
        `IDEA_ACCEPTED:${declinedAfterAcceptance}`,
        `IDEA_ACCEPTED:${implemented}`,
        `IDEA_IMPLEMENTED:${implemented}`,
        `IDEA_SUBMITTED:${declinedAfterAcceptance}`,
        `IDEA_SUBMITTED:${implemented}`,
        `IDEA_SUBMITTED:${justSubmitted}`,
      ].sort(),
    );
    expect(await entriesOf(hidden.id)).toEqual([]);
  });

  it("skips sources the events already awarded", async () => {
    const hr = await principalFor("HR");
    await awardLeftovers(hr);
    const course = await publishedCourse(await principalFor("TRAINER"), 1, 0);
    const person = await makeUser();
    await completeCourse(person.id, course.id);
    expect(await backfillPreview("COURSE_COMPLETED")).toEqual({ missing: 0 });
    expect((await backfillEarningRule(hr, "COURSE_COMPLETED")).awarded).toBe(0);
    expect(await balanceOf(person.id)).toBe(DEFAULT_RULE_POINTS.COURSE_COMPLETED);
  });

  it("is refused while the rule is off or worth 0, and writes nothing", async () => {
    const hr = await principalFor("HR");
    const giver = await makeUser();
    const receiver = await makeUser();
    await kudosRow(giver.id, receiver.id);
    await setRule(hr, "KUDOS_RECEIVED", 5, false);
    const auditsBefore = (await auditOf("incentives.earning_rule_backfill", "KUDOS_RECEIVED"))
      .length;
    await expect(backfillEarningRule(hr, "KUDOS_RECEIVED")).rejects.toMatchObject({
      status: 409,
      messageKey: "rewards.rules.backfillRuleOff",
    });
    await setRule(hr, "KUDOS_RECEIVED", 0, true);
    await expect(backfillEarningRule(hr, "KUDOS_RECEIVED")).rejects.toMatchObject({ status: 409 });
    expect(await entriesOf(receiver.id)).toEqual([]);
    expect(await auditOf("incentives.earning_rule_backfill", "KUDOS_RECEIVED")).toHaveLength(
      auditsBefore,
    );
  });
});
