// `npm run jobs`: one tick of the periodic work, for cron: assignment rules, new hires and
// recertification, reminders, report counters, e-mail delivery. It takes the same leases
// as the servers' own ticks (decision 023), so a job already done this period, or running
// elsewhere right now, is skipped. Exits 1 when a job failed.
import "~/subscribers.server";
import { disconnectDb } from "~/lib/db.server";
import { runJobs } from "~/modules/ops/index.server";

const report = await runJobs();
for (const outcome of report.outcomes) {
  const detail =
    outcome.status === "ran"
      ? JSON.stringify(outcome.result)
      : outcome.status === "failed"
        ? outcome.error
        : outcome.status === "heldElsewhere"
          ? `another process has it${outcome.holder ? ` (${outcome.holder})` : ""}`
          : "already done this period";
  console.log(`${outcome.name}: ${outcome.status}, ${detail}`);
}
await disconnectDb();
if (report.failed.length > 0) process.exitCode = 1;
