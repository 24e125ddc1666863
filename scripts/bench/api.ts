// Benchmark of the REST API (npm run bench:api): the whole walk of the benchmark
// organisation's 300,000 enrolments through GET /api/v1/enrolments by cursor, at 500 and 100
// rows a page, per provider in a process of its own (api-measure.ts): walk time, requests
// and rows per second, p50 and p99 per request. In-process through the API's handler (no
// sockets), so it measures the API's own cost. Then webhook throughput (bench:webhooks, on
// a fresh SQLite file; --no-webhooks skips it).
//
//   npx tsx scripts/bench/api.ts [--db data/bench/reports.db] [--keep] [--limits 500,100]
//        [--provider sqlite|postgresql|both] [--postgres URL]
import { spawnSync } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import type { ApiWalk } from "./api-measure";
import { ROOT } from "./child";
import { DEFAULT_ADMIN_URL, PROVIDERS, ensureOrganisationFile } from "./organisation";
import { measureOnProviders } from "./providers";

const { values: args } = parseArgs({
  options: {
    db: { type: "string", default: "data/bench/reports.db" },
    keep: { type: "boolean", default: false },
    limits: { type: "string", default: "500,100" },
    provider: { type: "string" },
    postgres: { type: "string" },
    "no-webhooks": { type: "boolean", default: false },
  },
});
const dbFile = path.resolve(ROOT, args.db!);
const adminUrl = args.postgres ?? process.env.UPTAKE_TEST_POSTGRES_URL ?? DEFAULT_ADMIN_URL;
const generationMs = ensureOrganisationFile(dbFile, args.keep!);
type Figures = { total: number; walks: ApiWalk[] };
const figures = await measureOnProviders<Figures>({
  adminUrl,
  dbFile,
  keep: args.keep!,
  provider: args.provider,
  child: "api-measure.ts",
  args: ["--limit", args.limits!],
  // Tokens are derived from the server key (decision 044); the benchmark brings its own.
  env: { UPTAKE_SECRET_KEY: "benchmark-only-secret-key-0123456789abcdef" },
});

console.log(`\nbench:api — ${path.relative(ROOT, dbFile)}`);
if (generationMs !== undefined)
  console.log(`organisation generated in ${(generationMs / 1000).toFixed(1)} s`);
for (const { provider, measured } of figures) {
  for (const walk of measured.walks) {
    console.log(
      `${PROVIDERS[provider].padEnd(11)} limit ${String(walk.limit).padStart(3)}: ` +
        `${walk.rows.toLocaleString("en")} enrolments in ${walk.requests} requests, ` +
        `${(walk.ms / 1000).toFixed(1)} s — ${walk.requestsPerSecond.toFixed(0)} req/s, ` +
        `${Math.round(walk.rowsPerSecond).toLocaleString("en")} rows/s, ` +
        `p50 ${walk.p50.toFixed(1)} ms, p99 ${walk.p99.toFixed(1)} ms`,
    );
  }
}

if (!args["no-webhooks"]) {
  console.log("\nbench:webhooks — outbox writes and deliveries to a local verifying receiver");
  const result = spawnSync(
    process.execPath,
    [
      path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
      path.join(ROOT, "scripts/bench/webhooks.ts"),
    ],
    { cwd: ROOT, stdio: "inherit" },
  );
  if (result.status !== 0) process.exitCode = result.status ?? 1;
}
