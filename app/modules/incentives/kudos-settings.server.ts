// HR's kudos settings (decision 033): company values, giving allowances per role, the monthly
// cap between two people, and the pairs HR should look at. Every change is audited.
import { getDb, isUniqueViolation, type DbTx } from "~/lib/db.server";
import { ForbiddenError, NotFoundError, ValidationError } from "~/lib/errors";
import { can, ROLES, type Principal } from "~/lib/permissions";
import { recordAudit } from "~/modules/audit/index.server";
import { PAIR_FLAG_SHARE, PAIR_MONTHLY_CAP_KEY, type GivingAllowancesInput } from "./kudos";
import { givingAllowanceOfRole, pairMonthlyCap, PAIR_CAP_REFUSED } from "./kudos.server";
import { monthBounds, monthKey } from "./periods";

function assertMayEdit(actor: Principal) {
  if (!can(actor, "update", "Kudos")) throw new ForbiddenError();
}

const NAME_TAKEN = { name: "rewards.kudos.errors.valueTaken" };

/** Names are unique regardless of case ("Simplify" and "simplify" would be one value). */
async function assertNameFree(tx: DbTx, name: string, exceptId?: string) {
  const values = await tx.companyValue.findMany({ select: { id: true, name: true } });
  const clash = values.find(
    (value) => value.id !== exceptId && value.name.toLowerCase() === name.toLowerCase(),
  );
  if (clash) throw new ValidationError(NAME_TAKEN);
}

/** Runs a value change; the unique name refuses a parallel twin, shown like any clash. */
async function withUniqueName<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError(NAME_TAKEN);
    throw error;
  }
}

export async function addCompanyValue(actor: Principal, input: { name: string }) {
  assertMayEdit(actor);
  return withUniqueName(() =>
    getDb().$transaction(async (tx) => {
      await assertNameFree(tx, input.name);
      const value = await tx.companyValue.create({ data: { name: input.name } });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "kudos.value.create",
        subjectType: "CompanyValue",
        subjectId: value.id,
        after: { name: value.name },
      });
      return value.id;
    }),
  );
}

export async function renameCompanyValue(actor: Principal, input: { id: string; name: string }) {
  assertMayEdit(actor);
  await withUniqueName(() =>
    getDb().$transaction(async (tx) => {
      const before = await tx.companyValue.findUnique({ where: { id: input.id } });
      if (!before) throw new NotFoundError();
      if (before.name === input.name) return;
      await assertNameFree(tx, input.name, input.id);
      await tx.companyValue.update({ where: { id: input.id }, data: { name: input.name } });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "kudos.value.rename",
        subjectType: "CompanyValue",
        subjectId: input.id,
        before: { name: before.name },
        after: { name: input.name },
      });
    }),
  );
}

/** Deactivated values stay on the kudos that named them; new kudos cannot choose them. */
export async function setCompanyValueActive(
  actor: Principal,
  input: { id: string; active: boolean },
) {
  assertMayEdit(actor);
  await getDb().$transaction(async (tx) => {
    const before = await tx.companyValue.findUnique({ where: { id: input.id } });
    if (!before) throw new NotFoundError();
    if (before.active === input.active) return;
    await tx.companyValue.update({ where: { id: input.id }, data: { active: input.active } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: input.active ? "kudos.value.activate" : "kudos.value.deactivate",
      subjectType: "CompanyValue",
      subjectId: input.id,
      before: { active: before.active },
      after: { active: input.active },
    });
  });
}

/** The monthly giving allowance of every role (HR's rows, else the default). */
export async function givingAllowances(tx: DbTx = getDb()): Promise<GivingAllowancesInput> {
  const entries = await Promise.all(
    ROLES.map(async (role) => [role, await givingAllowanceOfRole(role, tx)] as const),
  );
  return Object.fromEntries(entries) as GivingAllowancesInput;
}

/** Sets the allowances; the roles whose allowance changed are audited, before and after. */
export async function setGivingAllowances(actor: Principal, input: GivingAllowancesInput) {
  assertMayEdit(actor);
  await getDb().$transaction(async (tx) => {
    const before = await givingAllowances(tx);
    const changed = ROLES.filter((role) => before[role] !== input[role]);
    if (changed.length === 0) return;
    for (const role of changed) {
      await tx.givingAllowance.upsert({
        where: { role },
        create: { role, points: input[role], updatedById: actor.id },
        update: { points: input[role], updatedById: actor.id },
      });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "kudos.allowance.update",
      subjectType: "GivingAllowance",
      subjectId: changed.join(","),
      before: Object.fromEntries(changed.map((role) => [role, before[role]])),
      after: Object.fromEntries(changed.map((role) => [role, input[role]])),
    });
  });
}

export async function setPairMonthlyCap(actor: Principal, input: { cap: number }) {
  assertMayEdit(actor);
  await getDb().$transaction(async (tx) => {
    const before = await pairMonthlyCap(tx);
    if (before === input.cap) return;
    await tx.incentiveSetting.upsert({
      where: { key: PAIR_MONTHLY_CAP_KEY },
      create: { key: PAIR_MONTHLY_CAP_KEY, value: input.cap, updatedById: actor.id },
      update: { value: input.cap, updatedById: actor.id },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "kudos.pair_cap.update",
      subjectType: "IncentiveSetting",
      subjectId: PAIR_MONTHLY_CAP_KEY,
      before: { value: before },
      after: { value: input.cap },
    });
  });
}

// ---- Flagged pairs -----------------------------------------------------------------------

/** Two people and what went between them in a month; `a` is the one with the smaller id. */
export interface FlaggedPair {
  a: { id: string; name: string };
  b: { id: string; name: string };
  /** Points a gave b, and b gave a. */
  aToB: number;
  bToA: number;
  total: number;
  kudosCount: number;
  /** Kudos refused by the cap between them this month. */
  refused: number;
}

export const FLAGGED_PAIRS_SHOWN = 50;

const pairKey = (x: string, y: string) => (x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`);

/**
 * The pairs of people whose two-way total in the UTC month of `at` reached 80 % of the cap,
 * or who were refused by the cap that month: reciprocal giving HR may want to look at.
 * Highest total first, at most FLAGGED_PAIRS_SHOWN.
 */
export async function flaggedPairs(
  at: Date,
): Promise<{ month: string; cap: number; threshold: number; pairs: FlaggedPair[] }> {
  const db = getDb();
  const { start, end } = monthBounds(at);
  const inMonth = { createdAt: { gte: start, lt: end } };
  const cap = await pairMonthlyCap();
  const threshold = Math.max(1, Math.ceil(cap * PAIR_FLAG_SHARE));
  // A pair reaches the threshold only if one direction has half of it: only those are read.
  const [heavy, refusals] = await Promise.all([
    db.kudos.groupBy({
      by: ["fromId", "toId"],
      where: inMonth,
      _sum: { points: true },
      having: { points: { _sum: { gte: Math.ceil(threshold / 2) } } },
    }),
    // The refusals are audit rows (the refused kudos itself was rolled back).
    db.auditEvent.findMany({
      where: { action: PAIR_CAP_REFUSED, ...inMonth },
      select: { actorId: true, subjectId: true },
    }),
  ]);
  const refusedByPair = new Map<string, number>();
  for (const refusal of refusals) {
    if (!refusal.actorId) continue;
    const key = pairKey(refusal.actorId, refusal.subjectId);
    refusedByPair.set(key, (refusedByPair.get(key) ?? 0) + 1);
  }
  const candidates = new Map<string, [string, string]>();
  for (const row of heavy) candidates.set(pairKey(row.fromId, row.toId), [row.fromId, row.toId]);
  for (const refusal of refusals) {
    if (refusal.actorId) {
      candidates.set(pairKey(refusal.actorId, refusal.subjectId), [
        refusal.actorId,
        refusal.subjectId,
      ]);
    }
  }
  if (candidates.size === 0) return { month: monthKey(at), cap, threshold, pairs: [] };
  const directions = await db.kudos.groupBy({
    by: ["fromId", "toId"],
    where: {
      ...inMonth,
      OR: [...candidates.values()].flatMap(([x, y]) => [
        { fromId: x, toId: y },
        { fromId: y, toId: x },
      ]),
    },
    _sum: { points: true },
    _count: { _all: true },
  });
  const pairs = new Map<string, FlaggedPair>();
  for (const [key, [x, y]] of candidates) {
    const [a, b] = x < y ? [x, y] : [y, x];
    pairs.set(key, {
      a: { id: a, name: "" },
      b: { id: b, name: "" },
      aToB: 0,
      bToA: 0,
      total: 0,
      kudosCount: 0,
      refused: refusedByPair.get(key) ?? 0,
    });
  }
  for (const row of directions) {
    const pair = pairs.get(pairKey(row.fromId, row.toId))!;
    const points = row._sum.points ?? 0;
    if (row.fromId === pair.a.id) pair.aToB += points;
    else pair.bToA += points;
    pair.total += points;
    pair.kudosCount += row._count._all;
  }
  const shown = [...pairs.values()]
    .filter((pair) => pair.total >= threshold || pair.refused > 0)
    .sort((p, q) => q.total - p.total || q.refused - p.refused)
    .slice(0, FLAGGED_PAIRS_SHOWN);
  const people = await db.user.findMany({
    where: { id: { in: [...new Set(shown.flatMap((pair) => [pair.a.id, pair.b.id]))] } },
    select: { id: true, name: true },
  });
  const nameOf = new Map(people.map((person) => [person.id, person.name]));
  for (const pair of shown) {
    pair.a.name = nameOf.get(pair.a.id) ?? "";
    pair.b.name = nameOf.get(pair.b.id) ?? "";
  }
  return { month: monthKey(at), cap, threshold, pairs: shown };
}

/** Everything the settings page shows. */
export async function kudosSettings(flaggedMonth: Date) {
  const db = getDb();
  const [values, allowances, cap, flagged] = await Promise.all([
    db.companyValue.findMany({
      select: { id: true, name: true, active: true, _count: { select: { kudos: true } } },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
    givingAllowances(),
    pairMonthlyCap(),
    flaggedPairs(flaggedMonth),
  ]);
  return {
    values: values.map(({ _count, ...value }) => ({ ...value, kudosCount: _count.kudos })),
    allowances,
    cap,
    flagged,
  };
}
