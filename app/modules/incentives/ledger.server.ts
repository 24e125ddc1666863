// The points ledger (decision 031): append-only rows, one per award or spend, written only
// here. The database refuses UPDATE and DELETE (triggers in both providers' migrations).
// Balances are sums of the ledger; leaderboards read PointsTotal, kept in the same
// transaction as each entry that counts and checked against the ledger (verifyTotals).
import { insertRowsSkippingDuplicates } from "~/lib/bulk-insert.server";
import { Prisma, getDb, type DbTx, type PointsKind } from "~/lib/db.server";
import { periodKeysOf } from "./periods";

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

/**
 * Recomputes the running totals from the ledger and lists every difference (none expected):
 * run by the tests after random operations and by the periodic check (jobs).
 */
export async function verifyTotals(tx: DbTx = getDb()): Promise<TotalsMismatch[]> {
  const entries = await tx.pointsEntry.findMany({
    where: { kind: { in: [...LEADERBOARD_KINDS] } },
    select: { userId: true, departmentId: true, points: true, createdAt: true },
  });
  const expected = new Map<string, number>();
  for (const entry of entries) {
    for (const period of periodKeysOf(entry.createdAt)) {
      const key = `${period}\u0000${entry.userId}\u0000${entry.departmentId ?? ""}`;
      expected.set(key, (expected.get(key) ?? 0) + entry.points);
    }
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
