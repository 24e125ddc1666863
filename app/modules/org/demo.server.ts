import { getDb } from "~/lib/db.server";
import { hashPassword } from "~/lib/password.server";
import type { Role } from "~/lib/permissions";
import { DAY_MS } from "~/lib/dates";

export const DEMO_PASSWORD = "uptake-demo";

const DEPARTMENTS = [
  { code: "CS", name: "Customer Service", parent: null },
  { code: "CC", name: "Call Centre", parent: "CS" },
  { code: "CMP", name: "Complaints", parent: "CS" },
  { code: "SALES", name: "Sales", parent: null },
  { code: "OPS", name: "Operations", parent: null },
  { code: "IT", name: "IT", parent: null },
  { code: "HR", name: "HR", parent: null },
  { code: "FIN", name: "Finance", parent: null },
] as const;

type Code = (typeof DEPARTMENTS)[number]["code"];

const ACCOUNTS: {
  email: string;
  name: string;
  role: Role;
  dept: Code;
  jobTitle: string;
  manages?: Code[];
}[] = [
  {
    email: "admin@uptake.test",
    name: "Alex Admin",
    role: "ADMIN",
    dept: "IT",
    jobTitle: "Systems Administrator",
  },
  {
    email: "hr@uptake.test",
    name: "Hannah Reyes",
    role: "HR",
    dept: "HR",
    jobTitle: "HR Business Partner",
  },
  {
    email: "trainer@uptake.test",
    name: "Tomás Ortega",
    role: "TRAINER",
    dept: "HR",
    jobTitle: "Learning Designer",
  },
  {
    email: "manager@uptake.test",
    name: "Mei Lin",
    role: "MANAGER",
    dept: "CS",
    jobTitle: "Head of Customer Service",
    manages: ["CS"],
  },
  {
    email: "employee@uptake.test",
    name: "Evan Park",
    role: "EMPLOYEE",
    dept: "CC",
    jobTitle: "Customer Service Agent",
  },
];

// Head count and job titles per department for the generated staff (≈ 60 people in all).
const STAFF: Record<Code, { count: number; titles: string[] }> = {
  CS: { count: 3, titles: ["Service Quality Lead", "Customer Experience Analyst"] },
  CC: { count: 14, titles: ["Customer Service Agent", "Senior Agent", "Team Leader"] },
  CMP: { count: 7, titles: ["Complaints Handler", "Complaints Team Leader"] },
  SALES: { count: 9, titles: ["Account Executive", "Sales Manager", "Sales Coordinator"] },
  OPS: { count: 8, titles: ["Operations Analyst", "Process Owner", "Logistics Coordinator"] },
  IT: { count: 6, titles: ["CRM Administrator", "Support Engineer", "Data Engineer"] },
  HR: { count: 3, titles: ["HR Coordinator", "Recruiter"] },
  FIN: { count: 5, titles: ["Accountant", "Financial Analyst"] },
};

const FIRST = [
  "Ava",
  "Ben",
  "Chen",
  "Diana",
  "Eli",
  "Fatima",
  "George",
  "Hui",
  "Isla",
  "Jamal",
  "Kai",
  "Lena",
  "Marco",
  "Nadia",
  "Oscar",
  "Priya",
  "Quinn",
  "Rosa",
  "Sam",
  "Tara",
  "Umar",
  "Vera",
  "Wei",
  "Xin",
  "Yara",
  "Zoe",
];
const LAST = [
  "Nguyen",
  "Smith",
  "Wang",
  "Garcia",
  "Okafor",
  "Müller",
  "Kim",
  "Patel",
  "Rossi",
  "Zhang",
  "Dubois",
  "Silva",
  "Cohen",
  "Li",
  "Novak",
];

/** Creates the demo company when the database has no users. Returns false if it already had some. */
export async function seedDemoOrganisation(now = new Date()): Promise<boolean> {
  const db = getDb();
  if ((await db.user.count()) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.$transaction(async (tx) => {
    const ids = new Map<Code, string>();
    for (const dept of DEPARTMENTS) {
      const created = await tx.department.create({
        data: {
          code: dept.code,
          name: dept.name,
          parentId: dept.parent ? ids.get(dept.parent)! : null,
        },
      });
      ids.set(dept.code, created.id);
    }
    for (const [index, account] of ACCOUNTS.entries()) {
      await tx.user.create({
        data: {
          email: account.email,
          name: account.name,
          role: account.role,
          departmentId: ids.get(account.dept)!,
          jobTitle: account.jobTitle,
          hireDate: new Date(now.getTime() - (900 + index * 37) * DAY_MS),
          passwordHash,
          managedDepartments: {
            create: (account.manages ?? []).map((code) => ({ departmentId: ids.get(code)! })),
          },
        },
      });
    }
    let n = 0;
    const staff = [];
    for (const [code, { count, titles }] of Object.entries(STAFF) as [
      Code,
      (typeof STAFF)[Code],
    ][]) {
      for (let i = 0; i < count; i++, n++) {
        const first = FIRST[n % FIRST.length]!;
        const last = LAST[(n * 7) % LAST.length]!;
        staff.push({
          email: `${first}.${last}.${n}`.toLowerCase().replace(/[^a-z0-9.]/g, "") + "@uptake.test",
          name: `${first} ${last}`,
          role: "EMPLOYEE" as const,
          departmentId: ids.get(code)!,
          jobTitle: titles[i % titles.length]!,
          // Spread over five years; a few joined in the last month (new hires).
          hireDate: new Date(now.getTime() - (((n * 97) % 1800) + 5) * DAY_MS),
          passwordHash,
        });
      }
    }
    // One insert for the generated staff (they have no relations of their own).
    await tx.user.createMany({ data: staff });
  });
  return true;
}
