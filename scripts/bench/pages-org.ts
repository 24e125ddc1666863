// The benchmark organisation for `npm run bench:pages -- --org` (pages.mjs):
//
//   DATABASE_URL=file:TARGET npx tsx scripts/bench/pages-org.ts TARGET
//
// Copies bench:reports' organisation (data/bench/reports.db, generated first when missing or
// older than the migrations) to TARGET and gives three of its people the demo password: the
// HR viewer, the employee with the most enrolments (the learner) and one employee made an
// administrator (the generated organisation has none). Rebuilds the report counters when the
// copy lacks them. Prints the accounts to sign in with as JSON on stdout.
import "~/subscribers.server";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { disconnectDb } from "~/lib/db.server";
import { hashPassword } from "~/lib/password.server";
import { ensureProgressStats } from "~/modules/learning/index.server";
import { DEMO_PASSWORD } from "~/modules/org/index.server";
import { ROOT } from "./child";
import {
  generateOrganisation,
  HR_EMAIL,
  migrationsFingerprint,
  removeDatabase,
  storedFingerprint,
} from "./generate";

const target = process.argv[2];
if (!target) throw new Error("usage: tsx scripts/bench/pages-org.ts TARGET.db");
const source = path.join(ROOT, "data/bench/reports.db");
const migrationsDir = path.join(ROOT, "prisma/migrations");

if (storedFingerprint(source) !== migrationsFingerprint(migrationsDir)) {
  console.error(`Generating the benchmark organisation in ${path.relative(ROOT, source)} …`);
  const { ms } = generateOrganisation(source, migrationsDir, Date.now());
  console.error(`  generated in ${(ms / 1000).toFixed(1)} s`);
}
removeDatabase(target);
for (const suffix of ["", "-wal"]) {
  if (fs.existsSync(source + suffix)) fs.copyFileSync(source + suffix, target + suffix);
}

const db = new Database(target);
const learner = db
  .prepare(
    `SELECT u."id", u."email" FROM "User" u JOIN "Enrolment" e ON e."userId" = u."id"
     WHERE u."role" = 'EMPLOYEE' AND u."active" = 1
     GROUP BY u."id", u."email" ORDER BY COUNT(*) DESC, u."id" LIMIT 1`,
  )
  .get() as { id: string; email: string };
const admin = db
  .prepare(
    `SELECT "id", "email" FROM "User" WHERE "role" = 'EMPLOYEE' AND "active" = 1 AND "id" <> ?
     ORDER BY "id" LIMIT 1`,
  )
  .get(learner.id) as { id: string; email: string };
const passwordHash = await hashPassword(DEMO_PASSWORD);
db.transaction(() => {
  db.prepare(`UPDATE "User" SET "role" = 'ADMIN' WHERE "id" = ?`).run(admin.id);
  const setPassword = db.prepare(`UPDATE "User" SET "passwordHash" = ? WHERE "email" = ?`);
  for (const email of [HR_EMAIL, learner.email, admin.email]) setPassword.run(passwordHash, email);
})();
db.close();

if (await ensureProgressStats()) console.error("Report counters rebuilt.");
await disconnectDb();
const account = (email: string) => ({ email, password: DEMO_PASSWORD });
console.log(
  JSON.stringify({
    learner: account(learner.email),
    hr: account(HR_EMAIL),
    admin: account(admin.email),
  }),
);
