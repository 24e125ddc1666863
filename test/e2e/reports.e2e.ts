import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { allowFailedLoad, newContext, sharedBrowser, signInAs, waitForHydration } from "./browser";
import { freshUser, signInAsFresh } from "./fixtures";

const browser = sharedBrowser();

describe("tracking and reminders", () => {
  it("HR drills into Call Centre, reminds an overdue person, who sees it under the bell", async () => {
    // Someone in Call Centre whose department's courses were assigned 40 days ago: overdue.
    const person = await freshUser({
      department: "CC",
      enrolledAt: new Date(Date.now() - 40 * 24 * 3600 * 1000),
    });
    const overdue = await getDb().enrolment.findFirstOrThrow({
      where: {
        userId: person.id,
        status: { in: ["NOT_STARTED", "IN_PROGRESS"] },
        dueAt: { lt: new Date() },
      },
      include: { course: true },
      orderBy: { dueAt: "asc" },
    });

    const hr = await newContext(browser());
    const hrUser = await signInAsFresh(hr, { role: "HR" });
    const page = await hr.newPage();
    await page.goto("/reports");
    await waitForHydration(page);
    const departments = page.getByTestId("department-report");
    expect(
      await departments
        .locator('[data-department="Call Centre"] [data-metric="overdue"]')
        .textContent(),
    ).not.toBe("0");
    // Every bar of the department chart carries its department's name.
    const chart = page.getByTestId("chart-departments");
    await chart.locator(".recharts-bar-rectangle").first().waitFor();
    const bars = await chart.locator(".recharts-bar-rectangle").count();
    // The category labels, whichever axis carries them (the value axis has numbers).
    const labels = await chart.locator(".recharts-cartesian-axis-tick").allTextContents();
    const names = labels.filter((label) => label.trim() !== "" && !/^[\d.,\s%]+$/.test(label));
    expect(bars).toBeGreaterThan(3);
    expect(names).toHaveLength(bars);
    await departments.getByRole("link", { name: "Call Centre" }).click();
    await page.waitForURL(/\/reports\/departments\//);
    await page.getByRole("heading", { name: "Call Centre" }).waitFor();
    await waitForHydration(page);

    // Narrow to the overdue person, open their record, send the reminder.
    await page.getByLabel("Person").fill(person.name);
    await page.getByTestId("report-filters").getByLabel("Status").selectOption("OVERDUE");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/status=OVERDUE/);
    const rows = page.getByTestId("enrolment-rows");
    expect(await rows.textContent()).toContain(overdue.course.title);
    await rows.getByRole("link", { name: person.name }).first().click();
    await page.waitForURL(new RegExp(`/reports/people/${person.id}`));
    await waitForHydration(page);
    await page.getByRole("button", { name: "Remind about every overdue course" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toMatch(/reminders? sent/);
    await hr.close();

    // The person sees it: an unread count on the bell and the reminder at the top of the list.
    const learner = await newContext(browser());
    await signInAs(learner, person.email);
    const own = await learner.newPage();
    await own.goto("/");
    const bell = own.getByTestId("notification-bell");
    expect(Number(await bell.getAttribute("data-unread"))).toBeGreaterThan(0);
    await bell.click();
    await own.waitForURL(/\/notifications$/);
    // One notice per overdue course: this course's.
    const first = own
      .getByTestId("notification-list")
      .locator('[data-type="REMINDER"]')
      .filter({ hasText: `Reminder: ${overdue.course.title}` })
      .first();
    expect(await first.textContent()).toContain(`Reminder: ${overdue.course.title}`);
    expect(await first.textContent()).toContain(`${hrUser.name} reminds you`);
    expect(await first.getAttribute("data-read")).toBe("false");

    // Opening it marks it read and leads to the course.
    await waitForHydration(own);
    await first.getByRole("button", { name: "Open" }).click();
    await own.waitForURL(new RegExp(`/learn/${overdue.courseId}`));
    await learner.close();
  });

  it("a manager sees their tree, and gets 403 for a department outside it", async () => {
    const sales = await getDb().department.findUniqueOrThrow({ where: { code: "SALES" } });
    const context = await newContext(browser());
    await signInAsFresh(context, { role: "MANAGER", department: "CS", manages: ["CS"] });
    const page = await context.newPage();
    await page.goto("/reports");
    const names = await page
      .getByTestId("department-report")
      .locator("[data-department]")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-department")));
    expect(names).toEqual(["Customer Service", "Call Centre", "Complaints", "__total"]);
    allowFailedLoad(403, `/reports/departments/${sales.id}`);
    const response = await page.goto(`/reports/departments/${sales.id}`);
    expect(response?.status()).toBe(403);
    // The role allows reports; the department is what is outside (not "your role").
    expect(await page.getByTestId("error-page").textContent()).toContain(
      "outside the departments you manage",
    );
    await context.close();
  });

  it("HR filters the dashboard by a department found by typing, with the keyboard", async () => {
    const callCentre = await getDb().department.findUniqueOrThrow({ where: { code: "CC" } });
    const context = await newContext(browser());
    await signInAsFresh(context, { role: "HR" });
    const page = await context.newPage();
    await page.goto("/reports");
    await waitForHydration(page);
    // No list of every department in the page: the picker asks the server as one types.
    expect(await page.locator('select[name="department"]').count()).toBe(0);
    const picker = page.getByTestId("report-filters").getByRole("textbox", { name: "Department" });
    await picker.focus();
    await picker.pressSequentially("call");
    // The server's matches replace the first list (every department) once the typing pauses.
    const matches = page.getByRole("listbox").getByRole("option");
    await expect.poll(() => matches.allTextContents()).toEqual(["Call Centre"]);
    await picker.press("ArrowDown");
    await picker.press("Enter");
    await expect.poll(() => picker.inputValue()).toBe("Call Centre");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(new RegExp(`department=${callCentre.id}`));
    // The chosen department shows by name on a fresh load, and still submits with the form.
    await page.reload();
    expect(await picker.inputValue()).toBe("Call Centre");
    expect(
      await page.locator('input[type="hidden"][name="department"]').getAttribute("value"),
    ).toBe(callCentre.id);
    await context.close();
  });
});
