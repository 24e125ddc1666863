// Child process of scripts/bench/kpis.ts: times the company KPI board (as HR and as the
// benchmark manager) and the benchmark initiative's effect table on the organisation at
// DATABASE_URL (SQLite or PostgreSQL) through the app's own module functions, and reports
// the figures (child.ts).
//
//   DATABASE_URL=… npx tsx scripts/bench/kpis-measure.ts --runs 30 --warmup 2
import { parseArgs } from "node:util";
import { withDescendants } from "~/lib/department-tree";
import type { Principal } from "~/lib/permissions";
import { reportResult } from "./child";
import { HR_EMAIL, MANAGER_EMAIL } from "./generate";
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

export interface KpiFigures {
  counts: Record<string, number>;
  scenarios: (Timing & { name: string })[];
}

const { disconnectDb, getDb } = await import("~/lib/db.server");
const kpis = await import("~/modules/kpis/index.server");
const { boardQuerySchema } = await import("~/modules/kpis/schemas");

const db = getDb();
const counts: Record<string, number> = {
  Department: await db.department.count(),
  KpiDefinition: await db.kpiDefinition.count(),
  KpiDepartment: await db.kpiDepartment.count(),
  KpiActual: await db.kpiActual.count(),
};
const hrUser = await db.user.findUnique({ where: { email: HR_EMAIL }, select: { id: true } });
const managerUser = await db.user.findUnique({
  where: { email: MANAGER_EMAIL },
  select: { id: true, managedDepartments: { select: { departmentId: true } } },
});
if (!hrUser || !managerUser) throw new Error("DATABASE_URL is not a generated benchmark database");
const tree = await db.department.findMany({ select: { id: true, parentId: true } });
const hr: Principal = { id: hrUser.id, role: "HR", scopeDepartmentIds: [] };
const manager: Principal = {
  id: managerUser.id,
  role: "MANAGER",
  scopeDepartmentIds: withDescendants(
    tree,
    managerUser.managedDepartments.map((row) => row.departmentId),
  ),
};
const firstPage = boardQuerySchema.parse({});
const offTrack = boardQuerySchema.parse({ status: "OFF_TRACK", page: "2" });

const scenarios: [string, () => Promise<unknown>][] = [
  ["KPI board, HR (page 1)", () => kpis.kpiBoard(hr, firstPage)],
  ["KPI board, HR (off track, page 2)", () => kpis.kpiBoard(hr, offTrack)],
  [
    `KPI board, manager (${manager.scopeDepartmentIds.length} depts)`,
    () => kpis.kpiBoard(manager, firstPage),
  ],
  ["Effect table, HR", () => kpis.initiativeEffect(hr, BENCH_INITIATIVE_ID)],
];

const figures: KpiFigures = { counts, scenarios: [] };
for (const [name, run] of scenarios) {
  const timing = await timeCalls(run, runs, warmup);
  console.log(`${name}: median ${timing.median.toFixed(1)} ms, p95 ${timing.p95.toFixed(1)} ms`);
  figures.scenarios.push({ name, ...timing });
}
await disconnectDb();
reportResult(figures);
