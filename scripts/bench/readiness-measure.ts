// Child process of scripts/bench/readiness.ts: times the readiness report's data load on the
// organisation at DATABASE_URL (SQLite or PostgreSQL) through the app's own module functions,
// and reports the figures (child.ts).
//
//   DATABASE_URL=… npx tsx scripts/bench/readiness-measure.ts --runs 30 --warmup 2
import { parseArgs } from "node:util";
import { reportResult } from "./child";
import { BENCH_INITIATIVE_ID } from "./generate-readiness";
import { timeCalls, type Timing } from "./timing";

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "30" },
    warmup: { type: "string", default: "2" },
  },
});
const runs = Math.max(1, Number(args.runs));
const warmup = Math.max(0, Number(args.warmup));

export interface ReadinessFigures {
  counts: Record<string, number>;
  scenarios: (Timing & { name: string })[];
}

const { disconnectDb, getDb } = await import("~/lib/db.server");
const initiatives = await import("~/modules/initiatives/index.server");

const db = getDb();
const counts: Record<string, number> = {
  User: await db.user.count(),
  Department: await db.department.count(),
  Pulse: await db.pulse.count(),
  PulseResponse: await db.pulseResponse.count(),
  Enrolment: await db.enrolment.count(),
};
// HR reads the whole company; the drill-down is the department with the most answers.
const hr = { id: "bench-hr", role: "HR" as const, scopeDepartmentIds: [] };
const [largest] = await db.pulseResponse.groupBy({
  by: ["departmentId"],
  _count: { _all: true },
  orderBy: { _count: { departmentId: "desc" } },
  take: 1,
});
const department = largest!.departmentId;

const scenarios: [string, () => Promise<unknown>][] = [
  [
    "Company heat map (latest pulse)",
    () => initiatives.readinessReport(hr, BENCH_INITIATIVE_ID, {}),
  ],
  [
    "Company heat map (first pulse)",
    () => initiatives.readinessReport(hr, BENCH_INITIATIVE_ID, { pulseId: "bench-pulse-1" }),
  ],
  [
    "Department drill-down (largest)",
    () => initiatives.departmentReadiness(hr, BENCH_INITIATIVE_ID, department, {}),
  ],
];

const figures: ReadinessFigures = { counts, scenarios: [] };
for (const [name, run] of scenarios) {
  const timing = await timeCalls(run, runs, warmup);
  console.log(`${name}: median ${timing.median.toFixed(1)} ms, p95 ${timing.p95.toFixed(1)} ms`);
  figures.scenarios.push({ name, ...timing });
}
await disconnectDb();
reportResult(figures);
