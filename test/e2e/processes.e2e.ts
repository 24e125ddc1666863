import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { newContext, sharedBrowser, signInAs, waitForHydration } from "./browser";
import { freshUser } from "./fixtures";

const browser = sharedBrowser();

// Issue 17: HR maps a process in the browser, sees the flow drawn with its bottleneck, copies
// it to to-be, automates a step and sees the comparison move. Console errors fail the test
// (browser.ts), so the client-only drawing must mount cleanly.
describe("process maps", () => {
  it("HR builds a three-step process with a parallel pair, copies it to to-be and automates a step", async () => {
    const hr = await freshUser({ role: "HR" });
    const initiative = await getDb().initiative.findFirstOrThrow({
      where: { name: "Customer satisfaction programme" },
      select: { id: true },
    });
    const context = await newContext(browser());
    await signInAs(context, hr.email);
    const page = await context.newPage();
    await page.goto(`/initiatives/${initiative.id}/processes`);
    await waitForHydration(page);
    const form = page.getByTestId("new-process-form");
    const name = `Callback ${Date.now()}`;
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Owning department").selectOption({ label: "Call Centre" });
    await form.getByRole("button", { name: "Create process" }).click();
    await page.waitForURL(/\/processes\/[^/]+$/);
    await waitForHydration(page);

    const asIs = page.getByTestId("steps-form-as-is");
    const steps = [
      { name: "Take the request", minutes: "5" },
      { name: "Check the account", minutes: "30", parallel: false },
      { name: "Check the stock", minutes: "10", parallel: true },
    ];
    for (const [index, step] of steps.entries()) {
      await asIs.getByRole("button", { name: "Add step" }).click();
      await asIs.getByLabel(`Step ${index + 1}: Step`, { exact: true }).fill(step.name);
      await asIs.getByLabel(`Step ${index + 1}: Minutes`).fill(step.minutes);
      if (step.parallel) await asIs.getByLabel(`Step ${index + 1}: Parallel with previous`).check();
    }
    await asIs.getByRole("button", { name: /Save As-is steps/ }).click();
    await page.getByText("Steps saved.").waitFor();

    // The drawing mounts in the browser: three nodes, the 30-minute step the bottleneck.
    const flow = page.getByTestId("flow-AS_IS");
    await flow.locator(".react-flow__node").nth(2).waitFor();
    expect(await flow.locator(".react-flow__node").count()).toBe(3);
    // One stage, then a stage of two: an edge from the first step to each of the pair.
    await flow.locator(".react-flow__edge").nth(1).waitFor();
    expect(await flow.locator(".react-flow__edge").count()).toBe(2);
    expect(await flow.locator("[data-bottleneck]").textContent()).toContain("Check the account");
    expect(await asIs.locator("tr[data-bottleneck]").getByTestId("bottleneck-badge").count()).toBe(
      1,
    );
    const critical = page.getByTestId("comparison-criticalPath");
    expect(await critical.textContent()).toContain("35 min");

    await page.getByRole("button", { name: "Copy as-is to to-be" }).click();
    const toBe = page.getByTestId("steps-form-to-be");
    await toBe.getByTestId("step-row-to-be").nth(2).waitFor();
    await toBe.getByLabel("Step 2: Automated").check();
    await toBe.getByLabel("Step 2: Minutes").fill("1");
    await toBe.getByRole("button", { name: /Save To-be steps/ }).click();
    await page.getByTestId("comparison-changes").getByText("1 step automated").waitFor();
    // To-be: 5 + max(1, 10) = 15 min end to end, against 35.
    expect(await critical.textContent()).toMatch(/35 min.*15 min/);
    const toBeFlow = page.getByTestId("flow-TO_BE");
    await toBeFlow.locator(".react-flow__node").nth(2).waitFor();
    expect(await toBeFlow.locator("[data-bottleneck]").textContent()).toContain("Check the stock");

    // Keyboard reorder: move the last to-be step up, then the order posts as shown.
    await toBe.getByRole("button", { name: "Move step 3 up" }).focus();
    await page.keyboard.press("Enter");
    expect(await toBe.getByLabel("Step 2: Step", { exact: true }).inputValue()).toBe(
      "Check the stock",
    );

    // Drag reorder: the first step's handle dropped on the last row moves it to the end, and
    // saving stores the order shown. To-be was: Take the request, Check the stock, Check the account.
    await toBe.getByTestId("drag-handle").first().dragTo(toBe.getByTestId("step-row-to-be").nth(2));
    expect(await toBe.getByLabel("Step 3: Step", { exact: true }).inputValue()).toBe(
      "Take the request",
    );
    expect(await toBe.getByLabel("Step 1: Step", { exact: true }).inputValue()).toBe(
      "Check the stock",
    );
    // "Steps saved." is already on screen from the save above, so it cannot tell this save
    // has landed: wait for the action's answer, then read the stored order.
    await Promise.all([
      page.waitForResponse(
        (response) => response.request().method() === "POST" && response.url().includes(".data"),
      ),
      toBe.getByRole("button", { name: /Save To-be steps/ }).click(),
    ]);
    const process = await getDb().process.findFirstOrThrow({
      where: { name },
      select: { id: true },
    });
    const storedToBeOrder = async () =>
      (
        await getDb().processStep.findMany({
          where: { processId: process.id, version: "TO_BE" },
          orderBy: { position: "asc" },
          select: { name: true },
        })
      ).map((step) => step.name);
    expect(await storedToBeOrder()).toEqual([
      "Check the stock",
      "Check the account",
      "Take the request",
    ]);

    // The SVG download is a drawing of the same steps.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("flow-AS_IS").getByRole("button", { name: "Download SVG" }).click(),
    ]);
    const svg = await (await download.createReadStream()).toArray();
    expect(Buffer.concat(svg).toString()).toContain("Check the account");
    // The PNG download is a real image: the PNG signature and a non-empty width and height.
    const [pngDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("flow-AS_IS").getByRole("button", { name: "Download PNG" }).click(),
    ]);
    expect(pngDownload.suggestedFilename()).toMatch(/\.png$/);
    const png = Buffer.concat(await (await pngDownload.createReadStream()).toArray());
    expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    expect(png.readUInt32BE(16)).toBeGreaterThan(100);
    expect(png.readUInt32BE(20)).toBeGreaterThan(50);
    await context.close();
  });
});
