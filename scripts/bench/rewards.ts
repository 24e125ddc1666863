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
import { INCENTIVE_HISTORY, runScenarioBenchmark } from "./providers";
import type { RewardsFigures } from "./rewards-measure";

await runScenarioBenchmark<RewardsFigures>({
  name: "bench:rewards",
  // The same part as bench:readiness and bench:kpis add, named by its size here.
  parts: [
    {
      ...INCENTIVE_HISTORY,
      what: "the incentive history (2,000,000 ledger rows, 200,000 kudos, …)",
    },
  ],
  child: "rewards-measure.ts",
  targetP95Ms: 100,
});
