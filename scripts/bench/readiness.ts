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
import path from "node:path";
import { parseArgs } from "node:util";
import { ROOT } from "./child";
import { addIncentiveHistory, storedIncentiveTime } from "./generate-incentives";
import { addReadinessProgramme, storedReadinessTime } from "./generate-readiness";
import { DEFAULT_ADMIN_URL, ensureOrganisationFile } from "./organisation";
import { addOnce, formatMs, measureOnProviders, printScenarioTable } from "./providers";
import type { ReadinessFigures } from "./readiness-measure";

const TARGET_P95_MS = 150;

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
  "the incentive history (participation evidence)",
  storedIncentiveTime,
  addIncentiveHistory,
);
const programmeMs = addOnce(
  dbFile,
  "the change programme (one initiative, three pulses, 70 % answered)",
  storedReadinessTime,
  addReadinessProgramme,
);

const figures = await measureOnProviders<ReadinessFigures>({
  adminUrl,
  dbFile,
  keep: args.keep!,
  provider: args.provider,
  extra: `incentives-${storedIncentiveTime(dbFile)}-readiness-${storedReadinessTime(dbFile)}`,
  child: "readiness-measure.ts",
  args: ["--runs", args.runs!, "--warmup", args.warmup!],
});

console.log(`\nbench:readiness — ${path.relative(ROOT, dbFile)}, ${args.runs} runs per figure`);
if (generationMs !== undefined) console.log(`organisation generated in ${formatMs(generationMs)}`);
if (historyMs !== undefined) console.log(`incentive history added in ${formatMs(historyMs)}`);
if (programmeMs !== undefined) console.log(`change programme added in ${formatMs(programmeMs)}`);
printScenarioTable(figures, TARGET_P95_MS);
