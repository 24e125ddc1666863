// HR's ledger (decision 036): anyone's entries with filters, a total and a CSV export, and
// adjustments (an ADJUSTMENT entry, audited and notified, never below a zero balance).
import crypto from "node:crypto";
import { keyOf } from "~/lib/create-once.server";
import { getDb, lockForUpdate, type DbTx, type PointsKind, type Prisma } from "~/lib/db.server";
import { ForbiddenError, ValidationError } from "~/lib/errors";
import { paginate } from "~/lib/pagination.server";
import { canOnAll, type Principal } from "~/lib/permissions";
import { containsText } from "~/lib/text-search.server";
import type { PickerOption, PickerPage } from "~/lib/ui/search-picker";
import { recordAudit } from "~/modules/audit/index.server";
import { notify } from "~/modules/notifications/index.server";
import type { KudosPickerQuery } from "./kudos";
import {
  ADJUSTMENT_SOURCE,
  signedPoints,
  type AdjustmentInput,
  type PointsKindName,
} from "./ledger-admin";
import { balanceOf, writeEntry } from "./ledger.server";
import { historyWhere } from "./points-history.server";
import type { LedgerQuery } from "./points-query";

export const LEDGER_PAGE_SIZE = 25;
export const LEDGER_PICKER_PAGE_SIZE = 20;
/** The audit action of an adjustment. */
export const POINTS_ADJUST_ACTION = "points.adjust";

// The browser's list of kinds and Prisma's enum must stay the same.
const _kindsMatch: PointsKindName extends PointsKind
  ? PointsKind extends PointsKindName
    ? true
    : never
  : never = true;
void _kindsMatch;

function assertEveryone(viewer: Principal, action: "read" | "create") {
  if (!canOnAll(viewer, action, "Points")) throw new ForbiddenError();
}

/** The ledger's rows a filter selects: a person's, then the filters of every history. */
function ledgerWhere(query: LedgerQuery): Prisma.PointsEntryWhereInput {
  return { ...(query.person ? { userId: query.person } : {}), ...historyWhere(query) };
}

const ENTRY = {
  id: true,
  userId: true,
  departmentId: true,
  points: true,
  kind: true,
  sourceType: true,
  sourceId: true,
  reason: true,
  actorId: true,
  createdAt: true,
} as const;
type EntryRow = Prisma.PointsEntryGetPayload<{ select: typeof ENTRY }>;

/** One ledger row as HR reads it. */
export interface LedgerRow {
  id: string;
  person: { id: string; name: string; email: string };
  department: string;
  points: number;
  kind: PointsKind;
  sourceType: string;
  sourceId: string;
  reason: string;
  actor: { id: string; name: string } | null;
  createdAt: Date;
}

/** The people and departments of a batch of rows, in two queries (no query per row). */
async function describeRows(rows: EntryRow[]): Promise<LedgerRow[]> {
  const db = getDb();
  const userIds = [...new Set(rows.flatMap((row) => [row.userId, row.actorId ?? []].flat()))];
  const departmentIds = [...new Set(rows.flatMap((row) => row.departmentId ?? []))];
  const [people, departments] = await Promise.all([
    db.user.findMany({
      where: { id: { in: userIds } },
      select: { id: true, name: true, email: true },
    }),
    db.department.findMany({
      where: { id: { in: departmentIds } },
      select: { id: true, name: true },
    }),
  ]);
  const personOf = new Map(people.map((person) => [person.id, person]));
  const departmentOf = new Map(departments.map((department) => [department.id, department.name]));
  return rows.map((row) => {
    const person = personOf.get(row.userId);
    const actor = row.actorId ? personOf.get(row.actorId) : undefined;
    return {
      id: row.id,
      person: { id: row.userId, name: person?.name ?? "", email: person?.email ?? "" },
      department: row.departmentId ? (departmentOf.get(row.departmentId) ?? "") : "",
      points: row.points,
      kind: row.kind,
      sourceType: row.sourceType,
      sourceId: row.sourceId,
      reason: row.reason,
      actor: row.actorId ? { id: row.actorId, name: actor?.name ?? "" } : null,
      createdAt: row.createdAt,
    };
  });
}

const NEWEST_FIRST: Prisma.PointsEntryOrderByWithRelationInput[] = [
  { createdAt: "desc" },
  { id: "desc" },
];

/** Anyone's ledger with the filters: newest first, one page, and the points of all matches. */
export async function listLedger(viewer: Principal, query: LedgerQuery) {
  assertEveryone(viewer, "read");
  const db = getDb();
  const page = paginate(query.page, LEDGER_PAGE_SIZE);
  const where = ledgerWhere(query);
  const [total, sum, rows] = await Promise.all([
    db.pointsEntry.count({ where }),
    db.pointsEntry.aggregate({ where, _sum: { points: true } }),
    db.pointsEntry.findMany({
      where,
      orderBy: NEWEST_FIRST,
      skip: page.skip,
      take: page.take,
      select: ENTRY,
    }),
  ]);
  return {
    entries: await describeRows(rows),
    totalPoints: sum._sum.points ?? 0,
    ...page.summary(total),
  };
}

/** The ledger with the filters, newest first, for the CSV export: one batch at a time. */
export async function* ledgerExportBatches(
  viewer: Principal,
  query: LedgerQuery,
  batchSize = 1000,
): AsyncGenerator<LedgerRow[]> {
  assertEveryone(viewer, "read");
  const where = ledgerWhere(query);
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    // Keyset paging on (createdAt, id): rows written meanwhile neither repeat nor shift it.
    const cursor: Prisma.PointsEntryWhereInput = after
      ? {
          OR: [
            { createdAt: { lt: after.createdAt } },
            { createdAt: after.createdAt, id: { lt: after.id } },
          ],
        }
      : {};
    const rows = await getDb().pointsEntry.findMany({
      where: { AND: [where, cursor] },
      orderBy: NEWEST_FIRST,
      take: batchSize,
      select: ENTRY,
    });
    if (rows.length === 0) return;
    yield await describeRows(rows);
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1]!;
  }
}

// ---- The person picker ---------------------------------------------------------------------

const personLabel = (person: { name: string; email: string }) => `${person.name} (${person.email})`;

/** Everyone whose name or e-mail matches `q`, deactivated people too (their points stay). */
export async function searchLedgerPeople(
  viewer: Principal,
  { q, page }: KudosPickerQuery,
): Promise<PickerPage> {
  assertEveryone(viewer, "read");
  const { skip, take } = paginate(page, LEDGER_PICKER_PAGE_SIZE);
  const rows = await getDb().user.findMany({
    where: q ? { OR: [{ name: containsText(q) }, { email: containsText(q) }] } : {},
    select: { id: true, name: true, email: true },
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

/** The person the filter names (`?person=`), for the picker's first render. */
export async function ledgerPersonOption(userId: string | undefined): Promise<PickerOption | null> {
  if (!userId) return null;
  const person = await getDb().user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true },
  });
  return person && { value: person.id, label: personLabel(person) };
}

// ---- Adjustments ---------------------------------------------------------------------------

/**
 * HR's correction of a person's points: one ADJUSTMENT entry, audited, and the person told
 * (POINTS_ADJUSTED), in one transaction. Refused with a field error for an unknown person or
 * when it would take the balance below 0. The same form post twice (its `submissionKey`) is
 * the one entry. Returns the entry's id and the balance after it.
 */
export async function adjustPoints(
  actor: Principal,
  input: AdjustmentInput,
  now: Date = new Date(),
): Promise<{ entryId: string; balance: number }> {
  assertEveryone(actor, "create");
  // Without a key from the form (scripts) every call is an adjustment of its own.
  const sourceId = keyOf("adjustment", actor.id, input.submissionKey || crypto.randomUUID());
  return getDb().$transaction(async (tx) => {
    // Parallel adjustments (and spends) of one person queue here: the balance read below
    // stays true until this commits.
    await lockForUpdate(tx, "User", "id", input.userId);
    const person = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true } });
    if (!person) throw new ValidationError({ userId: "rewards.ledger.errors.unknownPerson" });
    const repeat = await findAdjustment(tx, input.userId, sourceId);
    if (repeat) return { entryId: repeat.id, balance: await balanceOf(input.userId, tx) };
    const before = await balanceOf(input.userId, tx);
    if (before + input.points < 0) {
      throw new ValidationError({ points: "rewards.ledger.errors.belowZero" });
    }
    const written = await writeEntry(tx, {
      userId: input.userId,
      points: input.points,
      kind: "ADJUSTMENT",
      sourceType: ADJUSTMENT_SOURCE,
      sourceId,
      reason: input.reason,
      actorId: actor.id,
      at: now,
    });
    const entry = (await findAdjustment(tx, input.userId, sourceId))!;
    // A parallel post with the same key got there first: its entry is the answer.
    if (!written) return { entryId: entry.id, balance: await balanceOf(input.userId, tx) };
    const balance = before + input.points;
    await recordAudit(tx, {
      actorId: actor.id,
      action: POINTS_ADJUST_ACTION,
      subjectType: "User",
      subjectId: input.userId,
      before: { balance: before },
      after: { entryId: entry.id, points: input.points, reason: input.reason, balance },
    });
    await notify(tx, [
      {
        userId: input.userId,
        type: "POINTS_ADJUSTED",
        params: { points: signedPoints(input.points), reason: input.reason },
        link: "/rewards/points",
      },
    ]);
    return { entryId: entry.id, balance };
  });
}

function findAdjustment(tx: DbTx, userId: string, sourceId: string) {
  return tx.pointsEntry.findUnique({
    where: {
      userId_kind_sourceType_sourceId: {
        userId,
        kind: "ADJUSTMENT",
        sourceType: ADJUSTMENT_SOURCE,
        sourceId,
      },
    },
    select: { id: true },
  });
}
