// What the transaction lock (decision 015) costs (npm run bench:transactions).
//
//   npx tsx scripts/bench/transactions.ts [--seconds 3]
//
// On a fresh migrated SQLite file (never the app's database) it measures plain reads per
// second alone and beside a stream of short write transactions, once through the app's
// adapter (statements wait for an open transaction) and once through the bare
// better-sqlite3 adapter (statements run inside whatever transaction is open). It also
// shows what a transaction that awaits real I/O does to reads: they wait for it.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../prisma/generated/client/client";

const { values: args } = parseArgs({ options: { seconds: { type: "string", default: "3" } } });
const SECONDS = Number(args.seconds);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uptake-bench-tx-"));
const url = `file:${path.join(dir, "bench.db")}`;
execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], {
  env: { ...process.env, DATABASE_URL: url },
  stdio: "ignore",
});
process.env.DATABASE_URL = url;
const { getDb, disconnectDb } = await import("~/lib/db.server");

const locked = getDb();
const bare = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: 5000 }) });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// Requests arrive through the event loop; a loop of pure promise hops would starve timers.
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

const department = await locked.department.create({ data: { code: "BENCH", name: "Bench" } });

/** Reads as fast as one request loop can, for the time given; returns reads per second. */
async function readLoop(db: PrismaClient, until: number) {
  let reads = 0;
  while (Date.now() < until) {
    await db.department.findUnique({ where: { id: department.id } });
    reads++;
    await nextTurn();
  }
  return reads;
}

/** Short write transactions back to back (two statements each), until the time is up. */
async function transactionLoop(db: PrismaClient, until: number, ioMs: number) {
  let done = 0;
  while (Date.now() < until) {
    await db.$transaction(async (tx) => {
      await tx.department.update({ where: { id: department.id }, data: { name: `Bench ${done}` } });
      if (ioMs > 0) await sleep(ioMs);
      await tx.department.findUnique({ where: { id: department.id } });
    });
    done++;
    await nextTurn();
  }
  return done;
}

async function scenario(name: string, db: PrismaClient, transactions: "none" | number) {
  await readLoop(db, Date.now() + 300); // warm-up
  const until = Date.now() + SECONDS * 1000;
  const [reads, txs] = await Promise.all([
    // Four concurrent request loops reading.
    Promise.all([1, 2, 3, 4].map(() => readLoop(db, until))).then((r) => r.reduce((a, b) => a + b)),
    transactions === "none" ? Promise.resolve(0) : transactionLoop(db, until, transactions),
  ]);
  const perSecond = (n: number) => Math.round(n / SECONDS);
  console.log(
    `${name.padEnd(58)} reads/s ${String(perSecond(reads)).padStart(6)}` +
      (transactions === "none" ? "" : `   transactions/s ${String(perSecond(txs)).padStart(5)}`),
  );
}

console.log(`Plain reads (findUnique, 4 concurrent loops), ${SECONDS} s each:`);
await scenario("bare adapter, no transactions", bare, "none");
await scenario("locked adapter, no transactions", locked, "none");
await scenario("bare adapter, beside back-to-back transactions", bare, 0);
await scenario("locked adapter, beside back-to-back transactions", locked, 0);
await scenario("bare adapter, beside transactions awaiting 2 ms of I/O", bare, 2);
await scenario("locked adapter, beside transactions awaiting 2 ms of I/O", locked, 2);

await bare.$disconnect();
await disconnectDb();
fs.rmSync(dir, { recursive: true, force: true });
