import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { newContext, sharedBrowser, signInAs, waitForHydration } from "./browser";
import { freshUser } from "./fixtures";

const browser = sharedBrowser();

// Issue 17's risk form in the browser (its fields are plain markup since issue 13): the
// schema's error shows next to the field and nothing is written, then a risk is added,
// lands on its page, and a new impact rescores it with a history row.
describe("the risk register's form", () => {
  it("HR is told the title is missing, adds the risk, then rescores it", async () => {
    const hr = await freshUser({ role: "HR" });
    const db = getDb();
    const initiative = await db.initiative.findFirstOrThrow({
      where: { name: "Customer satisfaction programme" },
      select: { id: true },
    });
    const context = await newContext(browser());
    await signInAs(context, hr.email);
    const page = await context.newPage();
    await page.goto(`/initiatives/${initiative.id}/risks`);
    await waitForHydration(page);
    const form = page.getByTestId("risk-form");
    const before = await db.risk.count({ where: { initiativeId: initiative.id } });

    await form.getByLabel("Likelihood").selectOption("4");
    await form.getByRole("button", { name: "Add risk" }).click();
    const title = form.getByLabel("Title");
    await expect.poll(() => title.getAttribute("aria-invalid")).toBe("true");
    const describedBy = await title.getAttribute("aria-describedby");
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe(
      "This field is required.",
    );
    expect(await db.risk.count({ where: { initiativeId: initiative.id } })).toBe(before);

    const name = `Agents skip the new script ${Date.now()}`;
    await title.fill(name);
    await form.getByLabel("Category").selectOption({ label: "Staff resistance" });
    await form.getByLabel("Impact").selectOption("5");
    await form.getByLabel("Mitigation").fill("Coach the team leads first");
    await form.getByRole("button", { name: "Add risk" }).click();
    await page.waitForURL(/\/risks\/[^/]+$/);
    await waitForHydration(page);
    const risk = await db.risk.findFirstOrThrow({ where: { title: name } });
    expect(risk).toMatchObject({
      category: "STAFF_RESISTANCE",
      likelihood: 4,
      impact: 5,
      score: 20,
      mitigation: "Coach the team leads first",
    });

    const edit = page.getByTestId("risk-form");
    expect(await edit.getByLabel("Title").inputValue()).toBe(name);
    expect(await edit.getByLabel("Mitigation").inputValue()).toBe("Coach the team leads first");
    await edit.getByLabel("Impact").selectOption("2");
    await edit.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(async () => (await db.risk.findUniqueOrThrow({ where: { id: risk.id } })).score)
      .toBe(8);
    await page.getByTestId("risk-history-row").nth(1).waitFor();
    expect(await page.getByTestId("risk-history-row").count()).toBe(2);
    await context.close();
  });
});
