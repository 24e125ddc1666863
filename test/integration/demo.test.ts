import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { statementCount } from "~/lib/statement-count.server";
import { seedDemoOrganisation } from "~/modules/org/index.server";
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

describe("demo courses", () => {
  it("adds six published courses fit for the programme and one draft, with versions", async () => {
    const { seedDemo } = await import("~/modules/ops/demo.server");
    const before = statementCount();
    await seedDemo();
    // Every newcomer's first start waits for this. A budget in statements holds on a busy
    // machine where a time limit does not (the per-step seed ran about 11,500; the incentive
    // board's three months of kudos, redemptions and awards add about 1,200; the change
    // programme's ~110 pulse answers, each through submitAnswer with its points and phase
    // stamp as a person's would be, about 2,900; the Call Centre and Complaints finishing the
    // programme's courses, about 40 more completions with their certificates and points,
    // about 540; the KPIs, written in bulk, about 50; webhooks, one read of the subscriptions
    // per transaction raising a webhook event type (kudos, ideas, enrolments…), about 200).
    expect(statementCount() - before).toBeLessThan(10_300);
    const courses = await getDb().course.findMany({
      include: { _count: { select: { lessons: true, questions: true } }, versions: true },
    });
    const published = courses.filter((course) => course.status === "PUBLISHED");
    expect(published).toHaveLength(6);
    expect(courses.filter((course) => course.status === "DRAFT")).toHaveLength(1);
    for (const course of published) {
      expect(course._count.lessons, course.title).toBeGreaterThanOrEqual(3);
      expect(course._count.lessons, course.title).toBeLessThanOrEqual(6);
      expect(course._count.questions, course.title).toBeGreaterThanOrEqual(8);
      expect(course.drawCount).toBeLessThanOrEqual(course._count.questions);
    }
    expect(new Set(published.map((course) => course.category))).toEqual(
      new Set(["PROCESS", "TECHNOLOGY", "COMPLIANCE", "SOFT_SKILLS"]),
    );
    const complaints = published.find((course) => course.title.startsWith("Complaint handling"));
    expect(complaints?.latestVersion).toBe(2);
    expect(await seedDemo()).toEqual([]);
    // The budget above guards the speed; the clock only catches a hang, even on a busy machine.
  }, 60_000);
});

describe("demo learning", () => {
  it("assigns the demo courses with completions, work in progress, overdue staff and an expired certificate", async () => {
    const { seedDemo } = await import("~/modules/ops/demo.server");
    await seedDemo();
    const db = getDb();
    expect(await db.assignmentRule.count()).toBeGreaterThanOrEqual(5);
    const now = new Date();
    expect(await db.enrolment.count({ where: { status: "COMPLETED" } })).toBeGreaterThan(5);
    expect(await db.quizAttempt.count({ where: { passed: true } })).toBeGreaterThan(5);
    expect(await db.enrolment.count({ where: { status: "IN_PROGRESS" } })).toBeGreaterThan(3);
    expect(
      await db.enrolment.count({ where: { openKey: { not: null }, dueAt: { lt: now } } }),
    ).toBeGreaterThan(3);
    const expired = await db.certificate.findFirst({ where: { expiresAt: { lt: now } } });
    expect(expired).not.toBeNull();
    const renewal = await db.enrolment.findFirst({
      where: { userId: expired!.userId, previousEnrolmentId: { not: null } },
    });
    expect(renewal?.status).toBe("NOT_STARTED");
    const employee = await db.user.findUniqueOrThrow({ where: { email: "employee@uptake.test" } });
    expect(
      await db.enrolment.count({ where: { userId: employee.id, openKey: { not: null } } }),
    ).toBeGreaterThanOrEqual(3);
  });
});

describe("demo tracking and ideas", () => {
  it("fills the bell, the outbox and the ideas board", async () => {
    const { seedDemo } = await import("~/modules/ops/demo.server");
    await seedDemo();
    const db = getDb();
    const employee = await db.user.findUniqueOrThrow({ where: { email: "employee@uptake.test" } });
    expect(await db.notification.count({ where: { userId: employee.id } })).toBeGreaterThan(0);
    expect(await db.outboxEmail.count()).toBeGreaterThan(0);
    expect(await db.progressTotal.count()).toBeGreaterThan(0);

    const ideas = await db.idea.findMany({
      include: { _count: { select: { votes: true, comments: true } } },
    });
    expect(ideas.length).toBeGreaterThanOrEqual(25);
    expect(new Set(ideas.map((i) => i.status))).toEqual(
      new Set(["SUBMITTED", "UNDER_REVIEW", "ACCEPTED", "IMPLEMENTED", "DECLINED", "DUPLICATE"]),
    );
    expect(ideas.filter((i) => i.anonymous)).toHaveLength(2);
    const merged = ideas.filter((i) => i.status === "DUPLICATE");
    expect(merged).toHaveLength(1);
    expect(merged[0]!.mergedIntoId).not.toBeNull();
    expect(ideas.reduce((sum, i) => sum + i._count.votes, 0)).toBeGreaterThan(100);
    expect(ideas.filter((i) => i._count.comments > 0).length).toBeGreaterThanOrEqual(5);
    for (const idea of ideas) {
      expect(idea.voteCount).toBe(idea._count.votes);
      expect(idea.departmentId, idea.title).not.toBeNull();
    }
    const themes = ["response", "complaint", "CRM"];
    for (const theme of themes) {
      expect(
        ideas.some((i) => `${i.title} ${i.problem}`.toLowerCase().includes(theme.toLowerCase())),
      ).toBe(true);
    }
  });
});

describe("demo story", () => {
  it("reads as a lived-in company: most finish on time, some late, some overdue; every demo account has something to see", async () => {
    const { seedDemo } = await import("~/modules/ops/demo.server");
    const { getDashboard } = await import("~/modules/reports/index.server");
    const { reportFiltersSchema } = await import("~/modules/reports/schemas");
    const { unreadCount } = await import("~/modules/notifications/notifications.server");
    await seedDemo();
    const db = getDb();
    const hr = await db.user.findUniqueOrThrow({ where: { email: "hr@uptake.test" } });
    const dashboard = await getDashboard(
      { id: hr.id, role: "HR", scopeDepartmentIds: [] },
      reportFiltersSchema.parse({}),
    );
    const cs = dashboard.departments.find((d) => d.name === "Customer Service")!;
    expect(cs.metrics.onTimePct).toBeGreaterThan(50);
    // No department with completions reads 0 % on time; the company has late ones and overdue.
    for (const row of dashboard.departments.filter((d) => d.metrics.completed > 0))
      expect(row.metrics.onTimePct, row.name).toBeGreaterThan(0);
    expect(dashboard.total.onTimePct).toBeGreaterThan(50);
    expect(dashboard.total.onTimePct).toBeLessThan(100);
    expect(dashboard.total.overdue).toBeGreaterThan(3);

    for (const email of ["employee@uptake.test", "hr@uptake.test"]) {
      const user = await db.user.findUniqueOrThrow({ where: { email } });
      const certificates = await db.certificate.findMany({
        where: { userId: user.id },
        include: { enrolment: { include: { attempts: true } } },
      });
      expect(certificates.length, email).toBeGreaterThan(0);
      // Earned through the player: a submitted, passed attempt behind the certificate.
      expect(
        certificates[0]!.enrolment.attempts.some((a) => a.passed),
        email,
      ).toBe(true);
    }
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@uptake.test" } });
    expect(await unreadCount(admin.id)).toBeGreaterThan(0);
  });
});

describe("demo incentive board", () => {
  it("has three months of points, kudos in both languages, 8 rewards, redemptions in every state and badges", async () => {
    const { seedDemo } = await import("~/modules/ops/demo.server");
    await seedDemo();
    const db = getDb();
    expect(await db.reward.count()).toBe(8);
    const statuses = await db.redemption.groupBy({ by: ["status"], _count: { _all: true } });
    expect(statuses.map((row) => row.status).sort()).toEqual([
      "CANCELLED",
      "FULFILLED",
      "PENDING",
      "REJECTED",
    ]);
    const kudos = await db.kudos.findMany({ select: { message: true, createdAt: true } });
    expect(kudos.length).toBeGreaterThan(20);
    expect(kudos.some((k) => /[\u4e00-\u9fff]/.test(k.message))).toBe(true);
    expect(kudos.some((k) => /^[\x20-\x7e]+$/.test(k.message))).toBe(true);
    const days = (date: Date) => (Date.now() - date.getTime()) / 86_400_000;
    expect(Math.max(...kudos.map((k) => days(k.createdAt)))).toBeGreaterThan(80);
    const employee = await db.user.findUniqueOrThrow({ where: { email: "employee@uptake.test" } });
    expect(await db.kudos.count({ where: { toId: employee.id } })).toBeGreaterThan(0);
    expect(await db.pointsEntry.count({ where: { userId: employee.id } })).toBeGreaterThan(3);
    expect(await db.badgeAward.count()).toBeGreaterThan(0);
    const sources = await db.pointsEntry.groupBy({ by: ["sourceType"], _count: { _all: true } });
    expect(sources.map((row) => row.sourceType)).toEqual(
      expect.arrayContaining([
        "COURSE_COMPLETED",
        "IDEA_SUBMITTED",
        "KUDOS",
        "REDEMPTION",
        "ADJUSTMENT",
      ]),
    );
  });
});

describe("demo change programme", () => {
  it("has the customer-satisfaction initiative four months in, two closed pulses and one open, with different barriers that improve", async () => {
    const { seedDemo } = await import("~/modules/ops/demo.server");
    await seedDemo();
    const db = getDb();
    const { readinessReport, homeInitiativesFor } =
      await import("~/modules/initiatives/index.server");
    const initiative = await db.initiative.findFirstOrThrow({
      include: { phases: { orderBy: { position: "asc" } }, courses: true },
    });
    expect(initiative.status).toBe("ACTIVE");
    const monthsIn = (Date.now() - initiative.startDate.getTime()) / (30.4 * 86_400_000);
    expect(monthsIn).toBeGreaterThan(3.8);
    expect(monthsIn).toBeLessThan(4.2);
    expect(initiative.phases).toHaveLength(3);
    expect(initiative.courses.length).toBe(3);
    // Its required courses went out through the learning module's rules.
    expect(await db.initiativeCourseRule.count()).toBeGreaterThanOrEqual(3 * 4);
    const pulses = await db.pulse.findMany({ orderBy: { opensOn: "asc" } });
    expect(pulses.map((p) => p.status)).toEqual(["CLOSED", "CLOSED", "OPEN"]);

    const hrUser = await db.user.findUniqueOrThrow({ where: { email: "hr@uptake.test" } });
    const hr = { id: hrUser.id, role: "HR" as const, scopeDepartmentIds: [] };
    const first = await readinessReport(hr, initiative.id, { pulseId: pulses[0]!.id });
    const second = await readinessReport(hr, initiative.id, { pulseId: pulses[1]!.id });
    const shown = first.rows.filter((row) => row.cells);
    // Several departments above the floor, with barriers of their own.
    expect(shown.length).toBeGreaterThanOrEqual(3);
    const barriers = new Set(shown.map((row) => row.cells!.barrier));
    expect(barriers.size).toBeGreaterThanOrEqual(3);
    // Readiness rises between the two closed pulses, company-wide.
    expect(second.company!.cells!.readiness).toBeGreaterThan(first.company!.cells!.readiness);

    // The demo employee is asked the open pulse on Home and has not answered it yet.
    const employee = await db.user.findUniqueOrThrow({ where: { email: "employee@uptake.test" } });
    const home = await homeInitiativesFor({ id: employee.id, departmentId: employee.departmentId });
    expect(JSON.stringify(home)).toContain(pulses[2]!.id);
  });
});

describe("demo KPIs", () => {
  it("gives every customer-facing department twelve months of actuals, and the effect table shows the trained departments improving more", async () => {
    const { seedDemo } = await import("~/modules/ops/demo.server");
    const { initiativeEffect } = await import("~/modules/kpis/index.server");
    await seedDemo();
    const db = getDb();
    const hrUser = await db.user.findUniqueOrThrow({ where: { email: "hr@uptake.test" } });
    const hr = { id: hrUser.id, role: "HR" as const, scopeDepartmentIds: [] };
    const initiative = await db.initiative.findFirstOrThrow();
    const effect = await initiativeEffect(hr, initiative.id);

    // Both groups are there: the Call Centre finished its training, Sales did not.
    const groupOf = new Map(effect.rows.map((row) => [row.name, row.group]));
    expect(groupOf.get("Call Centre")).toBe("finished");
    expect(groupOf.get("Sales")).toBe("others");

    const satisfaction = effect.summaries.find(
      (summary) => summary.kpi.name === "kpis.templates.csat5.name",
    )!;
    const { finished, others } = satisfaction.groups;
    expect(finished.departments).toBeGreaterThanOrEqual(1);
    expect(others.departments).toBeGreaterThanOrEqual(1);
    expect(satisfaction.kpi.direction).toBe("HIGHER_IS_BETTER");
    expect(finished.meanChange!).toBeGreaterThan(others.meanChange! + 0.1);
    // Every KPI tells the same story (direction-aware).
    for (const summary of effect.summaries)
      expect(summary.groups.finished.meanGain!, summary.kpi.name).toBeGreaterThan(
        summary.groups.others.meanGain!,
      );

    // Twelve months (52 weeks for the weekly KPI) for every customer-facing department.
    const customerFacing = await db.department.findMany({
      where: { code: { in: ["CS", "CC", "CMP", "SALES"] } },
    });
    const monthly = await db.kpiDefinition.findFirstOrThrow({ where: { template: "csat5" } });
    const weekly = await db.kpiDefinition.findFirstOrThrow({
      where: { template: "firstResponseTime" },
    });
    for (const department of customerFacing) {
      const count = (kpiId: string) =>
        db.kpiActual.count({ where: { kpiId, departmentId: department.id } });
      expect(await count(monthly.id), department.name).toBe(12);
      expect(await count(weekly.id), department.name).toBe(52);
    }
    // The series starts before the programme, so the baseline is visible on the chart.
    const first = await db.kpiActual.findFirstOrThrow({ orderBy: { periodStart: "asc" } });
    expect(first.periodStart.getTime()).toBeLessThan(initiative.startDate.getTime());
    // Standings are kept: no pair is left without data, and the board has both outcomes.
    const statuses = new Set(
      (await db.kpiDepartment.findMany({ select: { status: true } })).map((p) => p.status),
    );
    expect(statuses.has("NO_DATA")).toBe(false);
    expect(statuses.has("ON_TRACK")).toBe(true);
    expect(statuses.has("OFF_TRACK")).toBe(true);
    expect(await db.customerFeedback.count()).toBeGreaterThanOrEqual(7);
  });
});

describe("demo process maps", () => {
  it("maps three of the programme's processes, each to-be shorter, with steps automated and run in parallel, linked to courses", async () => {
    const { processDetail } = await import("~/modules/processes/index.server");
    const db = getDb();
    const hr = await db.user.findUniqueOrThrow({ where: { email: "hr@uptake.test" } });
    const initiative = await db.initiative.findFirstOrThrow({
      where: { name: "Customer satisfaction programme" },
    });
    const processes = await db.process.findMany({
      where: { initiativeId: initiative.id },
      orderBy: { name: "asc" },
    });
    expect(processes.map((p) => p.name)).toEqual([
      "Complaint handling",
      "Order enquiry",
      "Returns",
    ]);
    for (const process of processes) {
      const detail = await processDetail(
        { id: hr.id, role: "HR", scopeDepartmentIds: [] },
        process.id,
      );
      expect(detail.asIs.length, process.name).toBeGreaterThanOrEqual(7);
      expect(detail.asIs.length, process.name).toBeLessThanOrEqual(10);
      const { comparison } = detail;
      expect(comparison.stepsRemoved, process.name).toBeGreaterThan(0);
      expect(comparison.stepsAutomated, process.name).toBeGreaterThan(0);
      expect(comparison.stepsParallelised + comparison.toBe.parallel, process.name).toBeGreaterThan(
        0,
      );
      expect(comparison.toBe.criticalPathMinutes).toBeLessThan(comparison.asIs.criticalPathMinutes);
      expect(
        detail.toBe.some((step) => step.courseTitle !== null),
        process.name,
      ).toBe(true);
    }
  });
});
