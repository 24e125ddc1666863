// Redeeming rewards (decision 034). A request holds its points (a HELD entry) and reserves one
// item of stock at once, in one transaction; HR approves (the hold becomes a spend) or rejects
// (released, stock returned); the requester may cancel while it is pending (the same). Every
// step is conditional on the request still being PENDING, audited, and told to the requester.
import { createOnce, keyOf } from "~/lib/create-once.server";
import { getDb, lockForUpdate, type DbTx } from "~/lib/db.server";
import { raise } from "~/lib/domain-events.server";
import { ConflictError, ForbiddenError, NotFoundError } from "~/lib/errors";
import { paginate } from "~/lib/pagination.server";
import { can, canOnAll, type Principal } from "~/lib/permissions";
import { recordAudit } from "~/modules/audit/index.server";
import { notify } from "~/modules/notifications/index.server";
import type { RedemptionQueueQuery, RedemptionStatusName } from "./catalogue-schemas";
import { balanceOf, writeEntry } from "./ledger.server";

/** The ledger's source type of every entry a redemption writes (its id is the source id). */
export const REDEMPTION_SOURCE = "REDEMPTION";
export const REDEMPTION_QUEUE_PAGE_SIZE = 25;
/** Where a requester's notices lead: their requests on the catalogue page. */
export const MY_REQUESTS_LINK = "/rewards/catalogue#my-requests";

interface RedemptionNotice {
  userId: string;
  reward: string;
  cost: number;
  status: RedemptionStatusName;
  detail?: string;
}

function tellRequester(tx: DbTx, notice: RedemptionNotice) {
  return notify(tx, [
    {
      userId: notice.userId,
      type: "REDEMPTION_STATUS",
      params: {
        reward: notice.reward,
        cost: notice.cost,
        statusKey: `rewards.redemptions.status.${notice.status}`,
        detail: notice.detail ?? "",
      },
      link: MY_REQUESTS_LINK,
    },
  ]);
}

/**
 * Requests a reward: holds its cost and reserves one item, or refuses (409) when the balance is
 * short, the stock is gone or the reward was withdrawn. The same request key again is the same
 * request (a double click); a new key is a new request, for the same reward too.
 */
export async function requestRedemption(
  actor: Principal,
  input: { rewardId: string; requestKey: string },
): Promise<string> {
  if (!can(actor, "create", { type: "Redemption", ownerId: actor.id })) throw new ForbiddenError();
  const submitKey = keyOf("redemption", actor.id, input.rewardId, input.requestKey);
  return createOnce(
    () => insertRedemption(actor, input.rewardId, submitKey),
    async () =>
      (await getDb().redemption.findUnique({ where: { submitKey }, select: { id: true } }))?.id ??
      null,
  );
}

async function insertRedemption(actor: Principal, rewardId: string, submitKey: string) {
  return getDb().$transaction(async (tx) => {
    // One request of a person at a time reads and spends their balance (PostgreSQL; SQLite
    // runs one writing transaction at a time): 50 at once cannot all see the same balance.
    await lockForUpdate(tx, "User", "id", actor.id);
    // A double click waited for the lock behind the first: it is that request, not a new one
    // (nor a refusal, once the first has used the balance up).
    const repeat = await tx.redemption.findUnique({ where: { submitKey }, select: { id: true } });
    if (repeat) return repeat.id;
    const reward = await tx.reward.findUnique({ where: { id: rewardId } });
    if (!reward || !reward.active) throw new ConflictError("rewards.catalogue.unavailable");
    if ((await balanceOf(actor.id, tx)) < reward.cost) {
      throw new ConflictError("rewards.catalogue.balanceShort");
    }
    // Conditional, so the last item goes to one request whatever the interleaving; an
    // unlimited reward (stock null) stays null (NULL - 1 is NULL).
    const { count } = await tx.reward.updateMany({
      where: { id: rewardId, active: true, OR: [{ stock: null }, { stock: { gt: 0 } }] },
      data: { stock: { decrement: 1 } },
    });
    if (count === 0) throw new ConflictError("rewards.catalogue.outOfStock");
    const redemption = await tx.redemption.create({
      data: { rewardId, userId: actor.id, cost: reward.cost, submitKey },
    });
    await writeEntry(tx, {
      userId: actor.id,
      points: -reward.cost,
      kind: "HELD",
      sourceType: REDEMPTION_SOURCE,
      sourceId: redemption.id,
      reason: reward.name,
      actorId: actor.id,
      at: redemption.createdAt,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "redemption.request",
      subjectType: "Redemption",
      subjectId: redemption.id,
      after: { rewardId, cost: reward.cost, status: "PENDING" },
    });
    await tellRequester(tx, {
      userId: actor.id,
      reward: reward.name,
      cost: reward.cost,
      status: "PENDING",
    });
    return redemption.id;
  });
}

type Decision =
  | { status: "FULFILLED"; note: string }
  | { status: "REJECTED"; reason: string }
  | { status: "CANCELLED" };

/**
 * Moves a pending request to its end state, once: the update is conditional on PENDING, so of
 * two people deciding at once one wins and the other gets a conflict with nothing written.
 */
async function settle(
  actor: Principal,
  redemptionId: string,
  decision: Decision,
  allowed: (redemption: { userId: string }) => void,
) {
  return getDb().$transaction(async (tx) => {
    const redemption = await tx.redemption.findUnique({
      where: { id: redemptionId },
      include: { reward: { select: { id: true, name: true } } },
    });
    if (!redemption) throw new NotFoundError();
    allowed(redemption);
    const now = new Date();
    const { count } = await tx.redemption.updateMany({
      where: { id: redemptionId, status: "PENDING" },
      data: {
        status: decision.status,
        note: decision.status === "FULFILLED" ? decision.note : "",
        reason: decision.status === "REJECTED" ? decision.reason : "",
        decidedById: actor.id,
        decidedAt: now,
      },
    });
    if (count === 0) throw new ConflictError("rewards.redemptions.notPending");

    const entry = {
      userId: redemption.userId,
      sourceType: REDEMPTION_SOURCE,
      sourceId: redemption.id,
      reason: redemption.reward.name,
      actorId: actor.id,
      at: now,
    };
    // The hold ends in every case; on approval the same points are then spent, so the
    // balance does not move at approval and the history reads held → released → spent.
    await writeEntry(tx, { ...entry, kind: "RELEASED", points: redemption.cost });
    if (decision.status === "FULFILLED") {
      await writeEntry(tx, { ...entry, kind: "SPENT", points: -redemption.cost });
    } else {
      // Back into stock (an unlimited reward's null stays null).
      await tx.reward.update({
        where: { id: redemption.rewardId },
        data: { stock: { increment: 1 } },
      });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: `redemption.${decision.status.toLowerCase()}`,
      subjectType: "Redemption",
      subjectId: redemption.id,
      before: { status: "PENDING" },
      after: { ...decision },
    });
    await raise(tx, "redemption.decided", {
      redemptionId: redemption.id,
      userId: redemption.userId,
      rewardId: redemption.rewardId,
      cost: redemption.cost,
      status: decision.status,
      decidedById: actor.id,
      at: now,
    });
    await tellRequester(tx, {
      userId: redemption.userId,
      reward: redemption.reward.name,
      cost: redemption.cost,
      status: decision.status,
      detail:
        decision.status === "FULFILLED"
          ? decision.note
          : decision.status === "REJECTED"
            ? decision.reason
            : "",
    });
  });
}

/** HR's side: anyone's request, except their own (nobody approves their own reward). */
function assertDecider(actor: Principal, redemption: { userId: string }) {
  if (!canOnAll(actor, "update", "Redemption")) throw new ForbiddenError();
  if (redemption.userId === actor.id) {
    throw new ForbiddenError("rewards.redemptions.ownRequest");
  }
}

/** Approves: FULFILLED, with an optional note for the requester. */
export function approveRedemption(actor: Principal, redemptionId: string, note: string) {
  return settle(actor, redemptionId, { status: "FULFILLED", note }, (redemption) =>
    assertDecider(actor, redemption),
  );
}

/** Rejects with a reason: REJECTED, the points released and the item returned to stock. */
export function rejectRedemption(actor: Principal, redemptionId: string, reason: string) {
  return settle(actor, redemptionId, { status: "REJECTED", reason }, (redemption) =>
    assertDecider(actor, redemption),
  );
}

/**
 * The requester withdraws a pending request: CANCELLED, released and returned. Someone
 * else's request is not found (HR rejects instead).
 */
export function cancelRedemption(actor: Principal, redemptionId: string) {
  return settle(actor, redemptionId, { status: "CANCELLED" }, (redemption) => {
    if (redemption.userId !== actor.id) throw new NotFoundError();
    if (!can(actor, "update", { type: "Redemption", ownerId: redemption.userId })) {
      throw new ForbiddenError();
    }
  });
}

const ownFields = {
  id: true,
  cost: true,
  status: true,
  note: true,
  reason: true,
  createdAt: true,
  decidedAt: true,
  reward: { select: { id: true, name: true } },
} as const;

/** A person's pending requests, newest first (the catalogue and the My points page). */
export function pendingRedemptionsOf(userId: string, take = 50, db: DbTx = getDb()) {
  return db.redemption.findMany({
    where: { userId, status: "PENDING" },
    select: ownFields,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
  });
}

/** A person's last decided requests (fulfilled, rejected with the reason, cancelled). */
export function myRecentRedemptions(userId: string, take = 5, db: DbTx = getDb()) {
  return db.redemption.findMany({
    where: { userId, status: { not: "PENDING" } },
    select: ownFields,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
  });
}

/** Requests waiting for HR (the queue's tab and the home page can show it). */
export function redemptionQueueCount(db: DbTx = getDb()) {
  return db.redemption.count({ where: { status: "PENDING" } });
}

const queueFields = {
  id: true,
  userId: true,
  cost: true,
  status: true,
  note: true,
  reason: true,
  createdAt: true,
  decidedAt: true,
  decidedById: true,
  reward: { select: { id: true, name: true, stock: true } },
} as const;

const DECIDED: RedemptionStatusName[] = ["FULFILLED", "REJECTED", "CANCELLED"];

/**
 * HR's queue: one status, or all with the pending ones first (oldest first: they have waited
 * longest), then the decided ones, newest first. People's names in one query.
 */
export async function listRedemptionQueue(actor: Principal, query: RedemptionQueueQuery) {
  if (!canOnAll(actor, "update", "Redemption")) throw new ForbiddenError();
  const db = getDb();
  const { skip, take, summary } = paginate(query.page, REDEMPTION_QUEUE_PAGE_SIZE);
  const pendingOrder = [{ createdAt: "asc" as const }, { id: "asc" as const }];
  const decidedOrder = [{ createdAt: "desc" as const }, { id: "desc" as const }];

  const [pendingCount, decidedCount] = await Promise.all([
    query.status && query.status !== "PENDING"
      ? 0
      : db.redemption.count({ where: { status: "PENDING" } }),
    query.status === "PENDING"
      ? 0
      : db.redemption.count({ where: { status: { in: query.status ? [query.status] : DECIDED } } }),
  ]);
  // The page's rows, across the two orders: pending rows [skip, skip + take), then decided.
  const pendingTake = Math.max(0, Math.min(take, pendingCount - skip));
  const decidedSkip = Math.max(0, skip - pendingCount);
  const decidedTake = take - pendingTake;
  const [pending, decided, decideRow] = await Promise.all([
    pendingTake > 0
      ? db.redemption.findMany({
          where: { status: "PENDING" },
          select: queueFields,
          orderBy: pendingOrder,
          skip,
          take: pendingTake,
        })
      : [],
    decidedTake > 0 && decidedCount > decidedSkip
      ? db.redemption.findMany({
          where: { status: { in: query.status ? [query.status] : DECIDED } },
          select: queueFields,
          orderBy: decidedOrder,
          skip: decidedSkip,
          take: decidedTake,
        })
      : [],
    query.decide
      ? db.redemption.findFirst({
          where: { id: query.decide, status: "PENDING" },
          select: queueFields,
        })
      : null,
  ]);
  const rows = [...pending, ...decided];
  const peopleIds = new Set<string>();
  for (const row of [...rows, ...(decideRow ? [decideRow] : [])]) {
    peopleIds.add(row.userId);
    if (row.decidedById) peopleIds.add(row.decidedById);
  }
  const people = await db.user.findMany({
    where: { id: { in: [...peopleIds] } },
    select: { id: true, name: true, department: { select: { name: true } } },
  });
  const byId = new Map(people.map((person) => [person.id, person]));
  const withNames = (row: (typeof rows)[number]) => ({
    ...row,
    requester: byId.get(row.userId)?.name ?? "",
    department: byId.get(row.userId)?.department?.name ?? "",
    decidedBy: row.decidedById ? (byId.get(row.decidedById)?.name ?? "") : "",
    own: row.userId === actor.id,
  });
  return {
    rows: rows.map(withNames),
    deciding: decideRow ? withNames(decideRow) : null,
    pendingCount: query.status && query.status !== "PENDING" ? null : pendingCount,
    ...summary(pendingCount + decidedCount),
  };
}
