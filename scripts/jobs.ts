// `npm run jobs`: the periodic work once, for cron: assignment rules, new hires and
// recertification, reminders, report counters, e-mail delivery. Safe to run twice.
import { disconnectDb } from "~/lib/db.server";
import { runJobs } from "~/modules/ops/index.server";

const result = await runJobs();
const reminders = Object.entries(result.reminders)
  .map(([event, count]) => `${event} ${count}`)
  .join(", ");
console.log(
  `Jobs done: ${result.enrolmentsCreated} new enrolments; notices: ${reminders}; ` +
    `overdue counters moved on for ${result.overduePairs} pairs; ` +
    (result.reportPairs === null
      ? "full recount not due; "
      : `full recount of ${result.reportPairs} department/course pairs; `) +
    (result.email.skipped
      ? "e-mail kept in the outbox (no SMTP_URL)."
      : `e-mail sent ${result.email.sent}, failed ${result.email.failed}.`),
);
await disconnectDb();
