import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { raise } from "~/lib/domain-events.server";
import type { Role } from "~/lib/permissions";
import { AWARDABLE_BADGES, DEFAULT_RULE_POINTS } from "~/modules/incentives";
import * as personRoute from "~/routes/rewards/person";
import * as rulesRoute from "~/routes/rewards/rules";
import { actionArgs, loaderArgs, outcomeStatus } from "../support/actions";
import { makeUser, request, sessionCookie } from "../support/factories";

// /rewards/rules and /rewards/people/:userId (decision 032): everyone reads the rules, HR
// changes them; a profile card for any colleague, 404 for unknown or deactivated people.

async function signedIn(role: Role, extra: { active?: boolean } = {}) {
  const user = await makeUser({ role, ...extra });
  return { user, cookie: (await sessionCookie(user.id)).cookie };
}

const post = (cookie: string, form: Record<string, string>) =>
  rulesRoute.action(actionArgs(request("/rewards/rules", { cookie, form })));

const body = (result: unknown) => (result as { data: Record<string, unknown> }).data;

beforeEach(async () => {
  await getDb().earningRule.deleteMany();
  await getDb().badgeRule.deleteMany();
  await getDb().badgeRule.createMany({
    data: AWARDABLE_BADGES.map((key) => ({ key, active: true })),
  });
});

describe("/rewards/rules", () => {
  it("shows every employee the rules and badges, without the editing", async () => {
    const { cookie } = await signedIn("EMPLOYEE");
    const page = await rulesRoute.loader(
      loaderArgs(
        request("/rewards/rules?edit=COURSE_COMPLETED&backfill=COURSE_COMPLETED", { cookie }),
      ),
    );
    expect(page.canEdit).toBe(false);
    expect(page.editing).toBeNull();
    expect(page.backfill).toBeNull();
    expect(page.earningRules.find((rule) => rule.key === "COURSE_COMPLETED")).toMatchObject({
      points: DEFAULT_RULE_POINTS.COURSE_COMPLETED,
      active: true,
    });
    expect(page.badges.map((badge) => [badge.key, badge.comingWith])).toContainEqual([
      "INITIATIVE_COURSES",
      null,
    ]);
  });

  it("refuses an employee's change (403) and writes nothing", async () => {
    const { cookie } = await signedIn("EMPLOYEE");
    const audits = await getDb().auditEvent.count({ where: { subjectType: "EarningRule" } });
    const forms: Record<string, string>[] = [
      { intent: "rule", key: "COURSE_COMPLETED", points: "999", active: "on" },
      { intent: "rule", key: "COURSE_COMPLETED", points: "not a number" },
      { intent: "backfill", key: "COURSE_COMPLETED" },
      { intent: "badge", key: "PERFECT_QUIZ" },
    ];
    for (const form of forms) {
      expect(await outcomeStatus(() => post(cookie, form))).toBe(403);
    }
    expect(await getDb().earningRule.count()).toBe(0);
    expect(await getDb().auditEvent.count({ where: { subjectType: "EarningRule" } })).toBe(audits);
    expect(
      await getDb().badgeRule.findUniqueOrThrow({ where: { key: "PERFECT_QUIZ" } }),
    ).toMatchObject({ active: true });
  });

  it("lets HR change a rule's points and switch it off, audited", async () => {
    const { user, cookie } = await signedIn("HR");
    const result = await post(cookie, { intent: "rule", key: "IDEA_SUBMITTED", points: "25" });
    expect(body(result)).toMatchObject({ ok: true, intent: "rule", changed: true });
    expect(
      await getDb().earningRule.findUniqueOrThrow({ where: { key: "IDEA_SUBMITTED" } }),
    ).toMatchObject({ points: 25, active: false, updatedById: user.id });
    const audit = await getDb().auditEvent.findFirstOrThrow({
      where: { action: "incentives.earning_rule", actorId: user.id },
    });
    expect(audit).toMatchObject({
      subjectId: "IDEA_SUBMITTED",
      before: { points: DEFAULT_RULE_POINTS.IDEA_SUBMITTED, active: true },
      after: { points: 25, active: false },
    });
    const page = await rulesRoute.loader(
      loaderArgs(request("/rewards/rules?edit=IDEA_SUBMITTED", { cookie })),
    );
    expect(page).toMatchObject({ canEdit: true, editing: "IDEA_SUBMITTED" });
  });

  it("answers invalid points with 400 and the field's error, and writes nothing", async () => {
    const { cookie } = await signedIn("HR");
    const audits = await getDb().auditEvent.count({ where: { subjectType: "EarningRule" } });
    for (const [points, message] of [
      ["1001", "rewards.rules.pointsRange"],
      ["-5", "validation.wholeNumber"],
      ["2.5", "validation.wholeNumber"],
      ["ten", "validation.wholeNumber"],
      ["", "validation.required"],
    ] as const) {
      const result = await post(cookie, {
        intent: "rule",
        key: "KUDOS_RECEIVED",
        points,
        active: "on",
      });
      expect(result).toMatchObject({
        init: { status: 400 },
        data: { ok: false, intent: "rule", fieldErrors: { points: message } },
      });
    }
    const unknown = await post(cookie, { intent: "rule", key: "NOT_A_RULE", points: "5" });
    expect(unknown).toMatchObject({
      init: { status: 400 },
      data: { fieldErrors: { key: expect.any(String) } },
    });
    expect(await getDb().earningRule.count()).toBe(0);
    expect(await getDb().auditEvent.count({ where: { subjectType: "EarningRule" } })).toBe(audits);
  });

  it("shows HR the backfill's count, then runs it once when confirmed", async () => {
    const { user, cookie } = await signedIn("HR");
    // Kudos received while the rule was off: no award.
    await post(cookie, { intent: "rule", key: "KUDOS_RECEIVED", points: "5" });
    const [giver, receiver] = [await makeUser(), await makeUser()];
    await getDb().$transaction(async (tx) => {
      const kudos = await tx.kudos.create({
        data: {
          fromId: giver.id,
          toId: receiver.id,
          message: "Thanks",
          points: 3,
          submitKey: randomUUID(),
        },
      });
      await raise(tx, "kudos.sent", {
        kudosId: kudos.id,
        fromId: giver.id,
        toId: receiver.id,
        points: 3,
        at: new Date(),
      });
    });
    expect(await getDb().pointsEntry.count({ where: { userId: receiver.id } })).toBe(0);
    await post(cookie, { intent: "rule", key: "KUDOS_RECEIVED", points: "8", active: "on" });

    const step = await rulesRoute.loader(
      loaderArgs(request("/rewards/rules?backfill=KUDOS_RECEIVED", { cookie })),
    );
    expect(step.backfill).toEqual({ key: "KUDOS_RECEIVED", missing: 1 });
    const done = await post(cookie, { intent: "backfill", key: "KUDOS_RECEIVED" });
    expect(body(done)).toMatchObject({ ok: true, intent: "backfill", awarded: 1, points: 8 });
    const again = await post(cookie, { intent: "backfill", key: "KUDOS_RECEIVED" });
    expect(body(again)).toMatchObject({ awarded: 0 });
    expect(
      await getDb().pointsEntry.findMany({
        where: { userId: receiver.id },
        select: { points: true, reason: true, actorId: true },
      }),
    ).toEqual([{ points: 8, reason: "Backfill", actorId: user.id }]);
  });

  it("tells HR to switch a rule on before its backfill (409), writing nothing", async () => {
    const { cookie } = await signedIn("HR");
    await post(cookie, { intent: "rule", key: "QUIZ_PERFECT", points: "30" });
    const backfills = { where: { action: "incentives.earning_rule_backfill" } };
    const before = await getDb().auditEvent.count(backfills);
    const refused = await post(cookie, { intent: "backfill", key: "QUIZ_PERFECT" });
    expect(refused).toMatchObject({
      init: { status: 409 },
      data: { ok: false, intent: "backfill", formError: "rewards.rules.backfillRuleOff" },
    });
    expect(await getDb().auditEvent.count(backfills)).toBe(before);
  });

  it("lets HR switch a badge off and on", async () => {
    const { cookie } = await signedIn("HR");
    expect(body(await post(cookie, { intent: "badge", key: "TEN_KUDOS_GIVEN" }))).toMatchObject({
      ok: true,
      key: "TEN_KUDOS_GIVEN",
      active: false,
      awarded: 0,
    });
    expect(
      await getDb().badgeRule.findUniqueOrThrow({ where: { key: "TEN_KUDOS_GIVEN" } }),
    ).toMatchObject({ active: false });
    await post(cookie, { intent: "badge", key: "TEN_KUDOS_GIVEN", active: "on" });
    expect(
      await getDb().badgeRule.findUniqueOrThrow({ where: { key: "TEN_KUDOS_GIVEN" } }),
    ).toMatchObject({ active: true });
    // A badge the code does not define has no switch.
    const unknown = await post(cookie, { intent: "badge", key: "NO_SUCH_BADGE", active: "on" });
    expect(unknown).toMatchObject({ init: { status: 400 } });
    expect(await getDb().badgeRule.count({ where: { key: "NO_SUCH_BADGE" } })).toBe(0);
  });
});

describe("/rewards/people/:userId", () => {
  const card = (cookie: string, userId: string) =>
    personRoute.loader(loaderArgs(request(`/rewards/people/${userId}`, { cookie }), { userId }));

  it("shows a colleague's card: who they are, badges with dates, points all time, a kudos link", async () => {
    const { cookie } = await signedIn("EMPLOYEE");
    const colleague = await makeUser();
    await getDb().user.update({ where: { id: colleague.id }, data: { jobTitle: "Team lead" } });
    const at = new Date("2026-11-20T08:00:00.000Z");
    await getDb().badgeAward.create({
      data: { userId: colleague.id, badgeKey: "FIRST_KUDOS_RECEIVED", awardedAt: at },
    });
    await getDb().pointsTotal.createMany({
      data: [
        { period: "all", userId: colleague.id, departmentId: "dept-old", points: 40 },
        { period: "all", userId: colleague.id, departmentId: colleague.departmentId!, points: 25 },
        {
          period: "2026-11",
          userId: colleague.id,
          departmentId: colleague.departmentId!,
          points: 25,
        },
      ],
    });
    const page = await card(cookie, colleague.id);
    expect(page.card).toMatchObject({
      person: { id: colleague.id, name: colleague.name, jobTitle: "Team lead" },
      badges: [{ key: "FIRST_KUDOS_RECEIVED", awardedAt: at }],
      pointsEarned: 65,
      canSendKudos: true,
    });
    expect(page.card.person.departmentName).toMatch(/^Department /);
  });

  it("has no kudos link on your own card", async () => {
    const { user, cookie } = await signedIn("EMPLOYEE");
    expect((await card(cookie, user.id)).card).toMatchObject({
      canSendKudos: false,
      pointsEarned: 0,
    });
  });

  it("keeps the points of someone hidden from leaderboards off their card, except for HR", async () => {
    const hidden = await makeUser();
    await getDb().leaderboardPrivacy.create({ data: { userId: hidden.id, hidden: true } });
    const employee = await signedIn("EMPLOYEE");
    expect((await card(employee.cookie, hidden.id)).card.pointsEarned).toBeNull();
    const hr = await signedIn("HR");
    expect((await card(hr.cookie, hidden.id)).card.pointsEarned).toBe(0);
  });

  it("answers 404 for an unknown or deactivated person", async () => {
    const { cookie } = await signedIn("EMPLOYEE");
    const gone = await makeUser({ active: false });
    expect(await outcomeStatus(() => card(cookie, "no-such-person"))).toBe(404);
    expect(await outcomeStatus(() => card(cookie, gone.id))).toBe(404);
  });

  it("sends someone signed out to the sign-in page", async () => {
    expect(await outcomeStatus(() => card("", "someone"))).toBe(302);
  });
});
