// The rewards catalogue (decision 034): what staff can request, and HR's list of rewards.
import { getDb } from "~/lib/db.server";
import { ConflictError, ForbiddenError, NotFoundError } from "~/lib/errors";
import { paginate } from "~/lib/pagination.server";
import { can, canOnAll, type Principal } from "~/lib/permissions";
import { recordAudit } from "~/modules/audit/index.server";
import type { RewardInput, RewardUpdateInput } from "./catalogue-schemas";
import { balanceOf } from "./ledger.server";
import { myRecentRedemptions, pendingRedemptionsOf } from "./redemptions.server";

export const CATALOGUE_PAGE_SIZE = 24;
export const REWARD_MANAGE_PAGE_SIZE = 50;

const rewardFields = {
  id: true,
  name: true,
  description: true,
  imageUrl: true,
  cost: true,
  stock: true,
  active: true,
  updatedAt: true,
} as const;

/** The catalogue as `viewer` sees it: active rewards, their balance and their own requests. */
export async function catalogueFor(viewer: Principal, page: number) {
  if (!can(viewer, "read", "Reward")) throw new ForbiddenError();
  const { skip, take, summary } = paginate(page, CATALOGUE_PAGE_SIZE);
  const db = getDb();
  const where = { active: true };
  const [rewards, total, balance, pending, recent] = await Promise.all([
    db.reward.findMany({
      where,
      select: rewardFields,
      orderBy: [{ cost: "asc" }, { id: "asc" }],
      skip,
      take,
    }),
    db.reward.count({ where }),
    balanceOf(viewer.id),
    pendingRedemptionsOf(viewer.id),
    myRecentRedemptions(viewer.id),
  ]);
  return { rewards, balance, pending, recent, ...summary(total) };
}

/** HR's list: every reward, active ones first, and the one being edited. */
export async function listRewardsToManage(actor: Principal, page: number, editId?: string) {
  if (!canOnAll(actor, "update", "Reward")) throw new ForbiddenError();
  const { skip, take, summary } = paginate(page, REWARD_MANAGE_PAGE_SIZE);
  const db = getDb();
  const [rewards, total, editing] = await Promise.all([
    db.reward.findMany({
      select: rewardFields,
      orderBy: [{ active: "desc" }, { cost: "asc" }, { id: "asc" }],
      skip,
      take,
    }),
    db.reward.count(),
    editId ? db.reward.findUnique({ where: { id: editId }, select: rewardFields }) : null,
  ]);
  return { rewards, editing, ...summary(total) };
}

function rewardData(input: RewardInput) {
  return {
    name: input.name,
    description: input.description,
    imageUrl: input.imageUrl,
    cost: input.cost,
    stock: input.stock,
    active: input.active,
  };
}

export async function createReward(actor: Principal, input: RewardInput) {
  if (!canOnAll(actor, "create", "Reward")) throw new ForbiddenError();
  return getDb().$transaction(async (tx) => {
    const reward = await tx.reward.create({ data: rewardData(input), select: { id: true } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "reward.create",
      subjectType: "Reward",
      subjectId: reward.id,
      after: rewardData(input),
    });
    return reward;
  });
}

/**
 * Saves HR's edit, unless the reward changed since the form was opened (another edit, or a
 * request taking one from stock): the stock typed would overwrite what happened meanwhile.
 */
export async function updateReward(actor: Principal, input: RewardUpdateInput) {
  if (!canOnAll(actor, "update", "Reward")) throw new ForbiddenError();
  const { id, revision, ...fields } = input;
  return getDb().$transaction(async (tx) => {
    const before = await tx.reward.findUnique({ where: { id } });
    if (!before) throw new NotFoundError();
    const { count } = await tx.reward.updateMany({
      where: { id, updatedAt: new Date(revision) },
      data: rewardData(fields),
    });
    if (count === 0) throw new ConflictError("errors.staleEdit");
    await recordAudit(tx, {
      actorId: actor.id,
      action: "reward.update",
      subjectType: "Reward",
      subjectId: id,
      before: rewardData(before),
      after: rewardData(fields),
    });
  });
}
