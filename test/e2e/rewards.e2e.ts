import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { newContext, sharedBrowser, signInAs, waitForHydration } from "./browser";
import { freshUser } from "./fixtures";

const browser = sharedBrowser();

// The balance as the catalogue shows it ("Your balance: 75 points").
const balanceOn = async (page: Page) => {
  await page.goto("/rewards/catalogue");
  return (await page.getByText(/^Your balance: /).textContent())?.replace(/\D/g, "");
};

describe("incentive board", () => {
  it("an employee sends kudos, the receiver is told, sees it on the wall, redeems a reward and HR approves; the balance is right at each step", async () => {
    const giver = await freshUser();
    const receiver = await freshUser({ name: `Kudos receiver ${Date.now()}` });
    const message = `Thanks for covering the callbacks ${Date.now()}`;

    // 1. The giver thanks the receiver from the "send kudos" link of their profile card.
    const giverContext = await newContext(browser());
    await signInAs(giverContext, giver.email);
    const page = await giverContext.newPage();
    await page.goto(`/rewards/people/${receiver.id}`);
    await page.getByRole("link", { name: /send kudos/i }).click();
    await page.waitForURL(/\/rewards\/kudos\?to=/);
    await waitForHydration(page);
    await page.getByLabel("Points").fill("70");
    await page.getByLabel("Message").fill(message);
    await page.getByRole("button", { name: "Send kudos" }).click();
    await page.getByText("Kudos sent.").waitFor();
    await giverContext.close();

    // 2. The receiver sees it under the bell and on the wall; 70 points plus the 5-point bonus.
    const receiverContext = await newContext(browser());
    await signInAs(receiverContext, receiver.email);
    const mine = await receiverContext.newPage();
    await mine.goto("/notifications");
    const notice = mine.getByTestId("notification-list").locator('[data-type="KUDOS_RECEIVED"]');
    expect(await notice.first().textContent()).toContain(message);
    await mine.goto("/rewards/kudos");
    expect(await mine.getByTestId("kudos-wall").textContent()).toContain(message);
    expect(await balanceOn(mine)).toBe("75");

    // 3. The receiver requests the coffee voucher (60): the points are held at once.
    await mine.goto("/rewards/catalogue");
    await waitForHydration(mine);
    await mine.getByRole("button", { name: "Request “Coffee voucher · 咖啡券”" }).click();
    await mine.getByText("Requested.").waitFor();
    expect(await balanceOn(mine)).toBe("15");
    // My points says the same: the balance and one request waiting for HR.
    await mine.goto("/rewards/points");
    expect(await mine.getByTestId("points-balance").textContent()).toBe("15");
    expect(await mine.getByTestId("pending-count").textContent()).toBe("1");

    // 4. HR approves it; the balance stays (the hold became the spend), the receiver is told.
    const hrContext = await newContext(browser());
    await signInAs(hrContext, "hr@uptake.test");
    const hr = await hrContext.newPage();
    await hr.goto("/rewards/redemptions");
    await waitForHydration(hr);
    await hr
      .getByRole("link", { name: `Decide on “Coffee voucher · 咖啡券” for ${receiver.name}` })
      .click();
    await hr.getByRole("button", { name: "Approve" }).click();
    await expect
      .poll(
        async () =>
          (
            await getDb().redemption.findFirst({
              where: { userId: receiver.id },
              select: { status: true },
            })
          )?.status,
      )
      .toBe("FULFILLED");
    await hrContext.close();
    expect(await balanceOn(mine)).toBe("15");
    expect(await mine.getByRole("button", { name: /^Cancel the request/ }).count()).toBe(0);
    await mine.goto("/notifications");
    expect(
      await mine
        .getByTestId("notification-list")
        .locator('[data-type="REDEMPTION_STATUS"]')
        .first()
        .textContent(),
    ).toContain("fulfilled");
    await receiverContext.close();
  });
});
