// Benchmark of the incentive board's pages on the large organisation (npm run bench:rewards).
//
//   npx tsx scripts/bench/rewards.ts [--db data/bench/reports.db] [--keep] [--runs 30]
//        [--warmup 2] [--provider sqlite|postgresql|both] [--postgres URL]
//
// The organisation of bench:reports (150 departments, 20,000 staff, …) plus nine months of
// incentive history: 2,000,000 ledger rows with their running totals, 200,000 kudos, badges,
// rewards and redemptions (generate-incentives.ts, added to the file once). Per provider, in a
// process of its own (rewards-measure.ts), it times the data load of: my points page, the
// company monthly leaderboard, the department leaderboard and the kudos wall, and prints the
// median and p95 of each beside the target (p95 < 100 ms). Exits 0 when a target is missed
// (it is a measurement) and non-zero on errors.
import path from "node:path";
import { parseArgs } from "node:util";
import { ROOT, runBenchChild } from "./child";
import { addIncentiveHistory, storedIncentiveTime } from "./generate-incentives";
import {
  DEFAULT_ADMIN_URL,
  PROVIDERS,
  chooseProviders,
  copyToPostgres,
  ensureOrganisationFile,
  type Provider,
} from "./organisation";
import type { RewardsFigures } from "./rewards-measure";

const TARGET_P95_MS = 100;

const { values: args } = parseArgs({
  options: {
    db: { type: "string", default: "data/bench/reports.db" },
    keep: { type: "boolean", default: false },
    runs: { type: "string", default: "30" },
    warmup: { type: "string", default: "2" },
    provider: { type: "string" },
    postgres: { type: "string" },
  },
});
const dbFile = path.resolve(ROOT, args.db!);
const adminUrl = args.postgres ?? process.env.UPTAKE_TEST_POSTGRES_URL ?? DEFAULT_ADMIN_URL;

const generationMs = ensureOrganisationFile(dbFile, args.keep!);
let historyMs: number | undefined;
if (storedIncentiveTime(dbFile) === 0) {
  console.log("Adding the incentive history (2,000,000 ledger rows, 200,000 kudos, …) …");
  historyMs = addIncentiveHistory(dbFile, Date.now());
  console.log(`  added in ${(historyMs / 1000).toFixed(1)} s`);
} else {
  console.log("The file holds its incentive history already.");
}

const providers = await chooseProviders(adminUrl, args.provider);
const figures: { provider: Provider; measured: RewardsFigures }[] = [];
const measure = (provider: Provider, databaseUrl: string) =>
  runBenchChild<RewardsFigures>("rewards-measure.ts", {
    databaseUrl,
    args: ["--runs", args.runs!, "--warmup", args.warmup!],
    prefix: `[${provider}] `,
  });
if (providers.includes("sqlite")) {
  console.log(`\n=== ${PROVIDERS.sqlite} ===`);
  figures.push({ provider: "sqlite", measured: await measure("sqlite", `file:${dbFile}`) });
}
if (providers.includes("postgresql")) {
  const copy = await copyToPostgres({
    adminUrl,
    dbFile,
    keep: args.keep!,
    extra: `incentives-${storedIncentiveTime(dbFile)}`,
  });
  console.log(`\n=== ${PROVIDERS.postgresql} ===`);
  figures.push({ provider: "postgresql", measured: await measure("postgresql", copy.databaseUrl) });
}

const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
const LABEL = 34;
const CELL = 30;
console.log(`\nbench:rewards — ${path.relative(ROOT, dbFile)}, ${args.runs} runs per figure`);
if (generationMs !== undefined) console.log(`organisation generated in ${fmt(generationMs)}`);
if (historyMs !== undefined) console.log(`incentive history added in ${fmt(historyMs)}`);
const first = figures[0]?.measured;
if (first) {
  const counts = Object.entries(first.counts)
    .map(([table, n]) => `${table} ${n.toLocaleString("en")}`)
    .join(", ");
  console.log(`rows: ${counts}`);
}
console.log(
  "".padEnd(LABEL) +
    figures.map((f) => `${PROVIDERS[f.provider]} median / p95`.padEnd(CELL)).join("") +
    `target p95 < ${TARGET_P95_MS} ms`,
);
for (const [index, scenario] of (first?.scenarios ?? []).entries()) {
  const cells = figures.map((f) => {
    const t = f.measured.scenarios[index]!;
    const verdict = t.p95 < TARGET_P95_MS ? "PASS" : "FAIL";
    return `${fmt(t.median)} / ${fmt(t.p95)} ${verdict}`.padEnd(CELL);
  });
  console.log(scenario.name.padEnd(LABEL) + cells.join(""));
}
