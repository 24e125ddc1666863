// HR's earning rules (decision 032): points and on/off per rule, audited, read by awardRule at
// award time (so a change applies to later awards only), and the explicit backfill of a rule:
// every source the events would have awarded that has no entry yet gets one, once.
import { chunkSize, forEachChunk } from "~/lib/chunks.server";
import { getDb } from "~/lib/db.server";
import { ConflictError } from "~/lib/errors";
import { assertCan, type Principal } from "~/lib/permissions";
import { recordAudit } from "~/modules/audit/index.server";
import {
  namedIdeasPage,
  namedIdeasReachingPage,
  type IdeaPage,
} from "~/modules/ideas/index.server";
import {
  completedCoursesPage,
  firstAttemptPassesPage,
  perfectQuizzesPage,
  type KeyedPage,
  type LearnerCourse,
} from "~/modules/learning/index.server";
import { awardRule, currentRule } from "./awards.server";
import { DEFAULT_RULE_POINTS, EARNING_RULES, type EarningRuleKey } from "./earning-rules";
import type { EarningRuleInput } from "./rule-forms";

/** The reason written on every entry a backfill makes. */
export const BACKFILL_REASON = "Backfill";

export interface EarningRuleRow {
  key: EarningRuleKey;
  points: number;
  active: boolean;
  defaultPoints: number;
  updatedAt: Date | null;
}

/** Every earning rule as it stands (HR's row, else the default), in code order. */
export async function earningRules(): Promise<EarningRuleRow[]> {
  const rows = await getDb().earningRule.findMany();
  const byKey = new Map(rows.map((row) => [row.key, row]));
  return EARNING_RULES.map((key) => {
    const row = byKey.get(key);
    return {
      key,
      points: row?.points ?? DEFAULT_RULE_POINTS[key],
      active: row?.active ?? true,
      defaultPoints: DEFAULT_RULE_POINTS[key],
      updatedAt: row?.updatedAt ?? null,
    };
  });
}

/**
 * HR changes a rule's points or switches it on or off (audited with before and after). The
 * ledger is not touched: awards already made keep their points, and switching a rule on
 * awards nothing for the past (that is `backfillEarningRule`). False when nothing changed.
 */
export async function updateEarningRule(
  actor: Principal,
  input: EarningRuleInput,
): Promise<{ changed: boolean }> {
  assertCan(actor, "update", "IncentiveRules");
  return getDb().$transaction(async (tx) => {
    const before = await currentRule(tx, input.key);
    if (before.points === input.points && before.active === input.active) return { changed: false };
    const values = { points: input.points, active: input.active, updatedById: actor.id };
    await tx.earningRule.upsert({
      where: { key: input.key },
      create: { key: input.key, ...values },
      update: values,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "incentives.earning_rule",
      subjectType: "EarningRule",
      subjectId: input.key,
      before: { points: before.points, active: before.active },
      after: { points: input.points, active: input.active },
    });
    return { changed: true };
  });
}

/** One source of an award: who earns it, for what (the ledger's source id). */
interface AwardSource {
  userId: string;
  sourceId: string;
}
type SourcePage = (after: string) => Promise<{ rows: AwardSource[]; next: string | null }>;

const fromCourses =
  (read: (after: string, take: number) => Promise<KeyedPage<LearnerCourse>>): SourcePage =>
  async (after) => {
    const page = await read(after, chunkSize("lookups"));
    return {
      rows: page.rows.map((row) => ({ userId: row.userId, sourceId: row.courseId })),
      next: page.next,
    };
  };

const fromIdeas =
  (read: (after: string, take: number) => Promise<IdeaPage>): SourcePage =>
  async (after) => {
    const page = await read(after, chunkSize("lookups"));
    return {
      rows: page.rows.map((row) => ({ userId: row.authorId, sourceId: row.ideaId })),
      next: page.next,
    };
  };

async function kudosReceivedPage(after: string) {
  const take = chunkSize("lookups");
  // A thank-you without points earns no bonus (decision 033), in a backfill too.
  const kudos = await getDb().kudos.findMany({
    where: { id: { gt: after }, points: { gt: 0 } },
    orderBy: { id: "asc" },
    take,
    select: { id: true, toId: true },
  });
  return {
    rows: kudos.map((row) => ({ userId: row.toId, sourceId: row.id })),
    next: kudos.length === take ? kudos[kudos.length - 1]!.id : null,
  };
}

/**
 * Where each rule's sources are, the same sources the events award (subscriptions.server.ts):
 * a course per completed course, the first attempt's pass, a perfect score per course, ideas
 * under their author's name and the statuses they reached, each kudos to its receiver.
 */
const SOURCES: Record<EarningRuleKey, SourcePage> = {
  COURSE_COMPLETED: fromCourses(completedCoursesPage),
  QUIZ_FIRST_ATTEMPT: fromCourses(firstAttemptPassesPage),
  QUIZ_PERFECT: fromCourses(perfectQuizzesPage),
  IDEA_SUBMITTED: fromIdeas(namedIdeasPage),
  IDEA_ACCEPTED: fromIdeas((after, take) => namedIdeasReachingPage("ACCEPTED", after, take)),
  IDEA_IMPLEMENTED: fromIdeas((after, take) => namedIdeasReachingPage("IMPLEMENTED", after, take)),
  KUDOS_RECEIVED: kudosReceivedPage,
  // Answers name nobody (decision 037): who answered cannot be read back from them, so a
  // backfill finds no sources; the event awards each first answer as it happens.
  PULSE_ANSWERED: async () => ({ rows: [], next: null }),
};

const sourceKey = (source: AwardSource) => `${source.userId}\u0000${source.sourceId}`;

/** Every source of the rule, a page at a time, each (person, source) once per page. */
async function forEachSourcePage(
  key: EarningRuleKey,
  work: (sources: AwardSource[]) => Promise<void>,
) {
  let after = "";
  for (;;) {
    const page = await SOURCES[key](after);
    const unique = new Map(page.rows.map((source) => [sourceKey(source), source]));
    if (unique.size > 0) await work([...unique.values()]);
    if (!page.next) return;
    after = page.next;
  }
}

/** What a backfill would award now: the sources with no entry in the ledger yet. */
export async function backfillPreview(key: EarningRuleKey): Promise<{ missing: number }> {
  let missing = 0;
  await forEachSourcePage(key, async (sources) => {
    const entries = await getDb().pointsEntry.findMany({
      where: {
        kind: "EARNED",
        sourceType: key,
        sourceId: { in: [...new Set(sources.map((source) => source.sourceId))] },
      },
      select: { userId: true, sourceId: true },
    });
    const awarded = new Set(entries.map(sourceKey));
    missing += sources.filter((source) => !awarded.has(sourceKey(source))).length;
  });
  return { missing };
}

/**
 * HR's explicit backfill of one rule: every source without an entry gets one, at the rule's
 * points now, dated now, with the reason "Backfill" and HR as the actor (decision 032). Short
 * transactions through awardRule, so a repeat, a parallel backfill or an event awarding the
 * same source at the same moment writes nothing twice. Audited with the count awarded.
 * Refused while the rule is off or worth 0: it would award nothing.
 */
export async function backfillEarningRule(
  actor: Principal,
  key: EarningRuleKey,
  now = new Date(),
): Promise<{ awarded: number; points: number }> {
  assertCan(actor, "update", "IncentiveRules");
  const rule = await currentRule(getDb(), key);
  if (!rule.active || rule.points === 0) throw new ConflictError("rewards.rules.backfillRuleOff");
  let awarded = 0;
  await forEachSourcePage(key, (sources) =>
    forEachChunk(sources, "awardBackfill", async (chunk) => {
      awarded += await getDb().$transaction(async (tx) => {
        let written = 0;
        for (const source of chunk) {
          const award = { ...source, at: now, actorId: actor.id, reason: BACKFILL_REASON };
          if (await awardRule(tx, key, award)) written += 1;
        }
        return written;
      });
    }),
  );
  await getDb().$transaction((tx) =>
    recordAudit(tx, {
      actorId: actor.id,
      action: "incentives.earning_rule_backfill",
      subjectType: "EarningRule",
      subjectId: key,
      after: { awarded, points: rule.points },
    }),
  );
  return { awarded, points: rule.points };
}
