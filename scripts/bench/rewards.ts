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
import { ROOT } from "./child";
import { addIncentiveHistory, storedIncentiveTime } from "./generate-incentives";
import { DEFAULT_ADMIN_URL, ensureOrganisationFile } from "./organisation";
import { addOnce, formatMs, measureOnProviders, printScenarioTable } from "./providers";
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
const historyMs = addOnce(
  dbFile,
  "the incentive history (2,000,000 ledger rows, 200,000 kudos, …)",
  storedIncentiveTime,
  addIncentiveHistory,
);

const figures = await measureOnProviders<RewardsFigures>({
  adminUrl,
  dbFile,
  keep: args.keep!,
  provider: args.provider,
  extra: `incentives-${storedIncentiveTime(dbFile)}`,
  child: "rewards-measure.ts",
  args: ["--runs", args.runs!, "--warmup", args.warmup!],
});

console.log(`\nbench:rewards — ${path.relative(ROOT, dbFile)}, ${args.runs} runs per figure`);
if (generationMs !== undefined) console.log(`organisation generated in ${formatMs(generationMs)}`);
if (historyMs !== undefined) console.log(`incentive history added in ${formatMs(historyMs)}`);
printScenarioTable(figures, TARGET_P95_MS);
