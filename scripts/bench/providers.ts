// What the organisation benchmarks (bench:rewards, bench:readiness, bench:kpis, bench:api)
// share: adding a part to the organisation file once, measuring in a child process per
// provider (the SQLite file, then its PostgreSQL copy), and printing median / p95 tables;
// and the whole run of the scenario benchmarks (bench:rewards, bench:readiness, bench:kpis):
// their flags, the parts they add and their summary.
import path from "node:path";
import { parseArgs } from "node:util";
import type { Timing } from "./timing";
import { ROOT, runBenchChild } from "./child";
import { addIncentiveHistory, storedIncentiveTime } from "./generate-incentives";
import { addKpiHistory, storedKpiTime } from "./generate-kpis";
import { addReadinessProgramme, storedReadinessTime } from "./generate-readiness";
import {
  DEFAULT_ADMIN_URL,
  PROVIDERS,
  chooseProviders,
  copyToPostgres,
  ensureOrganisationFile,
  type Provider,
} from "./organisation";

/** Adds a part (history, programme, KPIs) to the file unless it holds it; its time, if added. */
export function addOnce(
  dbFile: string,
  what: string,
  stored: (file: string) => number,
  add: (file: string, now: number) => number,
): number | undefined {
  if (stored(dbFile) !== 0) {
    console.log(`The file holds its ${what} already.`);
    return undefined;
  }
  console.log(`Adding ${what} …`);
  const ms = add(dbFile, Date.now());
  console.log(`  added in ${(ms / 1000).toFixed(1)} s`);
  return ms;
}

export interface ProviderRun {
  adminUrl: string;
  dbFile: string;
  keep: boolean;
  /** --provider: sqlite, postgresql or both (default: both when PostgreSQL answers). */
  provider?: string;
  /** Names the parts added to the file, so a stale PostgreSQL copy is made again. */
  extra?: string;
  /** The child script under scripts/bench and its arguments and environment. */
  child: string;
  args?: string[];
  env?: Record<string, string>;
}

/** The child's figures on each chosen provider, in order. */
export async function measureOnProviders<T>(run: ProviderRun) {
  const providers = await chooseProviders(run.adminUrl, run.provider);
  const figures: { provider: Provider; measured: T }[] = [];
  const measure = (provider: Provider, databaseUrl: string) =>
    runBenchChild<T>(run.child, {
      databaseUrl,
      args: run.args ?? [],
      env: run.env ?? {},
      prefix: `[${provider}] `,
    });
  if (providers.includes("sqlite")) {
    console.log(`\n=== ${PROVIDERS.sqlite} ===`);
    figures.push({ provider: "sqlite", measured: await measure("sqlite", `file:${run.dbFile}`) });
  }
  if (providers.includes("postgresql")) {
    const copy = await copyToPostgres({
      adminUrl: run.adminUrl,
      dbFile: run.dbFile,
      keep: run.keep,
      ...(run.extra ? { extra: run.extra } : {}),
    });
    console.log(`\n=== ${PROVIDERS.postgresql} ===`);
    figures.push({
      provider: "postgresql",
      measured: await measure("postgresql", copy.databaseUrl),
    });
  }
  return figures;
}

export const formatMs = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;

/** What a scenario benchmark's child measures: row counts and each scenario's timing. */
export interface ScenarioFigures {
  counts: Record<string, number>;
  scenarios: (Timing & { name: string })[];
}

/** Row counts, then each scenario's median / p95 per provider beside the target. */
export function printScenarioTable(
  figures: { provider: Provider; measured: ScenarioFigures }[],
  targetP95Ms: number,
) {
  const LABEL = 34;
  const CELL = 30;
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
      `target p95 < ${targetP95Ms} ms`,
  );
  for (const [index, scenario] of (first?.scenarios ?? []).entries()) {
    const cells = figures.map((f) => {
      const t = f.measured.scenarios[index]!;
      const verdict = t.p95 < targetP95Ms ? "PASS" : "FAIL";
      return `${formatMs(t.median)} / ${formatMs(t.p95)} ${verdict}`.padEnd(CELL);
    });
    console.log(scenario.name.padEnd(LABEL) + cells.join(""));
  }
}

/** A part added to the organisation file once (addOnce), as a scenario benchmark names it. */
export interface OrganisationPart {
  /** As "Adding …" and "The file holds its … already." name it. */
  what: string;
  /** As the summary names it: "… added in". */
  summary: string;
  /** Its name in the PostgreSQL copy's fingerprint, beside the time it was added. */
  mark: string;
  stored: (file: string) => number;
  add: (file: string, now: number) => number;
}

export const INCENTIVE_HISTORY: OrganisationPart = {
  what: "the incentive history (participation evidence)",
  summary: "incentive history",
  mark: "incentives",
  stored: storedIncentiveTime,
  add: addIncentiveHistory,
};

export const READINESS_PROGRAMME: OrganisationPart = {
  what: "the change programme (one initiative, three pulses, 70 % answered)",
  summary: "change programme",
  mark: "readiness",
  stored: storedReadinessTime,
  add: addReadinessProgramme,
};

export const KPI_HISTORY: OrganisationPart = {
  what: "the KPIs (10 KPIs × 150 departments × 36 months)",
  summary: "KPIs",
  mark: "kpis",
  stored: storedKpiTime,
  add: addKpiHistory,
};

/**
 * The flags of the scenario benchmarks: [--db data/bench/reports.db] [--keep] [--runs 30]
 * [--warmup 2] [--provider sqlite|postgresql|both] [--postgres URL] (the admin URL, else
 * UPTAKE_TEST_POSTGRES_URL, else the local role).
 */
function scenarioArgs() {
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
  return {
    ...args,
    dbFile: path.resolve(ROOT, args.db),
    adminUrl: args.postgres ?? process.env.UPTAKE_TEST_POSTGRES_URL ?? DEFAULT_ADMIN_URL,
  };
}

/**
 * A scenario benchmark (bench:rewards, bench:readiness, bench:kpis) from its flags: the
 * organisation file with each of `parts` added once, `child` (its scenarios' timings) per
 * provider, then what was generated or added and the table beside the target.
 */
export async function runScenarioBenchmark<T extends ScenarioFigures>(benchmark: {
  /** As the summary names it: "bench:kpis". */
  name: string;
  parts: OrganisationPart[];
  child: string;
  targetP95Ms: number;
}) {
  const args = scenarioArgs();
  const { dbFile } = args;
  const { parts } = benchmark;
  const generationMs = ensureOrganisationFile(dbFile, args.keep);
  const addedMs = parts.map((part) => addOnce(dbFile, part.what, part.stored, part.add));

  const figures = await measureOnProviders<T>({
    adminUrl: args.adminUrl,
    dbFile,
    keep: args.keep,
    provider: args.provider,
    extra: parts.map((part) => `${part.mark}-${part.stored(dbFile)}`).join("-"),
    child: benchmark.child,
    args: ["--runs", args.runs, "--warmup", args.warmup],
  });

  console.log(`\n${benchmark.name} — ${path.relative(ROOT, dbFile)}, ${args.runs} runs per figure`);
  if (generationMs !== undefined)
    console.log(`organisation generated in ${formatMs(generationMs)}`);
  for (const [index, part] of parts.entries()) {
    const ms = addedMs[index];
    if (ms !== undefined) console.log(`${part.summary} added in ${formatMs(ms)}`);
  }
  printScenarioTable(figures, benchmark.targetP95Ms);
}
