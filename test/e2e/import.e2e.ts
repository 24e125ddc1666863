import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import {
  BASE_URL,
  fieldLabel,
  newContext,
  sharedBrowser,
  signInWithForm,
  waitForHydration,
} from "./browser";
import { signInAsFresh } from "./fixtures";

const browser = sharedBrowser();

describe("staff import", () => {
  it("HR uploads a file, reads the preview, imports it; the new people are listed and one accepts the invitation", async () => {
    const id = crypto.randomUUID().slice(0, 8);
    const department = `Imported ${id}`;
    const csv = [
      "email;name;department;job title;hire date;role;manager of;active",
      `ada.${id}@e2e.test;Ada Import ${id};${department}/Night Shift;Agent;2026-02-01;;;`,
      `bo.${id}@e2e.test;Bo Import ${id};${department};Lead;;MANAGER;${department}/Night Shift;`,
      `bad.${id}@e2e.test;Bad Row;${department};;31/12/2026;;;`,
    ].join("\n");
    const context = await newContext(browser());
    await signInAsFresh(context, { role: "HR" });
    const page = await context.newPage();
    await page.goto("/admin/import");
    await waitForHydration(page);
    await page
      .getByLabel(fieldLabel("CSV file"))
      .setInputFiles({ name: "staff.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Preview" }).click();
    await page.waitForURL(/\/admin\/import\?file=/);

    const count = (key: string) => page.getByTestId(`import-count-${key}`).textContent();
    expect(await count("create")).toContain("2");
    expect(await count("error")).toContain("1");
    expect(await count("departments")).toContain("2");
    const rows = page.getByTestId("import-rows");
    expect(await rows.textContent()).toContain(`ada.${id}@e2e.test`);
    expect(await page.getByTestId("import-departments").textContent()).toContain(
      `${department}/Night Shift`,
    );
    // Nothing is written by the preview.
    expect(await getDb().user.count({ where: { email: { endsWith: `${id}@e2e.test` } } })).toBe(0);

    await page.getByTestId("import-count-error").click();
    await page.waitForURL(/kind=error/);
    await expect.poll(() => page.getByTestId("import-rows").textContent()).toContain("YYYY-MM-DD");

    await page.getByRole("button", { name: "Import now" }).click();
    const result = page.getByTestId("import-result");
    await result.waitFor();
    expect(await result.textContent()).toContain("2 created");
    expect(await result.getByRole("link", { name: "Download the error report" }).count()).toBe(1);

    await result.getByRole("link", { name: "See the people" }).click();
    await page.waitForURL(`${BASE_URL}/admin/users`);
    await page.goto(`/admin/users?q=${encodeURIComponent(`Import ${id}`)}`);
    const names = await page.getByRole("table").textContent();
    expect(names).toContain(`Ada Import ${id}`);
    expect(names).toContain(`Bo Import ${id}`);
    await context.close();

    // Ada's invitation link, as the outbox holds it.
    const mail = await getDb().outboxEmail.findFirstOrThrow({
      where: { toAddress: `ada.${id}@e2e.test` },
    });
    const link = /\/invite\/[\w-]+/.exec(mail.body)![0];
    const invited = await newContext(browser());
    const own = await invited.newPage();
    await own.goto(link);
    await waitForHydration(own);
    expect(await own.getByRole("heading", { name: "Set your password" }).count()).toBe(1);
    await own.locator("input[name=password]").fill("Ada-own-secret-31");
    await own.locator("input[name=confirmPassword]").fill("Ada-own-secret-31");
    await own.getByRole("button", { name: "Set password" }).click();
    await own.waitForURL(`${BASE_URL}/`);
    // Signed in: the home page, not the sign-in form; the link is used up.
    await own.getByTestId("main-nav").waitFor();
    await own.goto(link);
    expect(await own.getByTestId("invitation-invalid").count()).toBe(1);
    await invited.close();

    // The password works on the sign-in page too.
    const later = await newContext(browser());
    const again = await later.newPage();
    await signInWithForm(again, `ada.${id}@e2e.test`, "Ada-own-secret-31");
    await again.waitForURL(`${BASE_URL}/`);
    await later.close();
  });
});
