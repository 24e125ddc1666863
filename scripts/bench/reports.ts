// Benchmark of the tracking reports on a large organisation (npm run bench:reports).
//
//   npx tsx scripts/bench/reports.ts [--db data/bench/reports.db] [--keep] [--runs 30]
//        [--warmup 2] [--skip-export] [--provider sqlite|postgresql|both]
//        [--postgres postgresql://uptake:uptake@localhost:5432/uptake]
//
// Generates 150 departments, 20,000 staff, 400 courses, 300,000 enrolments, 2,000,000
// lesson-progress rows and 500,000 quiz attempts in a separate SQLite file (never the app's
// database). Per provider, in processes of its own, it times the server-side data load of
// the /reports loaders (reports-measure.ts) and the enrolment CSV export (export-child.ts):
// SQLite first, then a copy of the file in a fresh PostgreSQL database (postgres-load.ts;
// created through the admin URL --postgres, else UPTAKE_TEST_POSTGRES_URL, else the local
// role), and prints both side by side. --keep reuses the SQLite file and the PostgreSQL database when
// they match the current migrations and generation. --provider defaults to both when
// PostgreSQL answers, else sqlite. Exits 0 when targets are missed (it is a measurement)
// and non-zero on errors.
import path from "node:path";
import { parseArgs } from "node:util";
import { ROOT, runBenchChild } from "./child";
import type { ExportFigures } from "./export-child";
import {
  DEFAULT_ADMIN_URL,
  PROVIDERS,
  chooseProviders,
  copyToPostgres,
  ensureOrganisationFile,
  type Provider,
} from "./organisation";
import { BENCH_PG_DATABASE } from "./postgres-load";
import type { MeasureFigures } from "./reports-measure";
import { printSummary, type ProviderFigures } from "./reports-summary";

const { values: args } = parseArgs({
  options: {
    db: { type: "string", default: "data/bench/reports.db" },
    keep: { type: "boolean", default: false },
    runs: { type: "string", default: "30" },
    warmup: { type: "string", default: "2" },
    "skip-export": { type: "boolean", default: false },
    provider: { type: "string" },
    postgres: { type: "string" },
  },
});
const dbFile = path.resolve(ROOT, args.db!);
const adminUrl = args.postgres ?? process.env.UPTAKE_TEST_POSTGRES_URL ?? DEFAULT_ADMIN_URL;

async function measureProvider(provider: Provider, databaseUrl: string): Promise<ProviderFigures> {
  const prefix = `[${provider}] `;
  console.log(`\n=== ${PROVIDERS[provider]} ===`);
  const measured = await runBenchChild<MeasureFigures>("reports-measure.ts", {
    databaseUrl,
    args: ["--runs", args.runs!, "--warmup", args.warmup!],
    prefix,
  });
  if (args["skip-export"]) return { provider: PROVIDERS[provider], measured };
  console.log(`${prefix}Enrolment CSV export (HR, everything), in a child process …`);
  const exported = await runBenchChild<ExportFigures>("export-child.ts", {
    databaseUrl,
    env: { BENCH_PRINCIPAL: JSON.stringify(measured.hrPrincipal) },
    prefix,
  });
  console.log(
    `${prefix}  ${(exported.lines - 1).toLocaleString("en")} rows, ` +
      `${(exported.bytes / 1024 / 1024).toFixed(1)} MB in ${(exported.ms / 1000).toFixed(2)} s; ` +
      `peak RSS ${exported.maxRssMb.toFixed(0)} MB (${exported.rssBeforeMb.toFixed(0)} MB before it started)`,
  );
  return { provider: PROVIDERS[provider], measured, exported };
}

const generationMs = ensureOrganisationFile(dbFile, args.keep!);
const providers = await chooseProviders(adminUrl, args.provider);
const figures: ProviderFigures[] = [];
// SQLite first: its pass rebuilds the report counters, which the copy then carries over.
if (providers.includes("sqlite")) figures.push(await measureProvider("sqlite", `file:${dbFile}`));
let loadMs: number | undefined;
if (providers.includes("postgresql")) {
  const copy = await copyToPostgres({ adminUrl, dbFile, keep: args.keep! });
  loadMs = copy.loadMs;
  figures.push(await measureProvider("postgresql", copy.databaseUrl));
}
printSummary({
  title: [
    path.relative(ROOT, dbFile),
    ...(providers.includes("postgresql") ? [`PostgreSQL ${BENCH_PG_DATABASE}`] : []),
  ].join(", "),
  runs: Number(args.runs),
  generationMs,
  loadMs,
  figures,
  exportSkipped: args["skip-export"]!,
});
