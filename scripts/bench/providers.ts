// What the organisation benchmarks (bench:rewards, bench:readiness, bench:kpis, bench:api)
// share: adding a part to the organisation file once, measuring in a child process per
// provider (the SQLite file, then its PostgreSQL copy), and printing median / p95 tables.
import type { Timing } from "./timing";
import { runBenchChild } from "./child";
import { PROVIDERS, chooseProviders, copyToPostgres, type Provider } from "./organisation";

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

/** Row counts, then each scenario's median / p95 per provider beside the target. */
export function printScenarioTable(
  figures: {
    provider: Provider;
    measured: { counts: Record<string, number>; scenarios: (Timing & { name: string })[] };
  }[],
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
