// npm run create-admin -- --email you@example.com --name "Your Name" [--password ...]
// Without --password a random temporary one is printed; it must be changed at first sign-in.
import "~/subscribers.server";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { disconnectDb, getDb } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { getFixedT } from "~/lib/i18n.server";
import { createDepartment, createUser } from "~/modules/org/index.server";
import { userCreateSchema } from "~/modules/org";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    password: { type: "string" },
    department: { type: "string", default: "Administration" },
  },
});

const temporaryPassword = values.password ?? `Up-${randomBytes(9).toString("base64url")}`;
const db = getDb();
const department =
  (await db.department.findFirst({ where: { parentId: null }, orderBy: { name: "asc" } })) ??
  (await createDepartment(null, { name: values.department!, code: "ADMIN", parentId: null }));

const parsed = userCreateSchema.safeParse({
  name: values.name ?? "",
  email: values.email ?? "",
  role: "ADMIN",
  departmentId: department.id,
  jobTitle: "Administrator",
  hireDate: "",
  preferredLanguage: "",
  managedDepartmentIds: "",
  temporaryPassword,
});
const t = await getFixedT("en");
if (!parsed.success) {
  for (const issue of parsed.error.issues)
    console.error(`${issue.path.join(".")}: ${t(issue.message)}`);
  console.error(
    'usage: npm run create-admin -- --email you@example.com --name "Your Name" [--password ...]',
  );
  process.exit(1);
}
try {
  await createUser(null, parsed.data);
} catch (error) {
  if (!(error instanceof AppError)) throw error;
  const details = Object.entries(error.fieldErrors).map(([field, key]) => `${field}: ${t(key)}`);
  console.error(details.length > 0 ? details.join("\n") : t(error.messageKey));
  process.exit(1);
}
console.log(`Administrator ${parsed.data.email} created.`);
if (!values.password)
  console.log(`Temporary password: ${temporaryPassword}  (change it at first sign-in)`);
await disconnectDb();
