// The staff of `npm run bench:load` (load.mjs), added to a freshly seeded demo database:
//
//   DATABASE_URL=… npx tsx scripts/bench/load-setup.ts CLIENTS HR_CLIENTS
//
// CLIENTS people in the demo's departments, the first HR_CLIENTS of them in HR, all with the
// demo password (hashed once). Like someone HR adds, the training rules then give each their
// courses (syncUserEnrolments, the learning module's own function). Prints the accounts as
// JSON on stdout.
import "~/subscribers.server";
import { getDb, disconnectDb } from "~/lib/db.server";
import { hashPassword } from "~/lib/password.server";
import { syncUserEnrolments } from "~/modules/learning/index.server";
import { DEMO_PASSWORD } from "~/modules/org/index.server";

const clients = Number(process.argv[2]);
const hrClients = Number(process.argv[3]);
if (!(clients > 0) || !(hrClients >= 0) || hrClients > clients) {
  throw new Error("usage: tsx scripts/bench/load-setup.ts CLIENTS HR_CLIENTS");
}

const db = getDb();
const departments = await db.department.findMany({ select: { id: true }, orderBy: { id: "asc" } });
const hrDepartment = await db.department.findUniqueOrThrow({ where: { code: "HR" } });
const passwordHash = await hashPassword(DEMO_PASSWORD);
const accounts = Array.from({ length: clients }, (_, i) => ({
  email: `load-${String(i + 1).padStart(3, "0")}@bench.test`,
  hr: i < hrClients,
}));
await db.user.createMany({
  data: accounts.map(({ email, hr }, i) => ({
    email,
    name: `Load client ${i + 1}`,
    role: hr ? "HR" : "EMPLOYEE",
    departmentId: hr ? hrDepartment.id : departments[i % departments.length]!.id,
    jobTitle: "Benchmark client",
    passwordHash,
  })),
});
const created = await db.user.findMany({
  where: { email: { in: accounts.map((a) => a.email) } },
  select: { id: true },
});
for (const { id } of created) await syncUserEnrolments(id);
await disconnectDb();
console.log(JSON.stringify({ password: DEMO_PASSWORD, accounts }));
