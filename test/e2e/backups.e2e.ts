import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { newContext, sharedBrowser, waitForHydration } from "./browser";
import { signInAsFresh } from "./fixtures";

const browser = sharedBrowser();

describe("backups", () => {
  it("an admin backs up from the page and sees the backup verified, with its download", async () => {
    const context = await newContext(browser());
    await signInAsFresh(context, { role: "ADMIN" });
    const page = await context.newPage();
    await page.goto("/admin/backups");
    await waitForHydration(page);
    const before = await getDb().backup.count();

    await page.getByRole("button", { name: "Back up now" }).click();
    const status = page.getByRole("status").filter({ hasText: "made and verified" });
    await status.waitFor({ timeout: 30_000 });
    const backup = await getDb().backup.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    expect(await getDb().backup.count()).toBe(before + 1);
    expect(backup.status).toBe("VERIFIED");
    expect(await status.textContent()).toContain(backup.fileName);

    const row = page.getByTestId("backups-table").locator("tr", { hasText: backup.fileName });
    // The list is read again after the action: the new row shows up verified.
    await row.getByText("Verified", { exact: true }).waitFor();
    expect(await page.getByTestId("backup-health").textContent()).toContain("Last verified backup");
    const downloadHref = await row.getByRole("link", { name: "Download" }).getAttribute("href");
    expect(downloadHref).toBe(`/admin/backups/${backup.id}/download`);
    const download = await page.request.get(downloadHref!);
    expect(download.status()).toBe(200);
    expect((await download.body()).length).toBe(Number(backup.sizeBytes));
    await context.close();
  });
});
