// Seeds the demo organisation on an empty database (unless UPTAKE_DEMO=off).
import "~/subscribers.server";
import { disconnectDb, getDb } from "~/lib/db.server";
import { getEnv } from "~/lib/env.server";
import { ensureProgressStats } from "~/modules/learning/index.server";
import { seedDemo } from "~/modules/ops/index.server";
import { DEMO_PASSWORD } from "~/modules/org/index.server";

const env = getEnv();
if (env.UPTAKE_DEMO === "off") {
  if ((await getDb().user.count()) === 0) {
    console.log(
      [
        "",
        "Uptake started with an empty database (UPTAKE_DEMO=off).",
        "Create the first administrator with:",
        '  npm run create-admin -- --email you@example.com --name "Your Name"',
        "",
      ].join("\n"),
    );
  }
} else {
  const created = await seedDemo();
  if (created.includes("organisation")) {
    console.log(`Demo company created. Sign in as admin@uptake.test (password: ${DEMO_PASSWORD}).`);
  }
  if (created.length > 0) console.log(`Demo data added: ${created.join(", ")}.`);
}
// A database upgraded from before the report counters existed gets them now.
if (await ensureProgressStats()) console.log("Report counters rebuilt.");
await disconnectDb();
