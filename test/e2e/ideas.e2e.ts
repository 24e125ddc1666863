import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { newContext, sharedBrowser, signInAs, waitForHydration } from "./browser";
import { signInAsFresh } from "./fixtures";

const browser = sharedBrowser();

describe("ideas board", () => {
  it("an employee submits an idea, a colleague votes and comments, HR accepts it, the author is told", async () => {
    const title = `Callback queue for peak hours ${Date.now()}`;

    // 1. The author submits, after a field error from the shared schema.
    const authorContext = await newContext(browser());
    await signInAsFresh(authorContext);
    const author = await authorContext.newPage();
    await author.goto("/ideas/new");
    await waitForHydration(author);
    await author.getByRole("button", { name: "Submit idea" }).click();
    await author.getByText("This field is required.").first().waitFor();
    await author.getByLabel("Title").fill(title);
    await author
      .getByLabel("The problem today")
      .fill("Customers wait **14 minutes** on hold at 9am.");
    await author
      .getByLabel("Your proposal")
      .fill("Offer a callback slot when the queue passes 5 minutes.");
    await author.getByLabel("Category").selectOption("CUSTOMER_EXPERIENCE");
    await author.getByRole("button", { name: "Submit idea" }).click();
    await author.waitForURL(/\/ideas\/(?!new$)[^/]+$/);
    const ideaUrl = new URL(author.url()).pathname;
    await author.getByRole("heading", { name: title }).waitFor();
    // The problem's Markdown is rendered.
    await author.locator("strong", { hasText: "14 minutes" }).waitFor();

    // 2. A colleague finds it on the board, votes and comments.
    const colleagueContext = await newContext(browser());
    const colleague = await signInAsFresh(colleagueContext);
    const page = await colleagueContext.newPage();
    await page.goto("/ideas?sort=newest");
    await waitForHydration(page);
    await page.getByTestId("idea-board").getByRole("link", { name: title }).click();
    await page.waitForURL(new RegExp(`${ideaUrl}$`));
    await waitForHydration(page);
    await page.getByTestId("vote").click();
    await expect.poll(() => page.getByTestId("vote-count").textContent()).toContain("1 vote");
    await page
      .getByLabel("Add a comment")
      .fill("We lose **a third** of callers at 9am. Yes please!");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect
      .poll(() => page.getByTestId("comments").textContent())
      .toContain("We lose a third of callers");
    await colleagueContext.close();

    // 3. HR reviews and accepts it.
    const hrContext = await newContext(browser());
    await signInAsFresh(hrContext, { role: "HR" });
    const hr = await hrContext.newPage();
    await hr.goto(ideaUrl);
    await waitForHydration(hr);
    expect(await hr.getByTestId("voters").textContent()).toContain(colleague.name);
    const panel = hr.getByTestId("reviewer-panel");
    await panel.getByLabel("Move to").selectOption("UNDER_REVIEW");
    await panel.getByRole("button", { name: "Change status" }).click();
    await expect.poll(() => hr.getByTestId("idea-history").textContent()).toContain("Under review");
    await waitForHydration(hr);
    await panel.getByLabel("Move to").selectOption("ACCEPTED");
    await panel.getByLabel("Reason").fill("Pilot in Call Centre next month.");
    await panel.getByRole("button", { name: "Change status" }).click();
    await expect.poll(() => hr.getByTestId("idea-history").textContent()).toContain("Accepted");
    await hrContext.close();

    // 4. The author sees it under the bell.
    await author.goto("/notifications");
    const first = author
      .getByTestId("notification-list")
      .locator('[data-type="IDEA_STATUS"]')
      .first();
    expect(await first.textContent()).toContain(`“${title}” is now Accepted`);
    expect(await first.textContent()).toContain("Pilot in Call Centre next month.");
    expect(
      Number(await author.getByTestId("notification-bell").getAttribute("data-unread")),
    ).toBeGreaterThan(0);
    await authorContext.close();
  });
});

describe("anonymous ideas", () => {
  it("the page HTML names the author to an admin only", async () => {
    const idea = await getDb().idea.findFirstOrThrow({
      where: { anonymous: true, hiddenAt: null },
      include: { author: true },
    });
    const html = async (email: string) => {
      const context = await newContext(browser());
      await signInAs(context, email);
      const page = await context.newPage();
      await page.goto(`/ideas/${idea.id}`);
      await page.getByRole("heading", { name: idea.title }).waitFor();
      const content = await page.content();
      await context.close();
      return content;
    };
    for (const email of ["employee@uptake.test", "hr@uptake.test", "manager@uptake.test"]) {
      const content = await html(email);
      expect(content, email).not.toContain(idea.author.name);
      expect(content, email).not.toContain(idea.author.email);
      expect(content, email).toContain("Anonymous");
    }
    expect(await html("admin@uptake.test")).toContain(idea.author.name);
  });
});
