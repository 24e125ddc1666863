import { AsyncResource } from "node:async_hooks";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { TEST_PROVIDER } from "../support/test-database";

// One shared SQLite connection: a statement from another request must never run inside a
// transaction that is still open (issue 10, item 4; decision 015). PostgreSQL gives each
// transaction its own pooled connection; the same guarantees must hold there (decision 021).
const onSqlite = TEST_PROVIDER === "sqlite";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Opens a transaction that writes a department, then waits on real I/O (`holdMs`) and runs
 * `beforeEnd` while still open, then commits or rolls back.
 */
function openTransaction(
  code: string,
  end: "commit" | "rollback",
  { holdMs = 150, beforeEnd }: { holdMs?: number; beforeEnd?: () => Promise<void> } = {},
) {
  let written!: () => void;
  const ready = new Promise<void>((resolve) => (written = resolve));
  const done = getDb().$transaction(
    async (tx) => {
      await tx.department.create({ data: { code, name: `Written by ${code}` } });
      written();
      await sleep(holdMs);
      await beforeEnd?.();
      if (end === "rollback") throw new Error("rolled back on purpose");
    },
    { timeout: 30_000 },
  );
  return { ready, done };
}

describe("transaction isolation on the shared connection", () => {
  it("a rollback keeps another request's acknowledged write", async () => {
    const db = getDb();
    const tx = openTransaction("TX-ROLLBACK", "rollback");
    const rolledBack = expect(tx.done).rejects.toThrow("rolled back on purpose");
    await tx.ready;
    // "Another request" writes while the transaction is open and is told it succeeded.
    const other = await db.department.create({ data: { code: "OTHER-1", name: "Other request" } });
    await rolledBack;
    expect(await db.department.findUnique({ where: { id: other.id } })).not.toBeNull();
    expect(await db.department.findUnique({ where: { code: "TX-ROLLBACK" } })).toBeNull();
  });

  it("a read from another request never sees rows that are not committed", async () => {
    const db = getDb();
    const tx = openTransaction("TX-UNCOMMITTED", "rollback");
    const rolledBack = expect(tx.done).rejects.toThrow("rolled back on purpose");
    await tx.ready;
    const seen = await db.department.findUnique({ where: { code: "TX-UNCOMMITTED" } });
    const counted = await db.department.count({ where: { code: "TX-UNCOMMITTED" } });
    await rolledBack;
    expect(seen).toBeNull();
    expect(counted).toBe(0);
  });

  it("a read during an open transaction answers at once from committed data, and sees the row once committed", async () => {
    const db = getDb();
    // Order, not milliseconds (a busy machine): the reads finish while the transaction is
    // still open; the write issued then has still not landed when it is about to commit.
    let writeLandedBeforeCommit: number | null = null;
    const tx = openTransaction("TX-COMMIT", "commit", {
      holdMs: 1000,
      // Bound here: another request's read, not one from inside the transaction's callback.
      beforeEnd: AsyncResource.bind(async () => {
        writeLandedBeforeCommit = await db.department.count({ where: { code: "AFTER-COMMIT" } });
      }),
    });
    let transactionEnded = false;
    void tx.done.then(() => (transactionEnded = true));
    await tx.ready;
    // Reads go to a query-only connection: they neither wait for the transaction nor see it.
    expect(await db.department.findUnique({ where: { code: "TX-COMMIT" } })).toBeNull();
    expect(
      await db.$queryRawUnsafe(`SELECT count(*) AS n FROM "Department" WHERE "code" = 'TX-COMMIT'`),
    ).toEqual([{ n: 0n }]);
    expect(transactionEnded).toBe(false);
    // A write waits for the transaction to end on SQLite (one writer at a time); on
    // PostgreSQL it lands beside it, apart from it.
    const write = db.department.create({ data: { code: "AFTER-COMMIT", name: "Waited" } });
    await tx.done;
    // SQLite's one writer; PostgreSQL's write landed beside the transaction, at some moment.
    if (onSqlite) expect(writeLandedBeforeCommit).toBe(0);
    await write;
    expect(await db.department.count({ where: { code: "AFTER-COMMIT" } })).toBe(1);
    expect((await db.department.findUnique({ where: { code: "TX-COMMIT" } }))?.code).toBe(
      "TX-COMMIT",
    );
  });

  it("many requests writing beside rolled-back transactions lose nothing", async () => {
    const db = getDb();
    const writes: Promise<unknown>[] = [];
    const transactions: Promise<unknown>[] = [];
    for (let i = 0; i < 5; i++) {
      const tx = openTransaction(`TX-MANY-${i}`, "rollback");
      transactions.push(tx.done.catch(() => "rolled back"));
      await tx.ready;
      for (let j = 0; j < 4; j++)
        writes.push(db.department.create({ data: { code: `MANY-${i}-${j}`, name: "Kept" } }));
    }
    await Promise.all([...writes, ...transactions]);
    expect(await db.department.count({ where: { code: { startsWith: "MANY-" } } })).toBe(20);
    expect(await db.department.count({ where: { code: { startsWith: "TX-MANY-" } } })).toBe(0);
  });

  it("getDb() inside a transaction's own callback never commits apart from it: it joins on SQLite, fails at once on PostgreSQL", async () => {
    const db = getDb();
    const started = Date.now();
    let seenInside = -1;
    await expect(
      db.$transaction(async (tx) => {
        await tx.department.create({ data: { code: "TX-MISUSE", name: "Misuse" } });
        // Should be tx; on SQLite's one connection it is part of this transaction, so it runs
        // now; on PostgreSQL it would run on another connection, outside it.
        seenInside = await db.department.count({ where: { code: "TX-MISUSE" } });
        await db.department.create({ data: { code: "TX-MISUSE-2", name: "Misuse, joined" } });
        throw new Error("rolled back on purpose");
      }),
    ).rejects.toThrow(onSqlite ? "rolled back on purpose" : /transaction client \(tx\)/);
    expect(seenInside).toBe(onSqlite ? 1 : -1);
    expect(await db.department.count({ where: { code: { startsWith: "TX-MISUSE" } } })).toBe(0);
    // Joined, not queued behind itself until the transaction times out (5 s).
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it("a transaction started inside another's callback fails at once with a clear error", async () => {
    const db = getDb();
    const started = Date.now();
    await expect(
      db.$transaction(async () => {
        await db.$transaction(async (inner) => inner.department.count());
      }),
    ).rejects.toThrow(/inside another transaction/);
    await expect(
      db.$transaction(async () => {
        await db.$transaction([db.department.count(), db.user.count()]);
      }),
    ).rejects.toThrow(/inside another transaction/);
    // At once, not after the outer transaction's 5 s timeout.
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it("work a transaction started but did not await runs once the transaction has ended", async () => {
    const db = getDb();
    let later: Promise<unknown> | undefined;
    await db.$transaction(async (tx) => {
      await tx.department.create({ data: { code: "TX-DETACHED", name: "Committed" } });
      // Fire-and-forget after the callback returns is not misuse: it runs after commit.
      later = sleep(20).then(() => db.department.findUnique({ where: { code: "TX-DETACHED" } }));
    });
    expect(await later).not.toBeNull();
  });

  it("a COMMIT the database refuses still ends the transaction and frees the connection", async () => {
    const db = getDb();
    // A deferred foreign key is checked at COMMIT, so COMMIT itself fails.
    await db.$executeRawUnsafe("CREATE TABLE tx_parent (id INTEGER PRIMARY KEY)");
    await db.$executeRawUnsafe(
      "CREATE TABLE tx_child (parent INTEGER REFERENCES tx_parent(id) DEFERRABLE INITIALLY DEFERRED)",
    );
    await expect(
      db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("INSERT INTO tx_child (parent) VALUES (?)", 42);
      }),
    ).rejects.toThrow();
    // The refused transaction's row is gone, and the next transaction starts at once.
    expect(await db.$queryRawUnsafe("SELECT count(*) AS n FROM tx_child")).toEqual([{ n: 0n }]);
    await db.$transaction(async (tx) => {
      await tx.department.create({ data: { code: "AFTER-FAILED-COMMIT", name: "Next" } });
    });
    expect(await db.department.count({ where: { code: "AFTER-FAILED-COMMIT" } })).toBe(1);
  });
});
