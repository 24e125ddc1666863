import { describe, expect, it } from "vitest";
import {
  allowFailedLoad,
  DEMO_PASSWORD,
  fieldLabel,
  newContext,
  sharedBrowser,
  signInWithForm,
  waitForHydration,
} from "./browser";
import { freshUser } from "./fixtures";

const browser = sharedBrowser();

describe("password strength and sessions (decision 012)", () => {
  it("the password page explains a guessable password while typing; the estimator loads only there", async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "script") scripts.push(r.url());
    });
    await signInWithForm(page, (await freshUser()).email);
    await page.waitForURL((url) => url.pathname === "/");
    await page.goto("/settings");
    await waitForHydration(page);
    // Sessions: browser and system, never the raw user-agent string.
    const sessions = (await page.getByTestId("sessions-table").textContent()) ?? "";
    expect(sessions).toMatch(/Chrome on Linux/);
    expect(sessions).not.toContain("Mozilla");
    expect(scripts.some((url) => url.includes("password-strength"))).toBe(false);

    await page.goto("/settings/password");
    await waitForHydration(page);
    const field = page.locator("input[name=newPassword]");
    await field.fill("Password12");
    await expect
      .poll(() => page.getByText("This is one of the most common passwords.").count())
      .toBe(1);
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    expect(scripts.some((url) => url.includes("password-strength"))).toBe(true);
    await field.fill("velvet tundra oboe paprika");
    await expect
      .poll(() => page.getByText("This is one of the most common passwords.").count())
      .toBe(0);

    // The server refuses it too, with the reason next to the field (nothing is changed).
    allowFailedLoad(400, "/settings/password");
    await page.locator("input[name=currentPassword]").fill(DEMO_PASSWORD);
    await field.fill("Uptake2026!");
    await page.locator("input[name=confirmPassword]").fill("Uptake2026!");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect
      .poll(() => page.getByText("Do not use your name, your e-mail address").count())
      .toBe(1);
    expect(new URL(page.url()).pathname).toBe("/settings/password");
    await context.close();
  });

  it("an admin filters the audit log to security events and sees where a sign-in came from", async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    await signInWithForm(page, (await freshUser({ role: "ADMIN" })).email);
    await page.waitForURL((url) => url.pathname === "/");
    await page.goto("/admin/audit");
    await waitForHydration(page);
    await page.getByLabel(fieldLabel("Event")).selectOption("security");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL((url) => url.searchParams.get("event") === "security");
    const table = page.getByTestId("audit-table");
    // The URL can change a moment before the filtered table renders: wait for the rows of
    // data changes to go, then read it.
    await expect.poll(async () => (await table.textContent())?.includes("user.")).toBe(false);
    const text = (await table.textContent()) ?? "";
    expect(text).toContain("Signed in");
    expect(text).toMatch(/From (127\.0\.0\.1|::1) · Chrome on Linux/);
    expect(text).not.toContain("reminder.send");
    await context.close();
  });
});
