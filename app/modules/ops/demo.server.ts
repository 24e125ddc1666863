import { getDb } from "~/lib/db.server";
import { isRole, type Role } from "~/lib/permissions";
import { seedDemoCourses } from "~/modules/courses/index.server";
import { seedDemoIdeas } from "~/modules/ideas/index.server";
import { ensureBadgeRules, seedDemoIncentives } from "~/modules/incentives/index.server";
import { seedDemoInitiatives } from "~/modules/initiatives/index.server";
import { seedDemoKpis } from "~/modules/kpis/index.server";
import { seedDemoProcesses } from "~/modules/processes/index.server";
import {
  enrolmentStatusWhere,
  seedDemoLearning,
  sendManualReminders,
  sendScheduledReminders,
} from "~/modules/learning/index.server";
import { seedDemoOrganisation } from "~/modules/org/index.server";
import { seedDemoRisks } from "~/modules/risks/index.server";
import { seedWebhooksDemo } from "~/modules/webhooks/index.server";

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
    if (await seedDemoNotifications({ id: hr.id, role: hr.role, name: hr.name })) {
      created.push("notifications");
    }
  }
  if (await seedDemoIdeas()) created.push("ideas");
  if (await seedDemoIncentives()) created.push("incentives");
  if (await seedDemoInitiatives()) created.push("initiatives");
  // The KPIs follow the programme and the training it required, so they come after both.
  if (hr && isRole(hr.role)) {
    if (await seedDemoKpis({ id: hr.id, role: hr.role, scopeDepartmentIds: [] }))
      created.push("KPIs");
    // The programme's process maps link to the demo courses, so they come after them too.
    if (await seedDemoProcesses(hr.id)) created.push("processes");
    const manager = await getDb().user.findUnique({ where: { email: "manager@uptake.test" } });
    const principal = { id: hr.id, role: hr.role, scopeDepartmentIds: [] };
    if (await seedDemoRisks(principal, manager?.id ?? null)) created.push("risks");
  }
  const admin = await getDb().user.findUnique({ where: { email: "admin@uptake.test" } });
  if (await seedWebhooksDemo(admin?.id ?? null)) created.push("webhooks");
  // Badges are awarded on their events once switched on; this switches on any new one.
  await ensureBadgeRules();
  return created;
}

/**
 * The bell and the outbox come alive: the reminder job's notices for the seeded
 * assignments, and one reminder from HR to the demo employee about an overdue course.
 */
async function seedDemoNotifications(hr: { id: string; role: Role; name: string }) {
  const db = getDb();
  if ((await db.notification.count()) > 0) return false;
  await sendScheduledReminders();
  const overdue = await db.enrolment.findFirst({
    where: {
      user: { email: "employee@uptake.test" },
      ...enrolmentStatusWhere("OVERDUE", new Date()),
    },
    select: { id: true },
  });
  if (overdue) {
    await sendManualReminders({ ...hr, scopeDepartmentIds: [] }, [overdue.id]);
  }
  return true;
}
