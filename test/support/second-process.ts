// Runs in a child process (test/support/processes.ts) on the test file's database: what a
// second app server would do. It connects, prints "ready", then runs each task line it reads
// on stdin ("<task> <arg>"), one at a time, and prints "result <json>" (or "error <message>").
// Tasks arrive on stdin so that several children, started once, begin each task at one moment.
// Domain events reach their subscribers, as in a server (the rules job raises enrolment.created).
import "~/subscribers.server";
import readline from "node:readline";
import { getDb, disconnectDb } from "~/lib/db.server";
import { consumeRateLimit } from "~/lib/rate-limit.server";
import { HOUR_MS } from "~/lib/dates";
import { deliverOutbox } from "~/modules/notifications/index.server";
import { claimJob, runJobs } from "~/modules/ops/index.server";
import { deliverDueWebhooks } from "~/modules/webhooks/index.server";

const tasks: Record<string, (arg: string) => Promise<unknown>> = {
  /** deliverOutbox until the outbox has nothing PENDING left. */
  async deliver(smtpUrl) {
    let sent = 0;
    for (;;) {
      const round = await deliverOutbox({ smtpUrl, limit: 10 });
      sent += round.sent;
      if (round.sent + round.failed === 0) return { sent };
    }
  },
  /** Delivery passes until nothing is due: what this process sent (webhooks, decision 045). */
  async webhooks() {
    let succeeded = 0;
    for (;;) {
      const pass = await deliverDueWebhooks(new Date());
      succeeded += pass.succeeded;
      if (pass.succeeded + pass.failed + pass.givenUp === 0) return { succeeded };
    }
  },
  /** One tick of the real periodic jobs at the time given. */
  jobs: (now) => runJobs(new Date(now)),
  /** Ten claims of job `name` at once (on PostgreSQL, ten pooled connections); the winner's holder. */
  async claim(name) {
    const claims = await Promise.all(
      Array.from({ length: 10 }, () => claimJob(name, new Date(), HOUR_MS)),
    );
    const won = claims.flatMap((c) => (c.claimed ? [c.lease] : []));
    // Finished, so that no renewal timer outlives the task in this long-lived process.
    await Promise.all(won.map((lease) => lease.finish()));
    return { won: won.length, holders: won.map((lease) => lease.holder) };
  },
  /** Claims job `name` with a one-second lease and keeps it (renewing) until killed. */
  async hold(name) {
    const claim = await claimJob(name, new Date(), HOUR_MS, 1000);
    return { claimed: claim.claimed };
  },
  /** Twenty requests against one rate limit of 30 per window. */
  async consume(key) {
    const rule = { name: `test-${key}`, points: 30, seconds: 60 };
    let allowed = 0;
    for (let i = 0; i < 20; i++) if ((await consumeRateLimit(rule, "shared")).allowed) allowed++;
    return { allowed };
  },
};

// Connected before "ready", so the children race on the work, not on start-up.
await getDb().$queryRawUnsafe("SELECT 1");
console.log("ready");
for await (const line of readline.createInterface({ input: process.stdin })) {
  const [task = "", arg = ""] = line.split(" ");
  try {
    const run = tasks[task];
    if (!run) throw new Error(`unknown task ${task}`);
    console.log(`result ${JSON.stringify(await run(arg))}`);
  } catch (error) {
    console.log(`error ${String(error).replace(/\n/g, " ")}`);
  }
}
// stdin closed: the test is done with this process.
await disconnectDb();
process.exit(0);
