// Benchmark of the readiness report on the large organisation (npm run bench:readiness).
//
//   npx tsx scripts/bench/readiness.ts [--db data/bench/reports.db] [--keep] [--runs 30]
//        [--warmup 2] [--provider sqlite|postgresql|both] [--postgres URL]
//
// The organisation of bench:reports (150 departments, 20,000 staff, 300,000 enrolments) plus
// its incentive history (bench:rewards) and a change programme: one initiative reaching every
// department and three pulses answered by 70 % of the staff (generate-readiness.ts, added to
// the file once). Per provider, in a process of its own (readiness-measure.ts), it times the
// company heat map and one department's drill-down through the app's module functions and
// prints the median and p95 of each beside the target (p95 < 150 ms). Exits 0 when a target is
// missed (it is a measurement) and non-zero on errors.
import { INCENTIVE_HISTORY, READINESS_PROGRAMME, runScenarioBenchmark } from "./providers";
import type { ReadinessFigures } from "./readiness-measure";

await runScenarioBenchmark<ReadinessFigures>({
  name: "bench:readiness",
  parts: [INCENTIVE_HISTORY, READINESS_PROGRAMME],
  child: "readiness-measure.ts",
  targetP95Ms: 150,
});
