// What the transaction lock (decision 015) costs (npm run bench:transactions).
//
//   npx tsx scripts/bench/transactions.ts [--seconds 3]
//
// On a fresh migrated SQLite file (never the app's database) it measures plain reads per
// second alone and beside a stream of short write transactions, once through the app's
// adapter (plain writes wait for an open transaction, plain reads use a query-only second
// connection) and once through the bare better-sqlite3 adapter (every statement runs inside
// whatever transaction is open), also beside transactions that await real I/O.
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

/** One request loop, reading (or writing) as fast as it can until the time is up. */
async function requestLoop(db: PrismaClient, until: number, write = false) {
  const other = await db.department.create({ data: { code: `BENCH-${Math.random()}`, name: "" } });
  let done = 0;
  while (Date.now() < until) {
    if (write) await db.department.update({ where: { id: other.id }, data: { name: `${done}` } });
    else await db.department.findUnique({ where: { id: department.id } });
    done++;
    await nextTurn();
  }
  return done;
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

async function scenario(
  name: string,
  db: PrismaClient,
  transactions: "none" | number,
  write = false,
) {
  await requestLoop(db, Date.now() + 300, write); // warm-up
  const until = Date.now() + SECONDS * 1000;
  const [reads, txs] = await Promise.all([
    // Four concurrent request loops.
    Promise.all([1, 2, 3, 4].map(() => requestLoop(db, until, write))).then((r) =>
      r.reduce((a, b) => a + b),
    ),
    transactions === "none" ? Promise.resolve(0) : transactionLoop(db, until, transactions),
  ]);
  const perSecond = (n: number) => Math.round(n / SECONDS);
  console.log(
    `${name.padEnd(58)} ${write ? "writes" : "reads"}/s ${String(perSecond(reads)).padStart(6)}` +
      (transactions === "none" ? "" : `   transactions/s ${String(perSecond(txs)).padStart(5)}`),
  );
}

console.log(`Plain reads (findUnique), 4 concurrent request loops, ${SECONDS} s each:`);
await scenario("bare adapter, no transactions", bare, "none");
await scenario("app adapter, no transactions", locked, "none");
await scenario("bare adapter, beside back-to-back transactions", bare, 0);
await scenario("app adapter, beside back-to-back transactions", locked, 0);
await scenario("bare adapter, beside transactions awaiting 2 ms of I/O", bare, 2);
await scenario("app adapter, beside transactions awaiting 2 ms of I/O", locked, 2);
console.log("Plain writes (update), the same way:");
await scenario("bare adapter, beside transactions awaiting 2 ms of I/O", bare, 2, true);
await scenario("app adapter, beside transactions awaiting 2 ms of I/O", locked, 2, true);

await bare.$disconnect();
await disconnectDb();
fs.rmSync(dir, { recursive: true, force: true });
