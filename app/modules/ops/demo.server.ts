import { getDb } from "~/lib/db.server";
import { isRole } from "~/lib/permissions";
import { seedDemoCourses } from "~/modules/courses/demo.server";
import { seedDemoLearning } from "~/modules/learning/demo.server";
import { seedDemoOrganisation } from "~/modules/org/demo.server";

/**
 * The demo company, grown capability by capability: each part seeds itself only when its
 * own tables are empty, so an existing demo database gains new parts on upgrade.
 */
export async function seedDemo(): Promise<string[]> {
  const created: string[] = [];
  if (await seedDemoOrganisation()) created.push("organisation");
  const trainer = await getDb().user.findUnique({ where: { email: "trainer@uptake.test" } });
  if (trainer && isRole(trainer.role)) {
    const principal = { id: trainer.id, role: trainer.role, scopeDepartmentIds: [] };
    if (await seedDemoCourses(principal)) created.push("courses");
  }
  const hr = await getDb().user.findUnique({ where: { email: "hr@uptake.test" } });
  if (hr && isRole(hr.role)) {
    if (await seedDemoLearning({ id: hr.id, role: hr.role, scopeDepartmentIds: [] }))
      created.push("learning");
  }
  return created;
}
