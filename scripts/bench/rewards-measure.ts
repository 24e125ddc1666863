// Child process of scripts/bench/rewards.ts: times the data load of the incentive board's
// pages on the organisation at DATABASE_URL (SQLite or PostgreSQL) through the app's own
// module functions, and reports the figures (child.ts).
//
//   DATABASE_URL=… npx tsx scripts/bench/rewards-measure.ts --runs 30 --warmup 2
import { parseArgs } from "node:util";
import { reportResult } from "./child";
import { timeCalls, type Timing } from "./timing";

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "30" },
    warmup: { type: "string", default: "2" },
  },
});
const runs = Math.max(1, Number(args.runs));
const warmup = Math.max(0, Number(args.warmup));

export interface RewardsFigures {
  counts: Record<string, number>;
  scenarios: (Timing & { name: string })[];
}

const { disconnectDb, getDb } = await import("~/lib/db.server");
const incentives = await import("~/modules/incentives/index.server");
const { kudosWallQuerySchema, leaderboardQuerySchema, pointsHistoryQuerySchema } =
  await import("~/modules/incentives");

const db = getDb();
const counts: Record<string, number> = {
  PointsEntry: await db.pointsEntry.count(),
  PointsTotal: await db.pointsTotal.count(),
  Kudos: await db.kudos.count(),
  User: await db.user.count(),
};
// Viewers: people spread over the organisation (a different one each run), and the
// department with the most people for the department board.
const viewers = (
  await db.user.findMany({ where: { active: true }, select: { id: true }, orderBy: { id: "asc" } })
).filter((_, index) => index % 397 === 0);
const [largest] = await db.user.groupBy({
  by: ["departmentId"],
  where: { active: true, departmentId: { not: null } },
  _count: { _all: true },
  orderBy: { _count: { departmentId: "desc" } },
  take: 1,
});
const department = largest!.departmentId!;
let turn = 0;
const nextViewer = () => viewers[turn++ % viewers.length]!.id;

const scenarios: [string, () => Promise<unknown>][] = [
  [
    "My points page",
    () => incentives.myPointsPage(nextViewer(), pointsHistoryQuerySchema.parse({})),
  ],
  [
    "Company monthly leaderboard",
    () => incentives.leaderboardPage(nextViewer(), leaderboardQuerySchema.parse({})),
  ],
  [
    "Department leaderboard (largest)",
    () =>
      incentives.leaderboardPage(
        nextViewer(),
        leaderboardQuerySchema.parse({ period: "quarter", department }),
      ),
  ],
  ["Kudos wall, newest", () => incentives.listKudosWall(kudosWallQuerySchema.parse({}))],
  [
    "Kudos wall, by department",
    () => incentives.listKudosWall(kudosWallQuerySchema.parse({ department })),
  ],
];

const figures: RewardsFigures = { counts, scenarios: [] };
for (const [name, run] of scenarios) {
  const timing = await timeCalls(run, runs, warmup);
  console.log(`${name}: median ${timing.median.toFixed(1)} ms, p95 ${timing.p95.toFixed(1)} ms`);
  figures.scenarios.push({ name, ...timing });
}
await disconnectDb();
reportResult(figures);
