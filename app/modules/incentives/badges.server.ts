// Badges (decision 032): awarded once per person (BadgeAward's unique key, inserted with ON
// CONFLICT DO NOTHING) in the transaction of the event that earns them, while the badge's
// BadgeRule row is on; and to everyone who already qualifies when a badge is introduced or
// switched on again (set-based pages of the qualifying people, chunked writes).
import { randomUUID } from "node:crypto";
import { insertRowsSkippingDuplicates } from "~/lib/bulk-insert.server";
import { forEachChunk } from "~/lib/chunks.server";
import { getDb, Prisma, type DbTx } from "~/lib/db.server";
import { assertCan, type Principal } from "~/lib/permissions";
import { recordAudit } from "~/modules/audit/index.server";
import { namedIdeasReachingPage } from "~/modules/ideas/index.server";
import {
  peopleWithCompletedCoursesPage,
  perfectQuizzesPage,
} from "~/modules/learning/index.server";
import { notify } from "~/modules/notifications/index.server";
import {
  AWARDABLE_BADGES,
  BADGE_KEYS,
  BADGE_THRESHOLDS,
  badgeNameKey,
  COMING_BADGES,
  type AwardableBadge,
  type BadgeKey,
} from "./badges";
import type { BadgeRuleInput } from "./rule-forms";

/** People read per page when finding who qualifies for a badge. */
const QUALIFIER_PAGE = 500;

/** Whether the badge is awarded now: its rule row exists and is switched on. */
async function badgeRuleIsOn(tx: DbTx, key: AwardableBadge): Promise<boolean> {
  const rule = await tx.badgeRule.findUnique({ where: { key }, select: { active: true } });
  return rule?.active ?? false;
}

/**
 * Inserts the awards that do not exist yet and notifies their people, in the caller's
 * transaction. Returns the people newly awarded (RETURNING names only rows that went in).
 */
async function insertAwards(
  tx: DbTx,
  key: AwardableBadge,
  userIds: readonly string[],
  at: Date,
): Promise<string[]> {
  if (userIds.length === 0) return [];
  const values = userIds.map((userId) => Prisma.sql`(${randomUUID()}, ${userId}, ${key}, ${at})`);
  const rows = await tx.$queryRaw<{ userId: string }[]>`
    INSERT INTO "BadgeAward" ("id", "userId", "badgeKey", "awardedAt")
    VALUES ${Prisma.join(values)}
    ON CONFLICT DO NOTHING
    RETURNING "userId"`;
  const awarded = rows.map((row) => row.userId);
  await notify(
    tx,
    awarded.map((userId) => ({
      userId,
      type: "BADGE_EARNED" as const,
      // "Key" suffix: the message shows the badge's name in the reader's language.
      params: { badgeKey: badgeNameKey(key) },
      link: `/rewards/people/${userId}`,
    })),
  );
  return awarded;
}

/**
 * Awards `key` to the person inside the event's transaction when the rule is on, they do not
 * hold it yet and `qualifies` says so (asked last: it may count rows). True when new.
 */
export async function awardBadge(
  tx: DbTx,
  key: AwardableBadge,
  userId: string,
  at: Date,
  qualifies: () => Promise<boolean> = async () => true,
): Promise<boolean> {
  if (!(await badgeRuleIsOn(tx, key))) return false;
  const held = await tx.badgeAward.findUnique({
    where: { userId_badgeKey: { userId, badgeKey: key } },
    select: { id: true },
  });
  if (held || !(await qualifies())) return false;
  return (await insertAwards(tx, key, [userId], at)).length === 1;
}

/** One page of the people who qualify for a badge now, in key order. */
type QualifierPage = (
  after: string,
  take: number,
) => Promise<{ rows: string[]; next: string | null }>;

async function kudosCountPage(
  column: "fromId" | "toId",
  minimum: number,
  after: string,
  take: number,
) {
  const groups =
    column === "fromId"
      ? (
          await getDb().kudos.groupBy({
            by: ["fromId"],
            where: { fromId: { gt: after } },
            having: { fromId: { _count: { gte: minimum } } },
            orderBy: { fromId: "asc" },
            take,
          })
        ).map((group) => group.fromId)
      : (
          await getDb().kudos.groupBy({
            by: ["toId"],
            where: { toId: { gt: after } },
            having: { toId: { _count: { gte: minimum } } },
            orderBy: { toId: "asc" },
            take,
          })
        ).map((group) => group.toId);
  return { rows: groups, next: groups.length === take ? groups[groups.length - 1]! : null };
}

const distinct = (ids: readonly string[]) => [...new Set(ids)];

/** Who qualifies for each badge, read in pages (learning and ideas through their surfaces). */
const QUALIFIERS: Record<AwardableBadge, QualifierPage> = {
  FIRST_IDEA_IMPLEMENTED: async (after, take) => {
    const page = await namedIdeasReachingPage("IMPLEMENTED", after, take);
    return { rows: distinct(page.rows.map((row) => row.authorId)), next: page.next };
  },
  FIVE_COURSES: (after, take) =>
    peopleWithCompletedCoursesPage(BADGE_THRESHOLDS.coursesCompleted, after, take),
  PERFECT_QUIZ: async (after, take) => {
    const page = await perfectQuizzesPage(after, take);
    return { rows: distinct(page.rows.map((row) => row.userId)), next: page.next };
  },
  TEN_KUDOS_GIVEN: (after, take) =>
    kudosCountPage("fromId", BADGE_THRESHOLDS.kudosGiven, after, take),
  FIRST_KUDOS_RECEIVED: (after, take) => kudosCountPage("toId", 1, after, take),
  // Incentives cannot read initiatives (an import cycle): app/subscribers.server.ts hands in
  // the initiatives module's page of finishers (decision 040).
  INITIATIVE_COURSES: (after, take) =>
    initiativeFinishers
      ? initiativeFinishers(after, take)
      : Promise.resolve({ rows: [], next: null }),
};

let initiativeFinishers: QualifierPage | null = null;

/** Who has completed every required course of an initiative, for the badge's backfill. */
export function setInitiativeFinishersPage(page: QualifierPage): void {
  initiativeFinishers = page;
}

/**
 * Awards the badge, dated `at`, to everyone who qualifies and lacks it, once each: a page of
 * qualifying people at a time, written in short transactions (stopping if the rule is switched
 * off meanwhile). Returns how many were newly awarded. Safe to repeat, and to run beside the
 * events (the unique key decides).
 */
export async function backfillBadge(key: AwardableBadge, at: Date): Promise<number> {
  let awarded = 0;
  let after = "";
  for (;;) {
    const page = await QUALIFIERS[key](after, QUALIFIER_PAGE);
    await forEachChunk(page.rows, "badgeAwards", async (chunk) => {
      awarded += await getDb().$transaction(async (tx) =>
        (await badgeRuleIsOn(tx, key)) ? (await insertAwards(tx, key, chunk, at)).length : 0,
      );
    });
    if (!page.next) return awarded;
    after = page.next;
  }
}

/**
 * Introduces every code-defined badge that has no rule row yet (switched on), then awards
 * each badge that is on to everyone who already qualifies and lacks it, dated `now`. The
 * seed and the jobs call it: a new badge reaches the people who earned it before it existed,
 * and an award missed by a race between two events (see decision 032) is made on the next
 * run. Returns the new awards per badge.
 */
export async function ensureBadgeRules(now = new Date()): Promise<Record<AwardableBadge, number>> {
  // A second process introducing the same badges at once inserts nothing (the key decides).
  await getDb().$transaction((tx) =>
    insertRowsSkippingDuplicates(
      tx,
      "BadgeRule",
      AWARDABLE_BADGES.map((key) => ({ key, createdAt: now })),
      { id: null },
    ),
  );
  const active = await getDb().badgeRule.findMany({
    where: { active: true },
    select: { key: true },
  });
  const on = new Set(active.map((rule) => rule.key));
  const awarded = Object.fromEntries(AWARDABLE_BADGES.map((key) => [key, 0])) as Record<
    AwardableBadge,
    number
  >;
  for (const key of AWARDABLE_BADGES) {
    if (on.has(key)) awarded[key] = await backfillBadge(key, now);
  }
  return awarded;
}

/**
 * HR switches a badge rule on or off (audited). Off: no new awards, awards made stay. On:
 * everyone who qualifies and lacks it gets it now (still once per person).
 */
export async function setBadgeRuleActive(
  actor: Principal,
  input: BadgeRuleInput,
  now = new Date(),
): Promise<{ awarded: number }> {
  assertCan(actor, "update", "IncentiveRules");
  const key = input.key as AwardableBadge;
  await getDb().$transaction(async (tx) => {
    const before = await tx.badgeRule.findUnique({ where: { key } });
    await tx.badgeRule.upsert({
      where: { key },
      create: { key, active: input.active, createdAt: now },
      update: { active: input.active },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "incentives.badge_rule",
      subjectType: "BadgeRule",
      subjectId: key,
      before: { active: before?.active ?? false },
      after: { active: input.active },
    });
  });
  if (!input.active) return { awarded: 0 };
  const awarded = await backfillBadge(key, now);
  await getDb().$transaction((tx) =>
    recordAudit(tx, {
      actorId: actor.id,
      action: "incentives.badge_backfill",
      subjectType: "BadgeRule",
      subjectId: key,
      after: { awarded },
    }),
  );
  return { awarded };
}

export interface BadgeSummary {
  key: BadgeKey;
  /** The i18n key of what it waits for, when it cannot be awarded yet. */
  comingWith: string | null;
  /** Introduced and switched on. */
  active: boolean;
  holders: number;
}

/** Every badge with its rule's state and how many people hold it (one grouped count). */
export async function badgeSummaries(): Promise<BadgeSummary[]> {
  const [rules, holders] = await Promise.all([
    getDb().badgeRule.findMany(),
    getDb().badgeAward.groupBy({ by: ["badgeKey"], _count: { _all: true } }),
  ]);
  const activeByKey = new Map(rules.map((rule) => [rule.key, rule.active]));
  const holdersByKey = new Map(holders.map((group) => [group.badgeKey, group._count._all]));
  return BADGE_KEYS.map((key) => ({
    key,
    comingWith: COMING_BADGES[key] ?? null,
    active: activeByKey.get(key) ?? false,
    holders: holdersByKey.get(key) ?? 0,
  }));
}

export interface EarnedBadge {
  key: string;
  awardedAt: Date;
}

/** A person's badges, oldest first. */
export async function badgesOf(userId: string): Promise<EarnedBadge[]> {
  const rows = await getDb().badgeAward.findMany({
    where: { userId },
    orderBy: [{ awardedAt: "asc" }, { badgeKey: "asc" }],
    select: { badgeKey: true, awardedAt: true },
  });
  return rows.map((row) => ({ key: row.badgeKey, awardedAt: row.awardedAt }));
}

/** The badges of several people at once (a board, a list), in one statement per 100 people. */
export async function badgesByPerson(
  userIds: readonly string[],
): Promise<Map<string, EarnedBadge[]>> {
  const byPerson = new Map<string, EarnedBadge[]>(userIds.map((id) => [id, []]));
  await forEachChunk([...new Set(userIds)], "lookups", async (chunk) => {
    const rows = await getDb().badgeAward.findMany({
      where: { userId: { in: chunk } },
      orderBy: [{ awardedAt: "asc" }, { badgeKey: "asc" }],
      select: { userId: true, badgeKey: true, awardedAt: true },
    });
    for (const row of rows) {
      byPerson.get(row.userId)?.push({ key: row.badgeKey, awardedAt: row.awardedAt });
    }
  });
  return byPerson;
}
