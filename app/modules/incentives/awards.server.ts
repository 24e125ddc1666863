// Awards by earning rule, in the transaction of the event that earns them (decision 031).
import type { DbTx } from "~/lib/db.server";
import { DEFAULT_RULE_POINTS, type EarningRuleKey } from "./earning-rules";
import { writeEntry } from "./ledger.server";

/** The rule as it stands now: HR's row, or the default (on, default points). */
export async function currentRule(tx: DbTx, key: EarningRuleKey) {
  const row = await tx.earningRule.findUnique({ where: { key } });
  return { key, points: row?.points ?? DEFAULT_RULE_POINTS[key], active: row?.active ?? true };
}

/**
 * Awards the rule's points to `userId` for `sourceId`, once: a repeat of the same source
 * (a retry, a parallel request, a status that comes back) writes nothing. A rule switched off
 * or worth 0 awards nothing. True when points were written.
 */
export async function awardRule(
  tx: DbTx,
  key: EarningRuleKey,
  award: { userId: string; sourceId: string; at: Date; actorId?: string | null; reason?: string },
): Promise<boolean> {
  const rule = await currentRule(tx, key);
  if (!rule.active || rule.points === 0) return false;
  return writeEntry(tx, {
    userId: award.userId,
    points: rule.points,
    kind: "EARNED",
    sourceType: key,
    sourceId: award.sourceId,
    actorId: award.actorId ?? null,
    reason: award.reason,
    at: award.at,
  });
}
