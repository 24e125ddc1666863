import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { totpCode } from "~/modules/account/index.server";
import {
  allowFailedLoad,
  BASE_URL,
  DEMO_PASSWORD,
  newContext,
  sharedBrowser,
  signInWithForm,
  waitForHydration,
} from "./browser";
import { freshUser, signInAsFresh } from "./fixtures";

const browser = sharedBrowser();

async function signOut(page: Page) {
  await page.getByTestId("account-menu").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.waitForURL(`${BASE_URL}/login`);
}

async function secondStep(page: Page, code: string) {
  await page.waitForURL(`${BASE_URL}/login/two-factor`);
  await waitForHydration(page);
  await page.locator("input[name=code]").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

describe("two-factor sign-in in the browser", () => {
  it("enrols with the QR code's key, then signs in with password + code, then with a recovery code once", async () => {
    // A person of our own, so no other browser test meets their second factor.
    const { email } = await freshUser({ name: "Tess Two-Factor" });
    const context = await newContext(browser());
    const page = await context.newPage();
    await signInWithForm(page, email);
    await page.waitForURL(`${BASE_URL}/`);

    await page.goto("/settings");
    await waitForHydration(page);
    await page.getByRole("link", { name: "Two-factor sign-in" }).click();
    await page.waitForURL(`${BASE_URL}/settings/security`);
    await waitForHydration(page);
    await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
    const qr = page.getByRole("img", { name: "QR code to add Uptake to your authenticator app" });
    await qr.waitFor();
    expect(await qr.getAttribute("src")).toMatch(/^data:image\/png;base64,/);
    // The image really loaded (the content security policy allows data: images).
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(
      true,
    );
    const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    // A wrong code first: the error sits next to the field (a 400 answer, on purpose).
    allowFailedLoad(400, "/settings/security");
    await page.getByLabel("Code from the app").fill("000000");
    await page.getByRole("button", { name: "Switch on" }).click();
    await expect.poll(() => page.getByText("This code is not correct.").count()).toBeGreaterThan(0);
    await page.getByLabel("Code from the app").fill(totpCode(secret));
    await page.getByRole("button", { name: "Switch on" }).click();
    const codesBox = page.getByTestId("recovery-codes");
    await codesBox.waitFor();
    const recoveryCodes = (await codesBox.locator("code").allTextContents()).map((c) => c.trim());
    expect(recoveryCodes).toHaveLength(10);
    await page.getByTestId("two-factor-on").waitFor();

    // Password, then a code: the enrolment used this step's code, so take the next one.
    await signOut(page);
    await signInWithForm(page, email);
    await secondStep(page, totpCode(secret, new Date(Date.now() + 30_000)));
    await page.waitForURL(`${BASE_URL}/`);
    await page.getByTestId("account-menu").waitFor();

    // Password, then a recovery code.
    await signOut(page);
    await signInWithForm(page, email);
    await secondStep(page, recoveryCodes[0]!);
    await page.waitForURL(`${BASE_URL}/`);

    // The same recovery code does not work twice.
    allowFailedLoad(400, "/login/two-factor");
    await signOut(page);
    await signInWithForm(page, email);
    await secondStep(page, recoveryCodes[0]!);
    await expect.poll(() => page.getByText("This code is not correct.").count()).toBeGreaterThan(0);
    expect(new URL(page.url()).pathname).toBe("/login/two-factor");
    await context.close();
  });

  it("asks an admin to confirm the password before a role change, then saves what was typed", async () => {
    const person = await freshUser({ name: "Rita Reauth" });
    const context = await newContext(browser());
    const admin = await signInAsFresh(context, { role: "ADMIN" });
    // The fixture's sign-in was 11 minutes ago as far as re-authentication goes.
    await getDb().session.updateMany({
      where: { userId: admin.id, userAgent: "e2e fixture" },
      data: { reauthenticatedAt: new Date(Date.now() - 11 * 60 * 1000) },
    });
    const page = await context.newPage();
    await page.goto(`/admin/users/${person.id}`);
    await waitForHydration(page);
    await page.getByLabel("Job title").fill("Team lead");
    await page.getByLabel("Role").selectOption("TRAINER");
    // Asked on purpose: the save answers 401, the wrong password 400.
    allowFailedLoad(401, `/admin/users/${person.id}`);
    allowFailedLoad(400, "/reauth");
    await page.getByRole("button", { name: "Save" }).click();
    const dialog = page.getByRole("dialog", { name: "Confirm it is you" });
    await dialog.waitFor();
    await dialog.locator("input[name=password]").fill("not-the-password");
    await dialog.getByRole("button", { name: "Confirm and continue" }).click();
    await dialog.getByText("That is not correct.").waitFor();
    expect((await getDb().user.findUniqueOrThrow({ where: { id: person.id } })).role).toBe(
      "EMPLOYEE",
    );
    await dialog.locator("input[name=password]").fill(DEMO_PASSWORD);
    await dialog.getByRole("button", { name: "Confirm and continue" }).click();
    await page.getByText("The user has been saved.").waitFor();
    const saved = await getDb().user.findUniqueOrThrow({ where: { id: person.id } });
    expect(saved).toMatchObject({ role: "TRAINER", jobTitle: "Team lead" });
    await context.close();
  });
});
