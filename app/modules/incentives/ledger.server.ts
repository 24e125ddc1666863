// The points ledger (decision 031): append-only rows, one per award or spend, written only
// here. The database refuses UPDATE and DELETE (triggers in both providers' migrations).
// Balances are sums of the ledger; leaderboards read PointsTotal, kept in the same
// transaction as each entry that counts and checked against the ledger (verifyTotals).
import { insertRowsSkippingDuplicates } from "~/lib/bulk-insert.server";
import { Prisma, databaseProvider, getDb, type DbTx, type PointsKind } from "~/lib/db.server";
import { logger } from "~/lib/logger.server";
import { ALL_TIME, periodKeysOf } from "./periods";

/** The kinds that count on leaderboards: what was earned, and HR's corrections of it. */
export const LEADERBOARD_KINDS: readonly PointsKind[] = ["EARNED", "ADJUSTMENT"];

export interface LedgerEntry {
  userId: string;
  points: number;
  kind: PointsKind;
  /** What the entry is for: an earning rule's key, "KUDOS", "REDEMPTION", "ADJUSTMENT". */
  sourceType: string;
  sourceId: string;
  reason?: string;
  actorId?: string | null;
  at: Date;
}

/** Which change initiative and phase an entry falls in (the initiatives module answers). */
export type RunningPhaseResolver = (
  tx: DbTx,
  departmentId: string | null,
  at: Date,
) => Promise<{ initiativeId: string; phaseId: string } | null>;

let runningPhase: RunningPhaseResolver = async () => null;

/**
 * Installed by app/subscribers.server.ts: incentives cannot import initiatives (a cycle), so
 * initiatives' resolver is handed in. Without one, entries carry no initiative.
 */
export function setRunningPhaseResolver(resolver: RunningPhaseResolver): void {
  runningPhase = resolver;
}

/**
 * Writes one entry unless this person has one of this kind for this source already (the
 * unique key decides, whatever the interleaving). True when it was written.
 */
export async function writeEntry(tx: DbTx, entry: LedgerEntry): Promise<boolean> {
  const person = await tx.user.findUnique({
    where: { id: entry.userId },
    select: { departmentId: true },
  });
  if (!person) return false;
  const running = await runningPhase(tx, person.departmentId, entry.at);
  const inserted = await insertRowsSkippingDuplicates(tx, "PointsEntry", [
    {
      userId: entry.userId,
      departmentId: person.departmentId,
      points: entry.points,
      kind: entry.kind,
      sourceType: entry.sourceType,
      sourceId: entry.sourceId,
      reason: entry.reason ?? "",
      actorId: entry.actorId ?? null,
      initiativeId: running?.initiativeId ?? null,
      phaseId: running?.phaseId ?? null,
      createdAt: entry.at,
    },
  ]);
  if (inserted === 0) return false;
  if (LEADERBOARD_KINDS.includes(entry.kind) && entry.points !== 0) {
    await addToTotals(tx, entry.userId, person.departmentId ?? "", entry.points, entry.at);
  }
  return true;
}

async function addToTotals(
  tx: DbTx,
  userId: string,
  departmentId: string,
  points: number,
  at: Date,
) {
  const rows = periodKeysOf(at).map(
    (period) => Prisma.sql`(${period}, ${userId}, ${departmentId}, ${points})`,
  );
  await tx.$executeRaw`
    INSERT INTO "PointsTotal" ("period", "userId", "departmentId", "points")
    VALUES ${Prisma.join(rows)}
    ON CONFLICT ("period", "userId", "departmentId")
    DO UPDATE SET "points" = "PointsTotal"."points" + excluded."points"`;
}

/** A person's balance: the sum of their ledger (holds for pending redemptions included). */
export async function balanceOf(userId: string, tx: DbTx = getDb()): Promise<number> {
  const { _sum } = await tx.pointsEntry.aggregate({ where: { userId }, _sum: { points: true } });
  return _sum.points ?? 0;
}

export interface TotalsMismatch {
  period: string;
  userId: string;
  departmentId: string;
  ledger: number;
  totals: number;
}

/** Month keys ("2026-12") of the ledger's times, in each provider's SQL (UTC). */
const monthOfCreatedAt = () =>
  databaseProvider() === "postgresql"
    ? Prisma.sql`to_char("createdAt", 'YYYY-MM')`
    : Prisma.sql`strftime('%Y-%m', "createdAt")`;

/**
 * Recomputes the running totals from the ledger and lists every difference (none expected):
 * run by the tests after random operations and by the daily check (jobs). The ledger is
 * summed per person, department and month in SQL; quarters and all time follow from months.
 */
export async function verifyTotals(tx: DbTx = getDb()): Promise<TotalsMismatch[]> {
  const months = await tx.$queryRaw<
    { userId: string; departmentId: string; month: string; points: number | bigint }[]
  >`
    SELECT "userId", COALESCE("departmentId", '') AS "departmentId", ${monthOfCreatedAt()} AS "month",
           SUM("points") AS "points"
      FROM "PointsEntry"
     WHERE "kind" IN (${Prisma.join([...LEADERBOARD_KINDS])})
     GROUP BY "userId", COALESCE("departmentId", ''), ${monthOfCreatedAt()}`;
  const expected = new Map<string, number>();
  const add = (period: string, userId: string, departmentId: string, points: number) => {
    const key = `${period}\u0000${userId}\u0000${departmentId}`;
    expected.set(key, (expected.get(key) ?? 0) + points);
  };
  for (const row of months) {
    const points = Number(row.points);
    const [year, month] = row.month.split("-").map(Number) as [number, number];
    add(row.month, row.userId, row.departmentId, points);
    add(`${year}-Q${Math.floor((month - 1) / 3) + 1}`, row.userId, row.departmentId, points);
    add(ALL_TIME, row.userId, row.departmentId, points);
  }
  const stored = await tx.pointsTotal.findMany();
  const actual = new Map(
    stored.map((row) => [`${row.period}\u0000${row.userId}\u0000${row.departmentId}`, row.points]),
  );
  const mismatches: TotalsMismatch[] = [];
  for (const key of new Set([...expected.keys(), ...actual.keys()])) {
    const ledger = expected.get(key) ?? 0;
    const totals = actual.get(key) ?? 0;
    if (ledger === totals) continue;
    const [period, userId, departmentId] = key.split("\u0000") as [string, string, string];
    mismatches.push({ period, userId, departmentId, ledger, totals });
  }
  return mismatches;
}

/**
 * The daily check: the running totals against the ledger. A difference is logged as an error
 * and left for a person to look at (decision 031): totals that disagree mean a write path
 * bypassed writeEntry, which a silent fix would hide.
 */
export async function checkPointsTotals() {
  const mismatches = await verifyTotals();
  if (mismatches.length > 0) {
    logger.error(
      { mismatches: mismatches.slice(0, 20), count: mismatches.length },
      "points totals differ from the ledger",
    );
  }
  return { mismatches: mismatches.length };
}
