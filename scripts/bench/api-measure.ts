// Child process of scripts/bench/api.ts: walks every enrolment of the organisation at
// DATABASE_URL through the API's handler (in this process: the token check, rate limit,
// query, JSON) page by page by cursor, and reports the walk's time and requests per second.
//
//   DATABASE_URL=… npx tsx scripts/bench/api-measure.ts --limit 500
import { parseArgs } from "node:util";
import { reportResult } from "./child";

const { values: args } = parseArgs({ options: { limit: { type: "string", default: "500" } } });
const limits = args.limit!.split(",").map(Number);

export interface ApiWalk {
  limit: number;
  rows: number;
  requests: number;
  ms: number;
  requestsPerSecond: number;
  rowsPerSecond: number;
  p50: number;
  p99: number;
}

await import("~/subscribers.server");
const { disconnectDb, getDb } = await import("~/lib/db.server");
const { createApiToken, handleApiRequest } = await import("~/modules/api/index.server");

const db = getDb();
const admin = await db.user.upsert({
  where: { email: "api-bench-admin@bench.test" },
  update: { active: true, role: "ADMIN" },
  create: { email: "api-bench-admin@bench.test", name: "API bench", role: "ADMIN" },
});
const token = await createApiToken(
  { id: admin.id, role: "ADMIN", scopeDepartmentIds: [] },
  {
    name: `bench ${Date.now()}`,
    scopes: ["learning:read"],
    expiresOn: null,
    submissionKey: crypto.randomUUID(),
  },
);
const total = await db.enrolment.count();
console.log(`walking ${total.toLocaleString("en")} enrolments at limits ${limits.join(", ")}`);

const walks: ApiWalk[] = [];
for (const limit of limits) {
  let cursor: string | null = null;
  let rows = 0;
  const times: number[] = [];
  const started = performance.now();
  do {
    const query: string = `limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`;
    const t0 = performance.now();
    const response = await handleApiRequest(
      new Request(`http://localhost/api/v1/enrolments?${query}`, {
        headers: { Authorization: `Bearer ${token.secret}` },
      }),
      { ratePerMinute: 1_000_000_000 },
    );
    if (response.status !== 200) throw new Error(`${response.status}: ${await response.text()}`);
    const body = (await response.json()) as { data: unknown[]; next_cursor: string | null };
    times.push(performance.now() - t0);
    rows += body.data.length;
    cursor = body.next_cursor;
  } while (cursor);
  const ms = performance.now() - started;
  if (rows !== total) throw new Error(`walked ${rows} rows of ${total}`);
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  walks.push({
    limit,
    rows,
    requests: times.length,
    ms,
    requestsPerSecond: (times.length / ms) * 1000,
    rowsPerSecond: (rows / ms) * 1000,
    p50: at(0.5),
    p99: at(0.99),
  });
  console.log(`limit ${limit}: ${times.length} requests in ${(ms / 1000).toFixed(1)} s`);
}
await db.apiToken.deleteMany({ where: { createdById: admin.id } });
await disconnectDb();
reportResult({ total, walks });
