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
import { ROOT, runBenchChild } from "./child";
import { addIncentiveHistory, storedIncentiveTime } from "./generate-incentives";
import { addReadinessProgramme, storedReadinessTime } from "./generate-readiness";
import {
  DEFAULT_ADMIN_URL,
  PROVIDERS,
  chooseProviders,
  copyToPostgres,
  ensureOrganisationFile,
  type Provider,
} from "./organisation";
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
let historyMs: number | undefined;
if (storedIncentiveTime(dbFile) === 0) {
  console.log("Adding the incentive history (participation evidence) …");
  historyMs = addIncentiveHistory(dbFile, Date.now());
  console.log(`  added in ${(historyMs / 1000).toFixed(1)} s`);
}
let programmeMs: number | undefined;
if (storedReadinessTime(dbFile) === 0) {
  console.log("Adding the change programme (one initiative, three pulses, 70 % answered) …");
  programmeMs = addReadinessProgramme(dbFile, Date.now());
  console.log(`  added in ${(programmeMs / 1000).toFixed(1)} s`);
} else {
  console.log("The file holds its change programme already.");
}

const providers = await chooseProviders(adminUrl, args.provider);
const figures: { provider: Provider; measured: ReadinessFigures }[] = [];
const measure = (provider: Provider, databaseUrl: string) =>
  runBenchChild<ReadinessFigures>("readiness-measure.ts", {
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
    extra: `incentives-${storedIncentiveTime(dbFile)}-readiness-${storedReadinessTime(dbFile)}`,
  });
  console.log(`\n=== ${PROVIDERS.postgresql} ===`);
  figures.push({ provider: "postgresql", measured: await measure("postgresql", copy.databaseUrl) });
}

const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
const LABEL = 34;
const CELL = 30;
console.log(`\nbench:readiness — ${path.relative(ROOT, dbFile)}, ${args.runs} runs per figure`);
if (generationMs !== undefined) console.log(`organisation generated in ${fmt(generationMs)}`);
if (historyMs !== undefined) console.log(`incentive history added in ${fmt(historyMs)}`);
if (programmeMs !== undefined) console.log(`change programme added in ${fmt(programmeMs)}`);
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
