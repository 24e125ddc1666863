import { describe, expect, it } from "vitest";
import { BASE_URL, newContext, sharedBrowser, signInAs, waitForHydration } from "./browser";
import { freshUser } from "./fixtures";

const browser = sharedBrowser();

// Issue 18 item 1 in the browser: an admin creates a token, sees its secret once, the
// secret works against the API, and revoking it on the page stops it.
describe("integrations", () => {
  it("an admin creates a token, uses it, and revokes it", async () => {
    const admin = await freshUser({ role: "ADMIN" });
    const context = await newContext(browser());
    await signInAs(context, admin.email);
    const page = await context.newPage();
    await page.goto("/admin/integrations");
    await waitForHydration(page);
    const form = page.getByTestId("new-token-form");
    // Other browser tests make tokens in the same database: this one has a name of its own.
    const name = `Power BI refresh ${Date.now()}`;
    // No scope chosen: the error stands next to the field and nothing is made.
    await form.getByLabel("Name").fill(name);
    await form.getByRole("button", { name: "Create token" }).click();
    await form.getByText("Choose read or write for at least one area.").waitFor();
    expect(await page.getByTestId("token-row").filter({ hasText: name }).count()).toBe(0);

    await form.getByLabel("Reports (BI feeds)").selectOption("read");
    await form.getByLabel("People and departments").selectOption("write");
    await form.getByRole("button", { name: "Create token" }).click();
    const secret = (await page.getByTestId("new-token-secret").textContent())?.trim() ?? "";
    expect(secret).toMatch(/^upt_/);
    const row = page.getByTestId("token-row").filter({ hasText: name });
    await row.waitFor();
    expect(await row.textContent()).toContain("reports:read");
    expect(await row.textContent()).not.toContain(secret);

    const feed = await fetch(`${BASE_URL}/api/v1/feeds/completion`, {
      headers: { Authorization: `Bearer ${secret}` },
    });
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toContain("text/csv");
    const refused = await fetch(`${BASE_URL}/api/v1/ideas`, {
      headers: { Authorization: `Bearer ${secret}` },
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");

    // Shown once: after a reload the secret is gone from the page.
    await page.reload();
    await waitForHydration(page);
    expect(await page.getByTestId("new-token-secret").count()).toBe(0);
    await page.getByRole("button", { name: `Revoke ${name}` }).click();
    await row.getByText("Revoked").waitFor();
    const after = await fetch(`${BASE_URL}/api/v1/feeds/completion`, {
      headers: { Authorization: `Bearer ${secret}` },
    });
    expect(after.status).toBe(401);

    // The reference page lists the endpoints from the OpenAPI document.
    await page.goto("/admin/integrations/reference");
    expect(await page.getByTestId("api-operation").count()).toBeGreaterThan(10);
    const document = await fetch(`${BASE_URL}/api/v1/openapi.json`);
    expect(((await document.json()) as { openapi: string }).openapi).toBe("3.1.0");
    await context.close();
  });
});
