import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { raiseMany } from "~/lib/domain-events.server";
import { principalFor } from "../support/factories";
import { runAtOnce, startProcess, stopProcesses, type SecondProcess } from "../support/processes";
import { startReceiver, subscribe, type Receiver } from "../support/webhooks";

// Two app processes on one database (decision 045): their delivery passes, started at one
// moment, send each delivery once between them (the per-row claim), SQLite or PostgreSQL.

let receiver: Receiver;
let pair: SecondProcess[];

beforeAll(async () => {
  receiver = await startReceiver();
  pair = [0, 1].map(() => startProcess({ WEBHOOK_ALLOW_PRIVATE: "on" }));
  await Promise.all(pair.map((p) => p.ready));
});

afterAll(async () => {
  await stopProcesses(pair);
  await receiver.close();
});

describe("webhook delivery across processes", { timeout: 60_000 }, () => {
  it("sends each delivery once when two servers' passes run at the same moment", async () => {
    const admin = await principalFor("ADMIN");
    await subscribe(admin, `${receiver.url}?to=first`, ["kudos.sent"]);
    await subscribe(admin, `${receiver.url}?to=second`, ["kudos.sent"]);
    // Slow answers keep both processes' passes busy at once.
    receiver.delay(15);
    await getDb().$transaction((tx) =>
      raiseMany(
        tx,
        "kudos.sent",
        Array.from({ length: 40 }, (_, i) => ({
          kudosId: `kudos-${i}`,
          fromId: admin.id,
          toId: admin.id,
          points: 1,
          at: new Date(),
        })),
      ),
    );
    const reports = (await runAtOnce(pair, "webhooks", "")) as { succeeded: number }[];
    expect(reports.reduce((sum, r) => sum + r.succeeded, 0)).toBe(80);
    expect(receiver.received).toHaveLength(80);
    // 40 events × 2 subscriptions, each pair once: no delivery went twice.
    const pairs = receiver.received.map((r) => `${r.headers["webhook-id"]} ${r.path}`);
    expect(new Set(pairs).size).toBe(80);
    const deliveries = await getDb().webhookDelivery.findMany();
    expect(deliveries.every((d) => d.status === "SUCCEEDED" && d.attempts === 1)).toBe(true);
  });
});
