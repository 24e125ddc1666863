import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import {
  allowFailedLoad,
  fieldLabel,
  newContext,
  sharedBrowser,
  signInAs,
  waitForHydration,
} from "./browser";
import { freshDepartment, freshUser } from "./fixtures";

const browser = sharedBrowser();

const STATEMENTS = [
  "I understand why our customer-facing processes are changing.",
  "I want to take part in the change.",
  "I know how to work in the new way.",
  "I can do my work the new way, day to day.",
  "The new way is recognised and will last.",
];
const isoDay = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** An employee answers the open pulse from the link on Home: 4, 2, 4, 4, 4 (barrier desire). */
async function answerFromHome(page: Page, pulseId: string) {
  await page.goto("/");
  await page.getByTestId("home-initiatives").locator(`a[href="/surveys/${pulseId}"]`).click();
  await page.waitForURL(/\/surveys\//);
  await waitForHydration(page);
  for (const [index, statement] of STATEMENTS.entries()) {
    const choice = index === 1 ? "2 — disagree" : "4 — agree";
    await page.getByRole("group", { name: statement }).getByLabel(choice).check();
  }
  await page.getByRole("button", { name: "Send my answer" }).click();
  await page.getByText(/Thank you, your answer is saved/).waitFor();
}

/** The heat map row of one department, as text. */
const heatRow = (page: Page, name: string) =>
  page.getByTestId("readiness-row").filter({ hasText: name }).first().textContent();

describe("change initiatives", () => {
  it("HR creates an initiative from the template and opens a pulse; employees answer; the heat map shows the department once five have; a manager sees only their tree", async () => {
    const team = await freshDepartment({ name: `Service desk ${Date.now()}` });
    const staff = [];
    for (let i = 0; i < 5; i++) staff.push(await freshUser({ department: team.code! }));

    // 1. HR creates the initiative: the template gives it three phases.
    const hrContext = await newContext(browser());
    await signInAs(hrContext, "hr@uptake.test");
    const hr = await hrContext.newPage();
    await hr.goto("/initiatives/new");
    await waitForHydration(hr);
    const name = `Faster callbacks ${Date.now()}`;
    await hr.getByLabel(fieldLabel("Name")).fill(name);
    await hr.getByLabel("Status").selectOption("ACTIVE");
    await hr.getByLabel("Start date").fill(isoDay(-10));
    await hr.getByRole("button", { name: "Create initiative" }).click();
    await hr.waitForURL(/\/initiatives\/(?!new$)[^/]+$/);
    const initiativeId = hr.url().split("/").at(-1)!;
    const timeline = (await hr.getByTestId("timeline-list").textContent()) ?? "";
    for (const phase of [
      "Analysis and design",
      "Rollout and training",
      "Monitoring and adjustment",
    ])
      expect(timeline).toContain(phase);

    // 2. It targets the new team.
    await hr.goto(`/initiatives/${initiativeId}/edit`);
    await waitForHydration(hr);
    await hr.getByTestId("targets-picker").getByLabel(team.name, { exact: true }).check();
    await hr.getByRole("button", { name: "Save departments" }).click();
    await expect
      .poll(
        async () =>
          (await getDb().initiativeDepartment.findMany({ where: { initiativeId } })).length,
      )
      .toBe(1);

    // 3. A pulse survey, opened at once.
    await hr.goto(`/initiatives/${initiativeId}/pulses`);
    await waitForHydration(hr);
    const create = hr.getByTestId("pulse-create");
    await create.getByLabel("Title").fill("First pulse");
    await create.getByLabel("Opens on").fill(isoDay(0));
    await create.getByLabel(/^Closes on/).fill(isoDay(7));
    await create.getByRole("button", { name: "New pulse survey" }).click();
    await hr.getByTestId("pulses-table").getByText("First pulse").waitFor();
    await waitForHydration(hr);
    await hr.getByRole("button", { name: "Open now" }).click();
    const pulseStatus = async () =>
      (await getDb().pulse.findFirstOrThrow({ where: { initiativeId } })).status;
    await expect.poll(pulseStatus).toBe("OPEN");
    await hr.getByRole("button", { name: "Close now" }).waitFor();
    const pulse = await getDb().pulse.findFirstOrThrow({ where: { initiativeId } });

    // 4. The first employee answers from Home; with one answer the department stays hidden.
    const firstContext = await newContext(browser());
    await signInAs(firstContext, staff[0]!.email);
    const first = await firstContext.newPage();
    await answerFromHome(first, pulse.id);
    await firstContext.close();
    await hr.goto(`/initiatives/${initiativeId}/readiness`);
    expect(await heatRow(hr, team.name)).toContain("Fewer than 5 answered");

    // 5. Four more answer in their browsers; at five the row shows its means and barrier.
    for (const person of staff.slice(1)) {
      const context = await newContext(browser());
      await signInAs(context, person.email);
      await answerFromHome(await context.newPage(), pulse.id);
      await context.close();
    }
    expect(await getDb().pulseResponse.count({ where: { pulseId: pulse.id } })).toBe(5);
    await hr.goto(`/initiatives/${initiativeId}/readiness`);
    const row = (await heatRow(hr, team.name)) ?? "";
    expect(row).not.toContain("Fewer than");
    expect(row).toContain("4.0");
    expect(row).toContain("2.0");
    expect(row).toContain("Desire");
    await hrContext.close();

    // 6. The demo manager (Customer Service) sees the demo programme's readiness for their
    // tree only, and not this initiative at all.
    const managerContext = await newContext(browser());
    await signInAs(managerContext, "manager@uptake.test");
    const manager = await managerContext.newPage();
    const demo = await getDb().initiative.findFirstOrThrow({
      where: { name: "Customer satisfaction programme" },
    });
    await manager.goto(`/initiatives/${demo.id}/readiness`);
    const names = await manager.getByTestId("readiness-row").locator("th").allTextContents();
    expect(names.join("|")).toContain("Call Centre");
    expect(names.join("|")).not.toContain("Sales");
    expect(names.join("|")).not.toContain("Operations");
    allowFailedLoad(404, `/initiatives/${initiativeId}`);
    const response = await manager.goto(`/initiatives/${initiativeId}`);
    expect(response?.status()).toBe(404);
    await managerContext.close();
  });
});
