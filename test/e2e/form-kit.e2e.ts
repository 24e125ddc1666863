import { describe, expect, it } from "vitest";
import { newContext, sharedBrowser, signInAs } from "./browser";

// The one way to write a page (decision 018) as the browser gets it: the inputs carry the
// constraints of their form's schema, and every list page has the kit's count and filters.

const browser = sharedBrowser();

describe("forms and lists built with the kit", () => {
  it("the user form's inputs carry the schema's required and length constraints", async () => {
    const context = await newContext(browser());
    await signInAs(context, "admin@uptake.test");
    const page = await context.newPage();
    await page.goto("/admin/users/new");
    const attributes = (name: string) =>
      page
        .locator(`[name=${name}]`)
        .first()
        .evaluate((input) => ({
          required: input.hasAttribute("required"),
          minLength: input.getAttribute("minlength"),
          maxLength: input.getAttribute("maxlength"),
        }));
    expect(await attributes("name")).toEqual({ required: true, minLength: null, maxLength: "120" });
    expect(await attributes("email")).toEqual({
      required: true,
      minLength: null,
      maxLength: "254",
    });
    expect(await attributes("departmentId")).toMatchObject({ required: true });
    expect(await attributes("jobTitle")).toEqual({
      required: false,
      minLength: null,
      maxLength: "120",
    });
    expect(await attributes("temporaryPassword")).toEqual({
      required: true,
      minLength: "10",
      maxLength: "128",
    });
    await context.close();
  });

  it("every list page shows the kit's filter bar and result count", async () => {
    const context = await newContext(browser());
    await signInAs(context, "admin@uptake.test");
    const page = await context.newPage();
    for (const path of ["/admin/users", "/admin/audit", "/admin/outbox"]) {
      await page.goto(path);
      expect(await page.getByRole("search").getByRole("button").textContent(), path).toBe(
        "Apply filters",
      );
      expect(await page.getByTestId("result-count").textContent(), path).toMatch(/^\d+ results?$/);
    }
    await page.goto("/notifications");
    expect(await page.getByTestId("result-count").textContent()).toMatch(
      /^\d+ unread · \d+ results?$/,
    );
    await context.close();
  });
});
