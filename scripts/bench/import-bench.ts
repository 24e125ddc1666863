// What the import benchmarks (bench:import, bench:kpis-import) share: their database flags, a
// fresh migrated database per run (never the app's: a SQLite file under data/bench, or a
// PostgreSQL database created for the run and dropped after it), each provider measured in a
// process of its own (the script again, with --provider), its peak RSS, and the side-by-side
// table. Unlike the organisation benchmarks (providers.ts), nothing is kept between runs.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import type { ParseArgsConfig } from "node:util";
import pg from "pg";
import { ROOT } from "./child";

const RESULT_PREFIX = "BENCH_RESULT ";
const LOCAL_ADMIN_URL = "postgresql://uptake:uptake@localhost:5432/uptake";

/**
 * The flags both take: --db (the SQLite file), --postgres (PostgreSQL too), --postgres-url
 * (its admin URL) and the internal --provider. `fromEnv`: UPTAKE_TEST_POSTGRES_URL, when set,
 * turns --postgres on and is the admin URL.
 */
export function databaseOptions(db: string, { fromEnv = false } = {}) {
  const envUrl = fromEnv ? process.env.UPTAKE_TEST_POSTGRES_URL : undefined;
  return {
    db: { type: "string", default: db },
    postgres: { type: "boolean", default: Boolean(envUrl) },
    "postgres-url": { type: "string", default: envUrl ?? LOCAL_ADMIN_URL },
    /** Internal: the provider this process measures. */
    provider: { type: "string" },
  } as const satisfies NonNullable<ParseArgsConfig["options"]>;
}

interface DatabaseArgs {
  db: string;
  postgres: boolean;
  "postgres-url": string;
  provider?: string | undefined;
}

let peakRss = 0;

/** Notes this process's RSS (also sampled every 50 ms while the benchmark runs). */
export function notePeakRss() {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}

export const peakRssMb = () => Math.round(peakRss / 1024 / 1024);

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Prints `rows` in columns as wide as their widest cell (the first row's count). */
export function printColumns(rows: string[][]) {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join("   "));
}

function migrate(databaseUrl: string) {
  process.env.DATABASE_URL = databaseUrl;
  process.env.SLOW_QUERY_MS = "60000";
  const run = spawnSync("node", ["scripts/migrate.mjs"], { cwd: ROOT, stdio: "ignore" });
  if (run.status !== 0) throw new Error("migration failed");
}

/**
 * A fresh migrated database, this process's DATABASE_URL from now on: the SQLite file --db
 * emptied, or for "postgresql" a database `database`_pid of the run's own on the server of
 * --postgres-url. The returned function drops the PostgreSQL one.
 */
async function freshDatabase(
  provider: string,
  args: DatabaseArgs,
  database: string,
): Promise<() => Promise<void>> {
  if (provider !== "postgresql") {
    const file = path.resolve(ROOT, args.db);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
    migrate(`file:${file}`);
    return async () => {};
  }
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: args["postgres-url"] });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const name = `${database}_${process.pid}`;
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(args["postgres-url"]);
  url.pathname = `/${name}`;
  migrate(url.toString());
  return () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** Runs `script` again per provider, each in a child process (its own memory); their figures. */
async function runEachProvider<R>(script: string, providers: string[]): Promise<R[]> {
  const results: R[] = [];
  for (const provider of providers) {
    const child = spawn(
      process.execPath,
      [
        ...process.execArgv,
        fileURLToPath(script),
        ...process.argv.slice(2),
        "--provider",
        provider,
      ],
      { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
    );
    for await (const line of readline.createInterface({ input: child.stdout })) {
      if (line.startsWith(RESULT_PREFIX))
        results.push(JSON.parse(line.slice(RESULT_PREFIX.length)) as R);
      else console.log(line);
    }
    const code = await new Promise((resolve) => child.on("close", resolve));
    if (code !== 0) throw new Error(`the ${provider} run failed`);
  }
  return results;
}

/**
 * An import benchmark from its flags. With --provider, this process measures that provider
 * on a fresh database (`measure`) and sends the figures to the parent as one line; else the
 * script (`script`: its import.meta.url) runs again for SQLite, and with --postgres for
 * PostgreSQL, and `print` shows their figures side by side.
 */
export async function runImportBenchmark<R>(benchmark: {
  script: string;
  args: DatabaseArgs;
  /** The PostgreSQL database's name, before the process id. */
  database: string;
  measure: (provider: string) => Promise<R>;
  print: (results: R[]) => void;
}) {
  const { args } = benchmark;
  const sampler = setInterval(notePeakRss, 50);
  if (args.provider) {
    const drop = await freshDatabase(args.provider, args, benchmark.database);
    try {
      const result = await benchmark.measure(args.provider);
      console.log(RESULT_PREFIX + JSON.stringify(result));
    } finally {
      await drop();
    }
  } else {
    const providers = args.postgres ? ["sqlite", "postgresql"] : ["sqlite"];
    benchmark.print(await runEachProvider<R>(benchmark.script, providers));
  }
  clearInterval(sampler);
}
