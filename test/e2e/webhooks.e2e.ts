import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { ideaSchema } from "~/modules/ideas";
import { createIdea } from "~/modules/ideas/index.server";
import { BASE_URL, newContext, sharedBrowser, waitForHydration } from "./browser";
import { freshUser, signInAsFresh } from "./fixtures";
import { startReceiver, type Receiver } from "../support/webhooks";

const browser = sharedBrowser();
let receiver: Receiver;

beforeAll(async () => {
  receiver = await startReceiver();
});

afterAll(async () => {
  await receiver.close();
});

describe("webhooks", () => {
  it("an admin subscribes, makes a token, the token changes an idea's status, the signed delivery shows in the log", async () => {
    const author = await freshUser();
    const ideaId = await createIdea(
      { id: author.id, role: "EMPLOYEE", scopeDepartmentIds: [] },
      ideaSchema.parse({
        title: `Webhook me ${Date.now()}`,
        problem: "Nobody hears of accepted ideas.",
        proposal: "Post them to the HR system.",
        category: "PROCESS_STEP",
      }),
    );

    const context = await newContext(browser());
    await signInAsFresh(context, { role: "ADMIN" });
    const page = await context.newPage();

    // 1. The subscription, after the schema's field errors.
    await page.goto("/admin/webhooks");
    await waitForHydration(page);
    await page.getByRole("button", { name: "Create webhook" }).click();
    await page.getByText("Choose at least one event.").waitFor();
    await page.getByLabel("Receiver URL").fill(receiver.url);
    await page.getByLabel("Description").fill("E2E receiver");
    await page.getByLabel("Idea status changed").check();
    await page.getByRole("button", { name: "Create webhook" }).click();
    const secretBox = page.getByTestId("webhook-secret");
    await secretBox.waitFor();
    const secret = (await secretBox.locator("pre").textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole("link", { name: "Open the new webhook" }).click();
    await page.waitForURL(/\/admin\/webhooks\/[^/]+$/);
    const webhookUrl = new URL(page.url()).pathname;

    // 2. An API token (the HR system's) moves the idea along the workflow.
    await page.goto("/admin/integrations");
    await waitForHydration(page);
    const tokenForm = page.getByTestId("new-token-form");
    await tokenForm.getByLabel("Name").fill("HR system");
    await tokenForm.getByLabel("Ideas").selectOption("write");
    await tokenForm.getByRole("button", { name: "Create token" }).click();
    const token = (await page.getByTestId("new-token-secret").textContent())!.trim();
    const moved = await fetch(`${BASE_URL}/api/v1/ideas/${ideaId}/status`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ status: "UNDER_REVIEW" }),
    });
    expect(moved.status).toBe(200);
    await page.goto(`/ideas/${ideaId}`);
    expect(await page.getByTestId("idea-history").textContent()).toContain("Under review");

    // 3. The receiver got it, signed; the log shows it delivered.
    await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBe(1);
    const [request] = receiver.received;
    expect(new Webhook(secret).verify(request!.body, request!.headers as never)).toMatchObject({
      type: "idea.status_changed",
      data: { idea_id: ideaId, from: "SUBMITTED", to: "UNDER_REVIEW" },
    });
    await expect
      .poll(
        async () => {
          await page.goto(webhookUrl);
          return page.getByTestId("delivery-log").textContent();
        },
        { timeout: 10_000 },
      )
      .toContain("Succeeded");
    const row = page.getByTestId("delivery-row").first();
    expect(await row.textContent()).toContain("idea.status_changed");
    expect(await row.textContent()).toContain("200");

    // 4. Redeliver sends it again, with the same webhook-id.
    await waitForHydration(page);
    await row.getByRole("button", { name: "Redeliver" }).click();
    await page.getByTestId("send-result").waitFor();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.headers["webhook-id"]).toBe(request!.headers["webhook-id"]);

    await context.close();
    // Other browser tests change ideas too: nothing more goes to this receiver.
    await getDb().webhookSubscription.deleteMany({ where: { url: receiver.url } });
  });
});
