// Webhook throughput (npm run bench:webhooks; decision 045): events written to the outbox per
// second, and events delivered per second to a local receiver (a node:http server in this
// process that verifies every signature), with the event loop's worst delay meanwhile.
//
//   npx tsx scripts/bench/webhooks.ts [--events 2000] [--subscriptions 1]
//
// On a fresh migrated SQLite file (never the app's database), or on PostgreSQL when
// BENCH_DATABASE_URL=postgresql://… names a scratch database (it is emptied of webhooks).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { Webhook } from "standardwebhooks";

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "2000" },
    subscriptions: { type: "string", default: "1" },
  },
});
const EVENTS = Number(args.events);
const SUBSCRIPTIONS = Number(args.subscriptions);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uptake-bench-webhooks-"));
const url = process.env.BENCH_DATABASE_URL ?? `file:${path.join(dir, "bench.db")}`;
execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], {
  env: { ...process.env, DATABASE_URL: url },
  stdio: "ignore",
});
process.env.DATABASE_URL = url;
process.env.WEBHOOK_ALLOW_PRIVATE = "on";
await import("~/subscribers.server");
const { getDb, disconnectDb } = await import("~/lib/db.server");
const { createSubscription, deliverDueWebhooks, recordWebhookEvents } =
  await import("~/modules/webhooks/index.server");

// The receiver: verifies each signature (as an integrator would) and answers 204.
const verifiers: Webhook[] = [];
let received = 0;
let badSignatures = 0;
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    const index = Number(new URL(req.url ?? "/", "http://x").searchParams.get("s"));
    try {
      verifiers[index]!.verify(body, req.headers as Record<string, string>);
      received++;
    } catch {
      badSignatures++;
    }
    res.writeHead(204).end();
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const { port } = server.address() as AddressInfo;

const db = getDb();
await db.webhookSubscription.deleteMany();
await db.webhookEvent.deleteMany();
const adminRow = await db.user.upsert({
  where: { email: "bench-admin@bench.test" },
  create: { email: "bench-admin@bench.test", name: "Bench admin", role: "ADMIN" },
  update: {},
});
const admin = { id: adminRow.id, role: "ADMIN" as const, scopeDepartmentIds: [] };
for (let s = 0; s < SUBSCRIPTIONS; s++) {
  const created = await createSubscription(admin, {
    url: `http://127.0.0.1:${port}/hooks?s=${s}`,
    description: "bench",
    eventTypes: ["kudos.sent"],
    createKey: `bench-${Date.now()}-${s}`,
  });
  verifiers[s] = new Webhook(created.secret!);
}

// Writes: 100 events per transaction, as a busy day of kudos would.
const writeStart = performance.now();
for (let i = 0; i < EVENTS; i += 100) {
  await db.$transaction((tx) =>
    recordWebhookEvents(
      tx,
      "kudos.sent",
      Array.from({ length: Math.min(100, EVENTS - i) }, (_, k) => ({
        at: new Date(),
        data: { kudos_id: `k${i + k}`, from_id: "a", to_id: "b", points: 5 },
      })),
    ),
  );
}
const writeSeconds = (performance.now() - writeStart) / 1000;

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const deliverStart = performance.now();
let report = { succeeded: 0, failed: 0, givenUp: 0 };
while (report.succeeded < EVENTS * SUBSCRIPTIONS) {
  const pass = await deliverDueWebhooks(new Date(), { budgetMs: 600_000 });
  report = {
    succeeded: report.succeeded + pass.succeeded,
    failed: report.failed + pass.failed,
    givenUp: report.givenUp + pass.givenUp,
  };
  if (pass.succeeded + pass.failed + pass.givenUp === 0) break;
}
const deliverSeconds = (performance.now() - deliverStart) / 1000;
loop.disable();

const durations = (
  await db.webhookDelivery.findMany({
    select: { durationMs: true },
    where: { status: "SUCCEEDED" },
  })
)
  .map((d) => d.durationMs ?? 0)
  .sort((a, b) => a - b);
const at = (q: number) =>
  durations[Math.min(durations.length - 1, Math.floor(q * durations.length))];

const provider = url.startsWith("file:") ? "SQLite" : "PostgreSQL";
console.log(`webhooks on ${provider}, ${EVENTS} events × ${SUBSCRIPTIONS} subscription(s)`);
console.log(
  `  outbox writes: ${Math.round(EVENTS / writeSeconds)} events/s (${writeSeconds.toFixed(2)} s)`,
);
console.log(
  `  deliveries:    ${Math.round(report.succeeded / deliverSeconds)} deliveries/s ` +
    `(${deliverSeconds.toFixed(2)} s; ${report.succeeded} succeeded, ${report.failed} failed)`,
);
console.log(
  `  per request:   p50 ${at(0.5)} ms, p99 ${at(0.99)} ms; receiver verified ${received}, ` +
    `bad signatures ${badSignatures}`,
);
console.log(
  `  event loop:    max delay ${(loop.max / 1e6).toFixed(0)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms`,
);

server.close();
await disconnectDb();
fs.rmSync(dir, { recursive: true, force: true });
if (report.succeeded !== EVENTS * SUBSCRIPTIONS || badSignatures > 0) process.exitCode = 1;
