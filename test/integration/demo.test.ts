import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { seedDemoOrganisation } from "~/modules/org/demo.server";
import { verifyPassword } from "~/lib/password.server";

describe("demo organisation", () => {
  it("creates the department tree, one account per role and about 60 staff", async () => {
    expect(await seedDemoOrganisation()).toBe(true);
    const db = getDb();
    const accounts = await db.user.findMany({
      where: {
        email: {
          in: [
            "admin@uptake.test",
            "hr@uptake.test",
            "trainer@uptake.test",
            "manager@uptake.test",
            "employee@uptake.test",
          ],
        },
      },
      include: { department: true, managedDepartments: { include: { department: true } } },
      orderBy: { email: "asc" },
    });
    expect(accounts.map((a) => [a.email, a.role])).toEqual([
      ["admin@uptake.test", "ADMIN"],
      ["employee@uptake.test", "EMPLOYEE"],
      ["hr@uptake.test", "HR"],
      ["manager@uptake.test", "MANAGER"],
      ["trainer@uptake.test", "TRAINER"],
    ]);
    for (const account of accounts)
      expect(await verifyPassword(account.passwordHash!, "uptake-demo")).toBe(true);
    expect(accounts.find((a) => a.role === "EMPLOYEE")?.department?.name).toBe("Call Centre");
    expect(
      accounts.find((a) => a.role === "MANAGER")?.managedDepartments.map((m) => m.department.name),
    ).toEqual(["Customer Service"]);
    const cs = await db.department.findUniqueOrThrow({
      where: { code: "CS" },
      include: { children: true },
    });
    expect(cs.children.map((c) => c.name).sort()).toEqual(["Call Centre", "Complaints"]);
    const staff = await db.user.count();
    expect(staff).toBeGreaterThanOrEqual(55);
    expect(staff).toBeLessThanOrEqual(70);
    expect(await seedDemoOrganisation()).toBe(false);
  });
});
