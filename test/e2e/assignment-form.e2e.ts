import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { withDescendants } from "~/lib/department-tree";
import { getDb } from "~/lib/db.server";
import { addLesson, publishCourse, createCourse } from "~/modules/courses/index.server";
import { lessonSchema } from "~/modules/courses";
import { ruleMatcher } from "~/modules/learning";
import { courseForm } from "../support/courses";
import { fieldLabel, newContext, sharedBrowser, waitForHydration } from "./browser";
import { freshUser, signInAsFresh, type FreshUserOptions } from "./fixtures";

// Every kind of assignment rule, created through the real form as a person would (the form
// leaves out the fields it hides), then checked in the database: the rule with the chosen
// settings, and an enrolment linked to it for everyone it covers.

const browser = sharedBrowser();
const DAY = 24 * 3600 * 1000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

interface Variant {
  name: string;
  fill: (form: Locator, page: Page) => Promise<void>;
  expected: Record<string, unknown>;
}

let trainer: Promise<{ id: string }> | undefined;

/** A published course nobody has taken yet: every person a rule covers gets enrolled. */
async function freshCourse(title: string) {
  trainer ??= freshUser({ role: "TRAINER" });
  const owner = { id: (await trainer).id, role: "TRAINER" as const, scopeDepartmentIds: [] };
  const course = await createCourse(owner, courseForm(owner.id, { title }));
  await addLesson(owner, course.id, lessonSchema.parse({ title: "One lesson", body: "Text" }));
  await publishCourse(owner, course.id);
  return course;
}

async function department(name: string) {
  return getDb().department.findFirstOrThrow({ where: { name } });
}

/** Everyone the rule covers, and no one else, is enrolled through it. */
async function expectEnrolmentsFor(ruleId: string) {
  const db = getDb();
  const rule = await db.assignmentRule.findUniqueOrThrow({
    where: { id: ruleId },
    include: { people: { select: { userId: true } } },
  });
  const [users, departments, linked] = await Promise.all([
    db.user.findMany({
      select: {
        id: true,
        departmentId: true,
        role: true,
        jobTitle: true,
        hireDate: true,
        createdAt: true,
        active: true,
      },
    }),
    db.department.findMany({ select: { id: true, parentId: true } }),
    db.enrolment.findMany({
      where: { sources: { some: { ruleId } } },
      select: { userId: true },
    }),
  ]);
  const matches = ruleMatcher({ ...rule, userIds: rule.people.map((p) => p.userId) }, departments);
  const covered = new Set(users.filter(matches).map((u) => u.id));
  const enrolled = new Set(linked.map((e) => e.userId));
  expect(covered.size, "the rule covers someone").toBeGreaterThan(0);
  expect([...enrolled].sort()).toEqual([...covered].sort());
}

/** Creates each variant through the form, as a new person of its own, and checks the result. */
async function createEach(as: FreshUserOptions, variants: Variant[]) {
  const context = await newContext(browser());
  const actor = await signInAsFresh(context, as);
  const page = await context.newPage();
  for (const variant of variants) {
    const course = await freshCourse(`Form check: ${variant.name}`);
    await page.goto("/assignments");
    await waitForHydration(page);
    const form = page.getByTestId("rule-form");
    await form.getByLabel(fieldLabel("Course")).selectOption({ label: course.title });
    await variant.fill(form, page);
    const before = await getDb().assignmentRule.count({ where: { createdById: actor.id } });
    await form.getByRole("button", { name: "Assign training" }).click();
    await page.getByRole("status").filter({ hasText: "Assigned:" }).waitFor();
    expect(await page.getByRole("alert").count(), `${variant.name}: no form error`).toBe(0);
    const rules = await getDb().assignmentRule.findMany({
      where: { createdById: actor.id },
      orderBy: { createdAt: "desc" },
    });
    expect(rules.length, `${variant.name}: one new rule`).toBe(before + 1);
    const rule = rules[0]!;
    expect(rule, variant.name).toMatchObject({ courseId: course.id, ...variant.expected });
    await expectEnrolmentsFor(rule.id);
    // The rule's page lists its enrolments to the one who made it.
    await page.goto(`/assignments/${rule.id}`);
    expect(
      await page.getByTestId("rule-enrolments").locator("tbody tr").count(),
      `${variant.name}: listed`,
    ).toBeGreaterThan(0);
  }
  return { context, page, actor };
}

async function pickPeople(form: Locator, page: Page, people: { name: string; email: string }[]) {
  const input = form.getByLabel(fieldLabel("People")).filter({ visible: true });
  for (const person of people) {
    await input.click();
    await input.fill(person.name);
    await page.getByRole("option", { name: `${person.name} (${person.email})` }).click();
  }
  await page.keyboard.press("Escape");
}

describe("the assignment-rule form", () => {
  it("HR creates every kind of rule through the form, and a double click makes one", async () => {
    const db = getDb();
    const customerService = await department("Customer Service");
    const complaints = await department("Complaints");
    const recruiter = await db.user.findFirstOrThrow({
      where: { active: true, jobTitle: { not: "" }, role: "EMPLOYEE" },
      orderBy: { email: "asc" },
    });
    const people = await db.user.findMany({
      where: { active: true, role: "EMPLOYEE" },
      orderBy: { email: "desc" },
      take: 2,
    });
    const fixed = isoDay(new Date(Date.now() + 60 * DAY));
    const hiredAfter = isoDay(new Date(Date.now() - 600 * DAY));
    const variants: Variant[] = [
      {
        name: "department with sub-departments, 7 days",
        fill: async (form) => {
          await form.getByLabel("Assign to").selectOption("DEPARTMENT");
          await form
            .getByLabel(fieldLabel("Department"))
            .selectOption({ label: "Customer Service" });
          await form.getByLabel("Days to complete").fill("7");
        },
        expected: {
          targetType: "DEPARTMENT",
          departmentId: customerService.id,
          includeSubDepartments: true,
          dueMode: "DAYS",
          dueDays: 7,
          dueDate: null,
        },
      },
      {
        name: "department without sub-departments, fixed date",
        fill: async (form) => {
          await form.getByLabel("Assign to").selectOption("DEPARTMENT");
          await form.getByLabel(fieldLabel("Department")).selectOption({ label: "Complaints" });
          await form.getByLabel("Include sub-departments").uncheck();
          await form.getByLabel(fieldLabel("Due")).selectOption("DATE");
          await form.getByLabel("Due date").fill(fixed);
        },
        expected: {
          targetType: "DEPARTMENT",
          departmentId: complaints.id,
          includeSubDepartments: false,
          dueMode: "DATE",
          dueDays: null,
        },
      },
      {
        name: "role, N days",
        fill: async (form) => {
          await form.getByLabel("Assign to").selectOption("ROLE");
          await form.getByLabel(fieldLabel("Role")).selectOption("TRAINER");
          await form.getByLabel("Days to complete").fill("14");
        },
        expected: { targetType: "ROLE", role: "TRAINER", dueDays: 14 },
      },
      {
        name: "job title, fixed date",
        fill: async (form) => {
          await form.getByLabel("Assign to").selectOption("JOB_TITLE");
          await form.getByLabel("Job title").fill(recruiter.jobTitle);
          await form.getByLabel(fieldLabel("Due")).selectOption("DATE");
          await form.getByLabel("Due date").fill(fixed);
        },
        expected: { targetType: "JOB_TITLE", jobTitle: recruiter.jobTitle, dueMode: "DATE" },
      },
      {
        name: "named people, N days",
        fill: async (form, page) => {
          await form.getByLabel("Assign to").selectOption("PEOPLE");
          await pickPeople(form, page, people);
          await form.getByLabel("Days to complete").fill("21");
        },
        expected: { targetType: "PEOPLE", dueDays: 21 },
      },
      {
        name: "all staff, untouched defaults (30 days)",
        fill: async () => {},
        expected: { targetType: "ALL", dueMode: "DAYS", dueDays: 30, recurrenceMonths: null },
      },
      {
        name: "all staff, fixed date, recertified every 12 months",
        fill: async (form) => {
          await form.getByLabel(fieldLabel("Due")).selectOption("DATE");
          await form.getByLabel("Due date").fill(fixed);
          await form.getByLabel("Recertify every (months)").fill("12");
        },
        expected: { targetType: "ALL", dueMode: "DATE", recurrenceMonths: 12 },
      },
      {
        name: "new-hire rule, due 10 days after hiring",
        fill: async (form) => {
          await form.getByLabel(fieldLabel("Due")).selectOption("DATE");
          await form.getByLabel(/^Only people hired after a date/).check();
          await form.getByLabel("Days to complete").fill("10");
          await form.getByLabel(fieldLabel("Hired after")).fill(hiredAfter);
        },
        expected: {
          targetType: "ALL",
          newHiresOnly: true,
          dueDays: 10,
          hiredAfter: new Date(`${hiredAfter}T00:00:00.000Z`),
        },
      },
    ];
    const { context, page, actor } = await createEach({ role: "HR" }, variants);
    const fixedRule = await db.assignmentRule.findFirstOrThrow({
      where: { createdById: actor.id, targetType: "JOB_TITLE" },
    });
    expect(isoDay(fixedRule.dueDate!)).toBe(fixed);

    // A double click on "Assign training": one rule, and no error page.
    await page.goto("/assignments");
    await waitForHydration(page);
    const form = page.getByTestId("rule-form");
    await form.getByLabel("Assign to").selectOption("ROLE");
    await form.getByLabel(fieldLabel("Role")).selectOption("MANAGER");
    const managerRules = { role: "MANAGER" as const, createdById: actor.id };
    const before = await db.assignmentRule.count({ where: managerRules });
    await form.getByRole("button", { name: "Assign training" }).dblclick();
    await page
      .getByRole("status")
      .filter({ hasText: /Assigned:|already created this rule/ })
      .waitFor();
    await expect.poll(() => db.assignmentRule.count({ where: managerRules })).toBe(before + 1);
    await page.waitForTimeout(500);
    expect(await db.assignmentRule.count({ where: managerRules })).toBe(before + 1);
    expect(await page.getByTestId("error-page").count()).toBe(0);
    await context.close();
  });

  it("a manager of Customer Service creates department and people rules within it", async () => {
    const db = getDb();
    const customerService = await department("Customer Service");
    const callCentre = await department("Call Centre");
    const tree = withDescendants(
      await db.department.findMany({ select: { id: true, parentId: true } }),
      [customerService.id],
    );
    const team = await db.user.findMany({
      where: { active: true, role: "EMPLOYEE", departmentId: { in: [...tree] } },
      orderBy: { email: "asc" },
      take: 2,
    });
    const fixed = isoDay(new Date(Date.now() + 45 * DAY));
    const variants: Variant[] = [
      {
        name: "manager: own tree with sub-departments, N days",
        fill: async (form) => {
          await form
            .getByLabel(fieldLabel("Department"))
            .selectOption({ label: "Customer Service" });
          await form.getByLabel("Days to complete").fill("5");
        },
        expected: {
          targetType: "DEPARTMENT",
          departmentId: customerService.id,
          includeSubDepartments: true,
          dueDays: 5,
        },
      },
      {
        name: "manager: one sub-department only, fixed date, recertified",
        fill: async (form) => {
          await form.getByLabel(fieldLabel("Department")).selectOption({ label: "Call Centre" });
          await form.getByLabel("Include sub-departments").uncheck();
          await form.getByLabel(fieldLabel("Due")).selectOption("DATE");
          await form.getByLabel("Due date").fill(fixed);
          await form.getByLabel("Recertify every (months)").fill("24");
        },
        expected: {
          departmentId: callCentre.id,
          includeSubDepartments: false,
          dueMode: "DATE",
          recurrenceMonths: 24,
        },
      },
      {
        name: "manager: named people in the tree, N days",
        fill: async (form, page) => {
          await form.getByLabel("Assign to").selectOption("PEOPLE");
          await pickPeople(form, page, team);
          await form.getByLabel("Days to complete").fill("9");
        },
        expected: { targetType: "PEOPLE", dueDays: 9 },
      },
      {
        name: "manager: new hires in the tree",
        fill: async (form) => {
          await form
            .getByLabel(fieldLabel("Department"))
            .selectOption({ label: "Customer Service" });
          await form.getByLabel(/^Only people hired after a date/).check();
          await form.getByLabel("Days to complete").fill("12");
          await form
            .getByLabel(fieldLabel("Hired after"))
            .fill(isoDay(new Date(Date.now() - 1500 * DAY)));
        },
        expected: { targetType: "DEPARTMENT", newHiresOnly: true, dueDays: 12 },
      },
    ];
    const { context, page, actor } = await createEach(
      { role: "MANAGER", department: "CS", manages: ["CS"] },
      variants,
    );

    // The untouched form needs a department: refused in the browser, the error shown next to
    // the field (never a refusal with nothing highlighted), and nothing created.
    await page.goto("/assignments");
    await waitForHydration(page);
    const before = await db.assignmentRule.count({ where: { createdById: actor.id } });
    const form = page.getByTestId("rule-form");
    await form.getByRole("button", { name: "Assign training" }).click();
    const departmentSelect = form.getByLabel(fieldLabel("Department"));
    await expect.poll(() => departmentSelect.getAttribute("aria-invalid")).toBe("true");
    expect(await form.textContent()).toContain("This field is required.");
    expect(await db.assignmentRule.count({ where: { createdById: actor.id } })).toBe(before);
    await context.close();
  });
});
