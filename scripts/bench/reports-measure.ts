// Child process of scripts/bench/reports.ts: times the /reports loaders on the generated
// organisation at DATABASE_URL (SQLite or PostgreSQL), reading every fact it needs through
// the app's Prisma client, and reports the figures (child.ts).
//
//   DATABASE_URL=… npx tsx scripts/bench/reports-measure.ts --runs 30 --warmup 2
import { parseArgs } from "node:util";
import type { Principal } from "~/lib/permissions";
import { reportResult } from "./child";
import { HR_EMAIL, MANAGER_EMAIL } from "./generate";
import { timeCalls, type Timing } from "./timing";

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "30" },
    warmup: { type: "string", default: "2" },
  },
});
const runs = Math.max(1, Number(args.runs));
const warmup = Math.max(0, Number(args.warmup));
const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;

export interface ScenarioFigures extends Timing {
  /** "HR dashboard", "Manager drill-down", … */
  name: string;
  /** Whether the p95 target applies. */
  target: boolean;
}

export interface MeasureFigures {
  counts: Record<string, number>;
  rebuildMs: number;
  /** Why the recount failed, when it did. */
  rebuildError?: string;
  scenarios: ScenarioFigures[];
  hrPrincipal: Principal;
}

const measure = (fn: () => Promise<unknown>, times = runs, warmupTimes = warmup) =>
  timeCalls(fn, times, warmupTimes);

const { disconnectDb, getDb } = await import("~/lib/db.server");
const { withDescendants } = await import("~/lib/department-tree");
const { rebuildProgressStats } = await import("~/modules/learning/progress-stats.server");
const reports = await import("~/modules/reports/index.server");
const { reportFiltersSchema } = await import("~/modules/reports/schemas");

interface DepartmentFacts {
  id: string;
  name: string;
  parentId: string | null;
  enrolments: number;
}

/** Row counts, the two viewers and every department with its number of enrolments. */
async function readFacts() {
  const db = getDb();
  const [departments, users, courses, enrolments, lessonProgress, quizAttempts] = await Promise.all(
    [
      db.department.count(),
      db.user.count(),
      db.course.count(),
      db.enrolment.count(),
      db.lessonProgress.count(),
      db.quizAttempt.count(),
    ],
  );
  const counts = { departments, users, courses, enrolments, lessonProgress, quizAttempts };
  const hr = await db.user.findUnique({ where: { email: HR_EMAIL }, select: { id: true } });
  const manager = await db.user.findUnique({
    where: { email: MANAGER_EMAIL },
    select: { id: true, managedDepartments: { select: { departmentId: true } } },
  });
  if (!hr || !manager) throw new Error("DATABASE_URL is not a generated benchmark database");
  const perDepartment = new Map(
    (await db.enrolment.groupBy({ by: ["departmentId"], _count: { _all: true } })).map((row) => [
      row.departmentId,
      row._count._all,
    ]),
  );
  const rows: DepartmentFacts[] = (
    await db.department.findMany({
      select: { id: true, name: true, parentId: true },
      orderBy: { id: "asc" },
    })
  ).map((d) => ({ ...d, enrolments: perDepartment.get(d.id) ?? 0 }));
  const managedIds = manager.managedDepartments.map((row) => row.departmentId);
  return { counts, hrId: hr.id, managerId: manager.id, managedIds, departments: rows };
}

/** The leaf department with the median number of enrolments among `candidates`. */
function midSizeLeaf(departments: DepartmentFacts[], candidates: readonly string[]) {
  const parents = new Set(departments.map((d) => d.parentId));
  const leaves = departments
    .filter((d) => candidates.includes(d.id) && !parents.has(d.id))
    .sort((a, b) => a.enrolments - b.enrolments);
  return leaves[Math.floor(leaves.length / 2)]!;
}

type Filters = ReturnType<typeof reportFiltersSchema.parse>;

/** The three loaders a viewer opens: the dashboard, a drill-down, the overdue list. */
function scenariosFor(principal: Principal, drill: DepartmentFacts, filters: Filters) {
  return [
    {
      name: "dashboard",
      target: true,
      run: () =>
        Promise.all([
          reports.getDashboard(principal, filters),
          reports.selectedReportOptions(principal, filters),
        ]),
    },
    {
      name: "drill-down",
      target: true,
      run: async () => {
        const f = { ...filters, department: drill.id };
        await reports.getDepartmentHeader(principal, drill.id);
        return Promise.all([
          reports.getSummary(principal, f),
          reports.listEnrolmentRows(principal, f),
          reports.selectedReportOptions(principal, { course: f.course }),
        ]);
      },
    },
    {
      name: "overdue list",
      target: false,
      run: () =>
        Promise.all([
          reports.listEnrolmentRows(principal, { ...filters, status: "OVERDUE" }),
          reports.selectedReportOptions(principal, filters),
        ]),
    },
  ];
}

/** Each call of the HR loaders alone, to see which part dominates (fewer runs). */
async function printPerCall(principal: Principal, drillId: string, filters: Filters) {
  const drillFilters = { ...filters, department: drillId };
  const calls: [string, () => Promise<unknown>][] = [
    ["getDashboard", () => reports.getDashboard(principal, filters)],
    ["selectedReportOptions", () => reports.selectedReportOptions(principal, filters)],
    [
      "searchReportOptions (departments)",
      () => reports.searchReportOptions(principal, { kind: "department", q: "", page: 1 }),
    ],
    ["getDepartmentHeader", () => reports.getDepartmentHeader(principal, drillId)],
    ["getSummary (drill)", () => reports.getSummary(principal, drillFilters)],
    ["listEnrolmentRows (drill)", () => reports.listEnrolmentRows(principal, drillFilters)],
    [
      "listEnrolmentRows (overdue)",
      () => reports.listEnrolmentRows(principal, { ...filters, status: "OVERDUE" }),
    ],
  ];
  const callRuns = Math.min(runs, 5);
  console.log(`Per call (HR), median of ${callRuns} runs:`);
  for (const [name, call] of calls) {
    const t = await measure(call, callRuns, 1);
    console.log(`    ${name.padEnd(28)}${fmt(t.median).padStart(8)}`);
  }
}

/**
 * Times the full recount of the report counters. A failure is a figure too (on a loaded
 * machine a chunk's transaction can outlast Prisma's 5 s): the counters the SQLite pass
 * wrote, copied with the rows, then stand in for the ones it did not replace.
 */
async function timeRebuild(): Promise<{ rebuildMs: number; rebuildError?: string }> {
  const started = performance.now();
  try {
    const pairs = await rebuildProgressStats();
    const rebuildMs = performance.now() - started;
    console.log(`rebuildProgressStats: ${pairs} (department, course) pairs in ${fmt(rebuildMs)}`);
    return { rebuildMs };
  } catch (error) {
    const rebuildMs = performance.now() - started;
    const message = (error instanceof Error ? error.message : String(error)).trim();
    const rebuildError = message.split("\n").filter(Boolean).pop() ?? message;
    console.log(`rebuildProgressStats FAILED after ${fmt(rebuildMs)}: ${rebuildError}`);
    return { rebuildMs, rebuildError };
  }
}

try {
  const facts = await readFacts();
  console.log(
    `Rows: ${Object.entries(facts.counts)
      .map(([table, n]) => `${table} ${n.toLocaleString("en")}`)
      .join(", ")}`,
  );
  const { rebuildMs, rebuildError } = await timeRebuild();

  const filters = reportFiltersSchema.parse({});
  const managerScope = withDescendants(facts.departments, facts.managedIds);
  const allIds = facts.departments.map((d) => d.id);
  const viewers = [
    {
      label: "HR",
      principal: { id: facts.hrId, role: "HR", scopeDepartmentIds: [] } as Principal,
      drill: midSizeLeaf(facts.departments, allIds),
    },
    {
      label: "Manager",
      principal: {
        id: facts.managerId,
        role: "MANAGER",
        scopeDepartmentIds: managerScope,
      } as Principal,
      drill: midSizeLeaf(facts.departments, managerScope),
    },
  ];

  console.log(`Server-side data load, ${runs} runs after ${warmup} warm-up runs:`);
  const scenarios: ScenarioFigures[] = [];
  for (const { label, principal, drill } of viewers) {
    const scope = principal.scopeDepartmentIds.length
      ? `${principal.scopeDepartmentIds.length} departments`
      : "everything";
    console.log(
      `  ${label} (${scope}); drill-down ${drill.id} "${drill.name}" (${drill.enrolments} enrolments)`,
    );
    for (const scenario of scenariosFor(principal, drill, filters)) {
      const t = await measure(scenario.run);
      const name = `${label} ${scenario.name}`;
      console.log(
        `    ${name.padEnd(22)}median ${fmt(t.median).padStart(7)}  p95 ${fmt(t.p95).padStart(7)}  [min ${fmt(t.min)}, max ${fmt(t.max)}]`,
      );
      scenarios.push({ name, target: scenario.target, ...t });
    }
  }
  await printPerCall(viewers[0]!.principal, viewers[0]!.drill.id, filters);
  reportResult({
    counts: facts.counts,
    rebuildMs,
    rebuildError,
    scenarios,
    hrPrincipal: viewers[0]!.principal,
  } satisfies MeasureFigures);
} finally {
  await disconnectDb();
}
