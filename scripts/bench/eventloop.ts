// Event-loop delay while long writes run (npm run bench:eventloop; issue 13, item 5).
//
//   npx tsx scripts/bench/eventloop.ts [--postgres] [--seconds 30] [--steps remind,rules,…]
//        [--db data/bench/reports.db]
//
// On the benchmark organisation of bench:reports (generated when missing or older than the
// migrations, then reused), each step runs in a child process on a scratch copy, once with
// decision 027's chunk sizes and once with the sizes before it, side by side: HR reminds
// 1,000 people ("remind"), then the periodic job's heavy steps one at a time — the rules
// (a rule for all 20,000 staff stored unapplied), the scheduled reminders, the overdue sweep
// after a month, the counters' full recount. A step is cut off after --seconds; its figures
// cover what ran. Prints p99 and max of monitorEventLoopDelay and of a 10 ms timer probe in
// the working process, and of the CPU the process used between two probe ticks (a pause's
// length without the other processes' share of the cores: compare those under load). --postgres measures PostgreSQL too (a copy in a fresh database,
// shared with bench:reports). The target is p99 < 100 ms. Exits 0 when it is missed.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ROOT, runBenchChild } from "./child";
import {
  generateOrganisation,
  migrationsFingerprint,
  removeDatabase,
  storedFingerprint,
  storedGenerationTime,
} from "./generate";
import {
  BENCH_PG_DATABASE,
  postgresUrlFor,
  preparePostgresCopy,
  withClient,
} from "./postgres-load";

const STEPS = ["remind", "rules", "reminders", "overdueSweep", "counters"];
const MODES = ["old", "new"] as const;
const TARGET_P99_MS = 100;

const { values: args } = parseArgs({
  options: {
    db: { type: "string", default: "data/bench/reports.db" },
    postgres: { type: "boolean", default: false },
    seconds: { type: "string", default: "30" },
    steps: { type: "string", default: STEPS.join(",") },
  },
});
const dbFile = path.resolve(ROOT, args.db!);
const steps = args.steps!.split(",");
for (const name of steps) if (!STEPS.includes(name)) throw new Error(`unknown step ${name}`);
const adminUrl =
  process.env.UPTAKE_TEST_POSTGRES_URL ?? "postgresql://uptake:uptake@localhost:5432/uptake";

interface StepFigures {
  step: string;
  chunks: (typeof MODES)[number];
  finished: boolean;
  elapsedMs: number;
  statements: number;
  delay: { p99: number; max: number };
  probe: { p99: number; max: number };
  cpuPerTick: { p99: number; max: number };
  result: { failed?: string } | null;
}

function ensureOrganisation() {
  const migrations = path.join(ROOT, "prisma/migrations");
  if (storedFingerprint(dbFile) === migrationsFingerprint(migrations)) return;
  console.log(`Generating the benchmark organisation in ${path.relative(ROOT, dbFile)} …`);
  const { ms } = generateOrganisation(dbFile, migrations, Date.now());
  console.log(`  generated in ${(ms / 1000).toFixed(1)} s`);
}

/** A scratch copy per mode: each step changes the organisation (reminders logged, …). */
function sqliteScratch(mode: string) {
  const file = path.join(path.dirname(dbFile), `eventloop-${mode}.db`);
  removeDatabase(file);
  fs.copyFileSync(dbFile, file);
  return { databaseUrl: `file:${file}`, drop: async () => removeDatabase(file) };
}

async function postgresScratch(mode: string) {
  const fingerprint = [
    storedFingerprint(dbFile),
    storedGenerationTime(dbFile),
    migrationsFingerprint(path.join(ROOT, "prisma/postgresql/migrations")),
  ].join(":");
  await preparePostgresCopy({ adminUrl, sqliteFile: dbFile, fingerprint, keep: true });
  const name = `uptake_bench_eventloop_${mode}`;
  const admin = (sql: string) => withClient(adminUrl, (client) => client.query(sql));
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${name}" TEMPLATE "${BENCH_PG_DATABASE}"`);
  return {
    databaseUrl: postgresUrlFor(adminUrl, name),
    drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

async function measureProvider(provider: "sqlite" | "postgresql") {
  const scratch = {
    old: provider === "sqlite" ? sqliteScratch("old") : await postgresScratch("old"),
    new: provider === "sqlite" ? sqliteScratch("new") : await postgresScratch("new"),
  };
  const figures: StepFigures[] = [];
  try {
    // Old and new alternate step by step, so a change in the machine's load hits both.
    for (const step of steps) {
      for (const mode of MODES) {
        console.log(`[${provider}] ${step}, ${mode} chunk sizes …`);
        figures.push(
          await runBenchChild<StepFigures>("eventloop-child.ts", {
            databaseUrl: scratch[mode].databaseUrl,
            env: { BENCH_STEP: step, BENCH_CHUNKS: mode, BENCH_SECONDS: args.seconds! },
            prefix: `[${provider}] `,
          }),
        );
      }
    }
  } finally {
    await scratch.old.drop();
    await scratch.new.drop();
  }
  return figures;
}

function printTable(provider: string, figures: StepFigures[]) {
  const pad = (value: string | number, width: number) => String(value).padStart(width);
  console.log(`\n${provider}: event-loop delay in the working process (ms)`);
  console.log(
    `${"step".padEnd(14)}${"chunks".padEnd(8)}${pad("ran s", 8)}${pad("done", 6)}` +
      `${pad("stmts", 9)}${pad("p99", 9)}${pad("max", 9)}${pad("probe p99", 11)}${pad("probe max", 11)}` +
      `${pad("cpu p99", 9)}${pad("cpu max", 9)}`,
  );
  for (const f of figures) {
    const failed = f.result?.failed ? `  FAILED: ${f.result.failed.split("\n")[0]}` : "";
    const met = (f.delay.p99 < TARGET_P99_MS ? "" : "  (p99 over target)") + failed;
    console.log(
      `${f.step.padEnd(14)}${f.chunks.padEnd(8)}${pad((f.elapsedMs / 1000).toFixed(1), 8)}` +
        `${pad(f.finished ? "yes" : "cut", 6)}${pad(f.statements, 9)}${pad(f.delay.p99, 9)}` +
        `${pad(f.delay.max, 9)}${pad(f.probe.p99, 11)}${pad(f.probe.max, 11)}` +
        `${pad(f.cpuPerTick.p99, 9)}${pad(f.cpuPerTick.max, 9)}${met}`,
    );
  }
}

ensureOrganisation();
const results: [string, StepFigures[]][] = [["SQLite", await measureProvider("sqlite")]];
if (args.postgres) results.push(["PostgreSQL", await measureProvider("postgresql")]);
for (const [provider, figures] of results) printTable(provider, figures);
console.log(`\nTarget: p99 < ${TARGET_P99_MS} ms. Load when done: ${loadAverage()}`);

function loadAverage() {
  return fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
}
