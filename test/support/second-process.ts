// Runs in a child process (test/support/processes.ts) on the test file's database: what a
// second app server would do. It prints "ready", waits for "go" on stdin so that several
// children start at the same moment, does its task and prints "result <json>".
import readline from "node:readline";
import { getDb, disconnectDb } from "~/lib/db.server";
import { consumeRateLimit } from "~/lib/rate-limit.server";
import { HOUR_MS } from "~/lib/dates";
import { deliverOutbox } from "~/modules/notifications/index.server";
import { claimJob, runJobs } from "~/modules/ops/index.server";

const [task = "", arg = ""] = process.argv.slice(2);

const tasks: Record<string, () => Promise<unknown>> = {
  /** deliverOutbox until the outbox has nothing PENDING left. */
  async deliver() {
    let sent = 0;
    for (;;) {
      const round = await deliverOutbox({ smtpUrl: arg, limit: 10 });
      sent += round.sent;
      if (round.sent + round.failed === 0) return { sent };
    }
  },
  /** One tick of the real periodic jobs at the time given. */
  jobs: () => runJobs(new Date(arg)),
  /** Claims job `arg` with a one-second lease and keeps it (renewing) until killed. */
  async hold() {
    const claim = await claimJob(arg, new Date(), HOUR_MS, 1000);
    setInterval(() => {}, 60_000);
    return { claimed: claim.claimed };
  },
  /** Twenty requests against one rate limit of 30 per window. */
  async consume() {
    const rule = { name: `test-${arg}`, points: 30, seconds: 60 };
    let allowed = 0;
    for (let i = 0; i < 20; i++) if ((await consumeRateLimit(rule, "shared")).allowed) allowed++;
    return { allowed };
  },
};

const run = tasks[task];
if (!run) throw new Error(`unknown task ${task}`);
// Connected before "ready", so the children race on the work, not on start-up.
await getDb().$queryRawUnsafe("SELECT 1");
console.log("ready");
const input = readline.createInterface({ input: process.stdin });
for await (const line of input) if (line === "go") break;
const result = await run();
console.log(`result ${JSON.stringify(result)}`);
if (task !== "hold") {
  input.close();
  await disconnectDb();
  process.exit(0);
}
