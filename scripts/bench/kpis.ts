// Benchmark of the KPI board and the effect table on the large organisation (npm run bench:kpis).
//
//   npx tsx scripts/bench/kpis.ts [--db data/bench/reports.db] [--keep] [--runs 30]
//        [--warmup 2] [--provider sqlite|postgresql|both] [--postgres URL]
//
// The organisation of bench:readiness (150 departments, 20,000 staff, 300,000 enrolments, the
// incentive history and the change programme with its three pulses) plus ten monthly KPIs on
// every department with 36 months of actuals (generate-kpis.ts, added to the file once). Per
// provider, in a process of its own (kpis-measure.ts), it times the company KPI board (HR and
// the benchmark manager) and the programme's effect table through the app's module functions
// and prints the median and p95 of each beside the target (p95 < 150 ms). Exits 0 when a
// target is missed (it is a measurement) and non-zero on errors.
import path from "node:path";
import { parseArgs } from "node:util";
import { ROOT } from "./child";
import { addIncentiveHistory, storedIncentiveTime } from "./generate-incentives";
import { addReadinessProgramme, storedReadinessTime } from "./generate-readiness";
import { DEFAULT_ADMIN_URL, ensureOrganisationFile } from "./organisation";
import { addOnce, formatMs, measureOnProviders, printScenarioTable } from "./providers";
import { addKpiHistory, storedKpiTime } from "./generate-kpis";
import type { KpiFigures } from "./kpis-measure";

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
const kpiMs = addOnce(
  dbFile,
  "the KPIs (10 KPIs × 150 departments × 36 months)",
  storedKpiTime,
  addKpiHistory,
);

const figures = await measureOnProviders<KpiFigures>({
  adminUrl,
  dbFile,
  keep: args.keep!,
  provider: args.provider,
  extra: [
    `incentives-${storedIncentiveTime(dbFile)}`,
    `readiness-${storedReadinessTime(dbFile)}`,
    `kpis-${storedKpiTime(dbFile)}`,
  ].join("-"),
  child: "kpis-measure.ts",
  args: ["--runs", args.runs!, "--warmup", args.warmup!],
});

console.log(`\nbench:kpis — ${path.relative(ROOT, dbFile)}, ${args.runs} runs per figure`);
if (generationMs !== undefined) console.log(`organisation generated in ${formatMs(generationMs)}`);
if (historyMs !== undefined) console.log(`incentive history added in ${formatMs(historyMs)}`);
if (programmeMs !== undefined) console.log(`change programme added in ${formatMs(programmeMs)}`);
if (kpiMs !== undefined) console.log(`KPIs added in ${formatMs(kpiMs)}`);
printScenarioTable(figures, TARGET_P95_MS);
