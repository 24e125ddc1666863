import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import {
  allowFailedLoad,
  BASE_URL,
  sharedBrowser,
  newContext,
  signInAs,
  signInWithForm,
  waitForHydration,
} from "./browser";
import { freshDepartment, freshUser, signInAsFresh } from "./fixtures";

const browser = sharedBrowser();

async function fieldError(page: Page, label: string) {
  const input = page.getByLabel(label, { exact: false }).first();
  const describedBy = await input.getAttribute("aria-describedby");
  return describedBy ? page.locator(`#${describedBy.split(" ")[0]}`).textContent() : null;
}

describe("user administration", () => {
  it("HR adds a user (duplicate e-mail refused next to the field); the user must change the temporary password", async () => {
    const context = await newContext(browser());
    await signInAsFresh(context, { role: "HR" });
    const page = await context.newPage();
    // The duplicate e-mail is refused with 400 on purpose.
    allowFailedLoad(400, "/admin/users/new");
    await page.goto("/admin/users/new");
    await waitForHydration(page);
    const callCentre = await getDb().department.findUniqueOrThrow({ where: { code: "CC" } });
    await page.getByLabel("Name").fill("Nora Newhire");
    await page.getByLabel("E-mail").fill("EMPLOYEE@uptake.test");
    await page.getByLabel("Department").selectOption(callCentre.id);
    await page.getByLabel("Job title").fill("Customer Service Agent");
    await page.locator("input[name=temporaryPassword]").fill("Welcome-to-uptake-1");
    await page.getByRole("button", { name: "Add user" }).click();
    await expect
      .poll(() => fieldError(page, "E-mail"))
      .toBe("Another user already has this e-mail address.");
    expect(await getDb().user.count({ where: { name: "Nora Newhire" } })).toBe(0);

    await page.getByLabel("E-mail").fill("nora.newhire@uptake.test");
    await page.getByRole("button", { name: "Add user" }).click();
    await page.waitForURL(/\/admin\/users\/[^/]+\?created=1$/);
    expect(await page.getByRole("status").textContent()).toContain("The user has been created");
    await context.close();

    const newcomer = await newContext(browser());
    const own = await newcomer.newPage();
    await signInWithForm(own, "nora.newhire@uptake.test", "Welcome-to-uptake-1");
    await own.waitForURL(`${BASE_URL}/settings/password`);
    // Any other page sends them back until the password is changed.
    await own.goto("/");
    expect(new URL(own.url()).pathname).toBe("/settings/password");
    await waitForHydration(own);
    await own.locator("input[name=currentPassword]").fill("Welcome-to-uptake-1");
    await own.locator("input[name=newPassword]").fill("Nora-own-secret-2");
    await own.locator("input[name=confirmPassword]").fill("Nora-own-secret-2");
    await own.getByRole("button", { name: "Change password" }).click();
    await own.waitForURL(`${BASE_URL}/settings?passwordChanged=1`);
    await own.goto("/");
    expect(new URL(own.url()).pathname).toBe("/");
    await newcomer.close();
  });

  it("an admin deactivates a user: their open session ends and they cannot sign in", async () => {
    const staff = await freshUser();
    const victim = await newContext(browser());
    // The deactivated account's sign-in is refused with 400 on purpose.
    allowFailedLoad(400, "/login");
    await signInAs(victim, staff.email);
    const victimPage = await victim.newPage();
    await victimPage.goto("/");
    expect(new URL(victimPage.url()).pathname).toBe("/");

    const context = await newContext(browser());
    await signInAsFresh(context, { role: "ADMIN" });
    const page = await context.newPage();
    await page.goto(`/admin/users?q=${encodeURIComponent(staff.email)}`);
    await page.getByRole("link", { name: staff.name }).click();
    await page.waitForURL(`${BASE_URL}/admin/users/${staff.id}`);
    await waitForHydration(page);
    await page.getByRole("button", { name: "Deactivate" }).click();
    await page.getByRole("button", { name: "Reactivate" }).waitFor();

    await victimPage.reload();
    expect(new URL(victimPage.url()).pathname).toBe("/login");
    await signInWithForm(victimPage, staff.email);
    // The same answer as a wrong password: sign-in does not reveal a deactivation (012).
    await expect
      .poll(() => victimPage.getByRole("alert").textContent())
      .toContain("The e-mail or password is not correct");

    await page.goto("/admin/audit?subjectType=User&action=deactivate");
    expect(await page.getByTestId("audit-table").textContent()).toContain("user.deactivate");
    await context.close();
    await victim.close();
  });
});

describe("departments", () => {
  it("an admin cannot move a department into its own subtree, and can create and delete an empty one", async () => {
    const context = await newContext(browser());
    await signInAsFresh(context, { role: "ADMIN" });
    const page = await context.newPage();
    // A department of this test's own, with a sub-department and a person in it.
    const team = await freshDepartment({ name: `Quality ${Date.now()}` });
    const subTeam = await freshDepartment({ parentId: team.id });
    await freshUser({ department: team.code });
    // The move into its own subtree is refused (400), and so is deleting a used one (409).
    allowFailedLoad(400, "/admin/departments");
    allowFailedLoad(409, "/admin/departments");
    await page.goto(`/admin/departments?edit=${team.id}`);
    await waitForHydration(page);
    const editor = page.getByTestId("department-editor");
    await editor.getByLabel("Parent department").selectOption(subTeam.id);
    await editor.getByRole("button", { name: "Move" }).click();
    await expect
      .poll(() => editor.textContent())
      .toContain("A department cannot move into itself or one of its own sub-departments.");
    expect((await getDb().department.findUniqueOrThrow({ where: { id: team.id } })).parentId).toBe(
      team.parentId,
    );

    const createForm = page.locator("form", {
      has: page.locator("input[name=intent][value=create]"),
    });
    await createForm.getByLabel("Name").fill("Social Media Care");
    await createForm.getByLabel("Code").fill("smc");
    await createForm.getByLabel("Parent department").selectOption(team.id);
    await createForm.getByRole("button", { name: "Add department" }).click();
    await page.waitForURL(
      (url) => url.searchParams.has("edit") && url.searchParams.get("edit") !== team.id,
    );
    const created = await getDb().department.findUniqueOrThrow({ where: { code: "SMC" } });
    expect(created.parentId).toBe(team.id);
    await expect
      .poll(() => page.getByTestId("departments-table").textContent())
      .toContain("Social Media Care");

    await page
      .getByTestId("department-editor")
      .getByRole("button", { name: "Delete department" })
      .click();
    await page.waitForURL(/deleted=1/);
    expect(await getDb().department.findUnique({ where: { code: "SMC" } })).toBeNull();

    // The department still has people and a sub-department: refused with a message.
    await page.goto(`/admin/departments?edit=${team.id}`);
    await waitForHydration(page);
    await page
      .getByTestId("department-editor")
      .getByRole("button", { name: "Delete department" })
      .click();
    await expect
      .poll(() => page.getByTestId("department-editor").textContent())
      .toContain("still has sub-departments or people");
    await context.close();
  });
});
