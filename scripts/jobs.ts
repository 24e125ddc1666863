// `npm run jobs`: the periodic work once (rules, new hires, recertification), for cron.
import { disconnectDb } from "~/lib/db.server";
import { runJobs } from "~/modules/ops/jobs.server";

const result = await runJobs();
console.log(`Jobs done: ${result.enrolmentsCreated} new enrolments.`);
await disconnectDb();
