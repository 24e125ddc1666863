// Kudos (decision 033): sending one (the refusal rules, the giving allowance, the receiver's
// points and notification), the public wall, and the pickers of the send form and filters.
import crypto from "node:crypto";
import { createOnce, keyOf } from "~/lib/create-once.server";
import { getDb, lockForUpdate, type DbTx, type Role } from "~/lib/db.server";
import { DAY_MS } from "~/lib/dates";
import { raise } from "~/lib/domain-events.server";
import { ForbiddenError, ValidationError, type FieldErrors } from "~/lib/errors";
import { paginate } from "~/lib/pagination.server";
import { can, type Principal } from "~/lib/permissions";
import { containsText } from "~/lib/text-search.server";
import type { PickerOption, PickerPage } from "~/lib/ui/search-picker";
import { recordAudit } from "~/modules/audit/index.server";
import { notify } from "~/modules/notifications/index.server";
import { awardRule } from "./awards.server";
import {
  DEFAULT_GIVING_ALLOWANCE,
  DEFAULT_PAIR_MONTHLY_CAP,
  KUDOS_REPEAT_DAYS,
  PAIR_MONTHLY_CAP_KEY,
  type KudosInput,
  type KudosPickerQuery,
  type KudosWallQuery,
} from "./kudos";
import { writeEntry } from "./ledger.server";
import { monthBounds } from "./periods";

/** The ledger's source type of the points a kudos carries. */
export const KUDOS_SOURCE = "KUDOS";
/** The audit action of a kudos refused by the monthly cap between two people. */
export const PAIR_CAP_REFUSED = "kudos.pair_cap_refused";

/** The monthly giving allowance of a role: HR's row, else the default. */
export async function givingAllowanceOfRole(role: Role, tx: DbTx = getDb()): Promise<number> {
  const row = await tx.givingAllowance.findUnique({ where: { role } });
  return row?.points ?? DEFAULT_GIVING_ALLOWANCE;
}

/** The most points two people may exchange in a calendar month, both directions together. */
export async function pairMonthlyCap(tx: DbTx = getDb()): Promise<number> {
  const row = await tx.incentiveSetting.findUnique({ where: { key: PAIR_MONTHLY_CAP_KEY } });
  return row?.value ?? DEFAULT_PAIR_MONTHLY_CAP;
}

async function pointsGivenInMonth(tx: DbTx, fromId: string, at: Date): Promise<number> {
  const { start, end } = monthBounds(at);
  const { _sum } = await tx.kudos.aggregate({
    where: { fromId, createdAt: { gte: start, lt: end } },
    _sum: { points: true },
  });
  return _sum.points ?? 0;
}

/**
 * What `userId` may still give in kudos in the UTC month of `at`: the allowance of their
 * role, minus the points of the kudos they sent that month (no roll-over; giving points are
 * not in the ledger and cannot be redeemed). An unknown person has nothing to give.
 */
export async function givingAllowanceLeft(
  userId: string,
  at: Date = new Date(),
  tx: DbTx = getDb(),
): Promise<{ allowance: number; used: number; left: number }> {
  const person = await tx.user.findUnique({ where: { id: userId }, select: { role: true } });
  if (!person) return { allowance: 0, used: 0, left: 0 };
  const [allowance, used] = await Promise.all([
    givingAllowanceOfRole(person.role, tx),
    pointsGivenInMonth(tx, userId, at),
  ]);
  return { allowance, used, left: Math.max(0, allowance - used) };
}

/** Points exchanged between two people in the UTC month of `at`, both directions. */
async function pairTotalInMonth(tx: DbTx, a: string, b: string, at: Date): Promise<number> {
  const { start, end } = monthBounds(at);
  const { _sum } = await tx.kudos.aggregate({
    where: {
      createdAt: { gte: start, lt: end },
      OR: [
        { fromId: a, toId: b },
        { fromId: b, toId: a },
      ],
    },
    _sum: { points: true },
  });
  return _sum.points ?? 0;
}

/** A refusal by the pair cap: recorded (for HR's flagged pairs) after the rollback. */
class PairCapRefusal extends ValidationError {
  constructor(
    fieldErrors: FieldErrors,
    readonly attempt: {
      fromId: string;
      toId: string;
      points: number;
      pairTotal: number;
      cap: number;
    },
  ) {
    super(fieldErrors);
  }
}

/**
 * Sends a kudos and returns its id. Refused, with a message on the field: to yourself, to
 * someone unknown or deactivated, an inactive value, a second kudos to the same person within
 * 7 days, more points than the allowance left, or more than the monthly cap between the two
 * people (both directions together). The receiver gets the points and the KUDOS_RECEIVED bonus
 * in the ledger and a notification, in the same transaction as the kudos. The same form post
 * twice (its `submissionKey`) is the one kudos. `now`: when it is sent (the demo writes past
 * months with it).
 */
export async function sendKudos(
  actor: Principal,
  input: KudosInput,
  now: Date = new Date(),
): Promise<string> {
  if (!can(actor, "create", "Kudos")) throw new ForbiddenError();
  // Without a key from the form (the demo, scripts) every call is a kudos of its own.
  const submitKey = keyOf("kudos", actor.id, input.submissionKey || crypto.randomUUID());
  try {
    return await createOnce(
      () => insertKudos(actor.id, input, submitKey, now),
      async () =>
        (await getDb().kudos.findUnique({ where: { submitKey }, select: { id: true } }))?.id ??
        null,
    );
  } catch (error) {
    if (error instanceof PairCapRefusal) await recordPairCapRefusal(error.attempt);
    throw error;
  }
}

async function recordPairCapRefusal(attempt: PairCapRefusal["attempt"]) {
  await getDb().$transaction((tx) =>
    recordAudit(tx, {
      actorId: attempt.fromId,
      action: PAIR_CAP_REFUSED,
      subjectType: "User",
      subjectId: attempt.toId,
      after: { points: attempt.points, pairTotal: attempt.pairTotal, cap: attempt.cap },
    }),
  );
}

const PERSON = { id: true, name: true, role: true, active: true, departmentId: true } as const;

async function insertKudos(fromId: string, input: KudosInput, submitKey: string, now: Date) {
  return getDb().$transaction(async (tx) => {
    // Both people, in a fixed order: parallel sends by the giver queue (allowance, 7 days),
    // and so do the two directions of a pair (the pair cap).
    for (const userId of [fromId, input.toId].sort()) {
      await lockForUpdate(tx, "User", "id", userId);
    }
    const repeat = await tx.kudos.findUnique({ where: { submitKey }, select: { id: true } });
    if (repeat) return repeat.id;
    const [giver, receiver] = await Promise.all([
      tx.user.findUniqueOrThrow({ where: { id: fromId }, select: PERSON }),
      tx.user.findUnique({ where: { id: input.toId }, select: PERSON }),
    ]);
    await assertAllowed(tx, giver, receiver, input, now);
    const kudos = await tx.kudos.create({
      data: {
        fromId,
        toId: input.toId,
        fromDepartmentId: giver.departmentId,
        toDepartmentId: receiver!.departmentId,
        message: input.message,
        valueId: input.valueId || null,
        points: input.points,
        submitKey,
        createdAt: now,
      },
    });
    await rewardReceiver(tx, kudos, giver.name);
    await raise(tx, "kudos.sent", {
      kudosId: kudos.id,
      fromId,
      toId: kudos.toId,
      points: kudos.points,
      at: now,
    });
    await notify(tx, [
      {
        userId: kudos.toId,
        type: "KUDOS_RECEIVED",
        // `count` picks the message's wording for a thank-you without points.
        params: {
          from: giver.name,
          message: kudos.message,
          points: kudos.points,
          count: kudos.points,
        },
        link: "/rewards/kudos",
      },
    ]);
    return kudos.id;
  });
}

type Person = {
  id: string;
  name: string;
  role: Role;
  active: boolean;
  departmentId: string | null;
};

/** Every rule a kudos must pass; all the broken ones are reported at once, by field. */
async function assertAllowed(
  tx: DbTx,
  giver: Person,
  receiver: Person | null,
  input: KudosInput,
  now: Date,
): Promise<void> {
  if (giver.id === input.toId) throw new ValidationError({ toId: "rewards.kudos.errors.self" });
  if (!receiver?.active) throw new ValidationError({ toId: "rewards.kudos.errors.notActive" });
  const errors: FieldErrors = {};
  if (input.valueId) {
    const value = await tx.companyValue.findUnique({ where: { id: input.valueId } });
    if (!value?.active) errors.valueId = "rewards.kudos.errors.valueInactive";
  }
  // Rolling, and on both sides of `now`, so that history written out of order (the demo)
  // keeps the rule too.
  const window = KUDOS_REPEAT_DAYS * DAY_MS;
  const recent = await tx.kudos.findFirst({
    where: {
      fromId: giver.id,
      toId: receiver.id,
      createdAt: { gt: new Date(now.getTime() - window), lt: new Date(now.getTime() + window) },
    },
    select: { id: true },
  });
  if (recent) errors.toId = "rewards.kudos.errors.tooSoon";
  let pairCap: PairCapRefusal["attempt"] | null = null;
  if (input.points > 0) {
    const { left } = await givingAllowanceLeft(giver.id, now, tx);
    if (input.points > left) errors.points = "rewards.kudos.errors.overAllowance";
    const [pairTotal, cap] = await Promise.all([
      pairTotalInMonth(tx, giver.id, receiver.id, now),
      pairMonthlyCap(tx),
    ]);
    if (!errors.points && pairTotal + input.points > cap) {
      errors.points = "rewards.kudos.errors.pairCap";
      pairCap = { fromId: giver.id, toId: receiver.id, points: input.points, pairTotal, cap };
    }
  }
  if (Object.keys(errors).length === 0) return;
  throw pairCap ? new PairCapRefusal(errors, pairCap) : new ValidationError(errors);
}

/**
 * The kudos' points and the KUDOS_RECEIVED bonus, once each (keyed by the kudos). A thank-you
 * without points earns no bonus: it costs no allowance, so a bonus on it would be points from
 * nothing, repeatable by any two colleagues (decision 033).
 */
async function rewardReceiver(
  tx: DbTx,
  kudos: { id: string; fromId: string; toId: string; points: number; createdAt: Date },
  giverName: string,
) {
  if (kudos.points === 0) return;
  await writeEntry(tx, {
    userId: kudos.toId,
    points: kudos.points,
    kind: "EARNED",
    sourceType: KUDOS_SOURCE,
    sourceId: kudos.id,
    reason: giverName,
    actorId: kudos.fromId,
    at: kudos.createdAt,
  });
  await awardRule(tx, "KUDOS_RECEIVED", {
    userId: kudos.toId,
    sourceId: kudos.id,
    at: kudos.createdAt,
    actorId: kudos.fromId,
  });
}

// ---- The wall ----------------------------------------------------------------------------

export const KUDOS_WALL_PAGE_SIZE = 20;

/** One kudos as the wall shows it. */
export interface KudosCard {
  id: string;
  from: { id: string; name: string };
  to: { id: string; name: string };
  message: string;
  value: string | null;
  points: number;
  createdAt: Date;
}

/** The wall: newest first, by the receiver's department and by value, one page. */
export async function listKudosWall(query: KudosWallQuery) {
  const db = getDb();
  const page = paginate(query.page, KUDOS_WALL_PAGE_SIZE);
  const where = {
    ...(query.department ? { toDepartmentId: query.department } : {}),
    ...(query.value ? { valueId: query.value } : {}),
  };
  const [total, rows] = await Promise.all([
    db.kudos.count({ where }),
    db.kudos.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: page.skip,
      take: page.take,
      select: {
        id: true,
        fromId: true,
        toId: true,
        message: true,
        points: true,
        createdAt: true,
        value: { select: { name: true } },
      },
    }),
  ]);
  const people = await db.user.findMany({
    where: { id: { in: [...new Set(rows.flatMap((row) => [row.fromId, row.toId]))] } },
    select: { id: true, name: true },
  });
  const nameOf = new Map(people.map((person) => [person.id, person.name]));
  const kudos: KudosCard[] = rows.map((row) => ({
    id: row.id,
    from: { id: row.fromId, name: nameOf.get(row.fromId) ?? "" },
    to: { id: row.toId, name: nameOf.get(row.toId) ?? "" },
    message: row.message,
    value: row.value?.name ?? null,
    points: row.points,
    createdAt: row.createdAt,
  }));
  return { kudos, ...page.summary(total) };
}

/** Every company value (the wall filters by old ones too), and the active ones to send. */
export async function companyValueOptions() {
  return getDb().companyValue.findMany({
    select: { id: true, name: true, active: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}

// ---- Pickers -----------------------------------------------------------------------------

export const KUDOS_PICKER_PAGE_SIZE = 20;

const personLabel = (person: { name: string; department: { name: string } | null }) =>
  person.department ? `${person.name} (${person.department.name})` : person.name;

/** Active colleagues (not the viewer) whose name matches `q`: the send form's receiver. */
export async function searchKudosPeople(
  viewer: Principal,
  { q, page }: KudosPickerQuery,
): Promise<PickerPage> {
  const { skip, take } = paginate(page, KUDOS_PICKER_PAGE_SIZE);
  const rows = await getDb().user.findMany({
    where: { active: true, id: { not: viewer.id }, ...(q ? { name: containsText(q) } : {}) },
    select: { id: true, name: true, department: { select: { name: true } } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    skip,
    // One more than a page tells whether there is a next one.
    take: take + 1,
  });
  return {
    options: rows.slice(0, take).map((row) => ({ value: row.id, label: personLabel(row) })),
    hasMore: rows.length > take,
  };
}

/** The receiver named by `?to=`, when they can receive the viewer's kudos. */
export async function kudosReceiverOption(
  viewer: Principal,
  userId: string | undefined,
): Promise<PickerOption | null> {
  if (!userId || userId === viewer.id) return null;
  const person = await getDb().user.findFirst({
    where: { id: userId, active: true },
    select: { id: true, name: true, department: { select: { name: true } } },
  });
  return person && { value: person.id, label: personLabel(person) };
}

/** Departments whose name matches `q`: the wall's department filter. */
export async function searchKudosDepartments({ q, page }: KudosPickerQuery): Promise<PickerPage> {
  const { skip, take } = paginate(page, KUDOS_PICKER_PAGE_SIZE);
  const rows = await getDb().department.findMany({
    where: q ? { name: containsText(q) } : {},
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    skip,
    take: take + 1,
  });
  return {
    options: rows.slice(0, take).map((row) => ({ value: row.id, label: row.name })),
    hasMore: rows.length > take,
  };
}

/** The wall's chosen department with its name, for the picker's first render. */
export async function kudosDepartmentOption(
  departmentId: string | undefined,
): Promise<PickerOption | null> {
  if (!departmentId) return null;
  const department = await getDb().department.findUnique({
    where: { id: departmentId },
    select: { id: true, name: true },
  });
  return department && { value: department.id, label: department.name };
}
