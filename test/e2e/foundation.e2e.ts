import { describe, expect, it } from "vitest";
import {
  allowFailedLoad,
  BASE_URL,
  sharedBrowser,
  navLinks,
  newContext,
  signInAs,
  signInWithForm,
  waitForHydration,
} from "./browser";
import { freshUser, signInAsFresh } from "./fixtures";

const browser = sharedBrowser();

const EXPECTED_NAV: Record<string, string[]> = {
  "employee@uptake.test": ["/", "/learn", "/certificates", "/ideas", "/rewards", "/settings"],
  "trainer@uptake.test": [
    "/",
    "/learn",
    "/certificates",
    "/ideas",
    "/rewards",
    "/courses",
    "/settings",
  ],
  "manager@uptake.test": [
    "/",
    "/learn",
    "/certificates",
    "/ideas",
    "/rewards",
    "/initiatives",
    "/assignments",
    "/reports",
    "/settings",
  ],
  "hr@uptake.test": [
    "/",
    "/learn",
    "/certificates",
    "/ideas",
    "/rewards",
    "/initiatives",
    "/courses",
    "/assignments",
    "/reports",
    "/admin/users",
    "/admin/import",
    "/settings",
  ],
  "admin@uptake.test": [
    "/",
    "/learn",
    "/certificates",
    "/ideas",
    "/rewards",
    "/initiatives",
    "/courses",
    "/assignments",
    "/reports",
    "/admin/users",
    "/admin/import",
    "/admin/departments",
    "/admin/audit",
    "/admin/outbox",
    "/admin/backups",
    "/admin/integrations",
    "/settings",
  ],
};

describe("signing in", () => {
  it("each demo role signs in with the form and sees its own navigation", async () => {
    for (const [email, links] of Object.entries(EXPECTED_NAV)) {
      const context = await newContext(browser());
      const page = await context.newPage();
      await signInWithForm(page, email);
      await page.waitForURL(`${BASE_URL}/`);
      expect(await navLinks(page), email).toEqual(links);
      await context.close();
    }
  });

  it("delays repeated wrong passwords from one place with HTTP 429 and a clear message", async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    const email = "sales.lockout@uptake.test";
    // Each wrong guess is refused on purpose: 400, then 429.
    allowFailedLoad(400, "/login");
    allowFailedLoad(429, "/login");
    // Three free failures, then each try waits 2 s, 4 s, 8 s... (decision 012): a slow page
    // load may outlast the first wait, never the doubled ones.
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= 8 && !statuses.includes(429); attempt++) {
      const response = page.waitForResponse(
        (r) => r.url().includes("/login") && r.request().method() === "POST",
      );
      await signInWithForm(page, email, `wrong-password-${attempt}`);
      statuses.push((await response).status());
      if (statuses.at(-1) === 400) {
        await expect.poll(() => page.getByRole("alert").textContent()).toContain("not correct");
      }
    }
    expect(statuses.slice(0, 3)).toEqual([400, 400, 400]);
    expect(statuses.at(-1)).toBe(429);
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toContain("Too many failed sign-in attempts");
    await context.close();
  });

  it("shows field errors from the shared schema before anything is sent", async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    await page.goto("/login");
    await waitForHydration(page);
    let posted = false;
    page.on("request", (r) => {
      if (r.method() === "POST") posted = true;
    });
    await page.getByLabel("E-mail").fill("not-an-email");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByText("This field is required.").isVisible()).toBe(true);
    expect(await page.getByText("Enter a valid e-mail address.").isVisible()).toBe(true);
    expect(await page.getByLabel("E-mail").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("input[name=password]").getAttribute("aria-invalid")).toBe("true");
    expect(posted).toBe(false);
    await context.close();
  });
});

describe("access", () => {
  it("an employee gets the 403 page on /admin/users", async () => {
    const context = await newContext(browser());
    await signInAsFresh(context);
    const page = await context.newPage();
    allowFailedLoad(403, "/admin/users");
    const response = await page.goto("/admin/users");
    expect(response?.status()).toBe(403);
    const errorPage = page.getByTestId("error-page");
    expect(await errorPage.getAttribute("data-status")).toBe("403");
    expect(await errorPage.textContent()).toContain("You do not have access");
    await context.close();
  });

  it("unknown URLs get the 404 page; anonymous visitors are sent to sign in", async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    await page.goto("/admin/audit");
    expect(new URL(page.url()).pathname).toBe("/login");
    await signInAsFresh(context);
    allowFailedLoad(404, "/no/such/page");
    const response = await page.goto("/no/such/page");
    expect(response?.status()).toBe(404);
    expect(await page.getByTestId("error-page").textContent()).toContain("Not found");
    await context.close();
  });

  it("refuses a write whose Origin is another site, and /healthz reports the database", async () => {
    const refused = await fetch(`${BASE_URL}/login`, {
      method: "POST",
      headers: {
        Origin: "https://evil.example",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: "email=admin%40uptake.test&password=uptake-demo",
    });
    expect(refused.status).toBe(403);
    const health = await fetch(`${BASE_URL}/healthz`);
    expect(await health.json()).toMatchObject({ status: "ok", database: { status: "ok" } });
  });
});

describe("sessions", () => {
  it("'sign out of all other sessions' ends a second browser's session", async () => {
    const { email } = await freshUser();
    const first = await newContext(browser());
    const second = await newContext(browser());
    await signInAs(first, email);
    await signInAs(second, email);
    const secondPage = await second.newPage();
    await secondPage.goto("/settings");
    expect(new URL(secondPage.url()).pathname).toBe("/settings");

    const page = await first.newPage();
    await page.goto("/settings");
    await waitForHydration(page);
    await page.getByRole("button", { name: "Sign out of all other sessions" }).click();
    await page.getByText("1 other session was signed out.").waitFor();

    await secondPage.reload();
    expect(new URL(secondPage.url()).pathname).toBe("/login");
    await page.reload();
    expect(new URL(page.url()).pathname).toBe("/settings");
    await first.close();
    await second.close();
  });
});

describe("language and appearance", () => {
  it("switching to 中文 shows Chinese labels, and the choice is kept", async () => {
    const context = await newContext(browser());
    await signInAsFresh(context, { role: "HR" });
    const page = await context.newPage();
    // Each language's catalogue is its own chunk: a page loads only the one it is in.
    const catalogues: string[] = [];
    page.on("request", (request) => {
      const chunk = new URL(request.url()).pathname.match(/^\/assets\/(en|zh)-[\w-]+\.js$/);
      if (chunk?.[1]) catalogues.push(chunk[1]);
    });
    await page.goto("/admin/users");
    await waitForHydration(page);
    expect(await navLinkText(page)).toContain("Users");
    expect(catalogues).toEqual(["en"]);
    await page.getByTestId("language-switcher").click();
    await page.getByRole("menuitem", { name: "中文" }).click();
    await expect.poll(() => navLinkText(page)).toContain("用户");
    expect(catalogues).toEqual(["en", "zh"]);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("用户");
    await page.reload();
    expect(await navLinkText(page)).toContain("用户");
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
    // And back.
    await page.getByTestId("language-switcher").click();
    await page.getByRole("menuitem", { name: "English" }).click();
    await expect.poll(() => navLinkText(page)).toContain("Users");
    await context.close();
  });

  it("the dark-mode switch persists across reloads", async () => {
    const context = await newContext(browser());
    await signInAsFresh(context);
    const page = await context.newPage();
    await page.goto("/");
    await waitForHydration(page);
    const scheme = () => page.locator("html").getAttribute("data-mantine-color-scheme");
    expect(await scheme()).toBe("light");
    await page.getByTestId("color-scheme-toggle").click();
    await expect.poll(scheme).toBe("dark");
    await page.reload();
    // Hydrating a page stored as dark must not mismatch the server's HTML (page errors fail).
    await waitForHydration(page);
    expect(await scheme()).toBe("dark");
    expect(await page.getByTestId("color-scheme-toggle").getAttribute("aria-label")).toBe(
      "Switch between light and dark mode",
    );
    await context.close();
  });
});

async function navLinkText(page: import("playwright-core").Page) {
  return (await page.getByTestId("main-nav").textContent()) ?? "";
}

describe("links", () => {
  it("plain app links navigate in the page; a Ctrl-click opens a new tab instead", async () => {
    const context = await newContext(browser());
    await signInAs(context, "hr@uptake.test");
    const page = await context.newPage();
    await page.goto("/");
    await waitForHydration(page);
    // A value on the window survives a client-side navigation and is gone after a reload.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    const inPage = () =>
      page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument);

    // The main navigation (plain links).
    await page.getByTestId("main-nav").getByRole("link", { name: "Reports" }).click();
    await page.waitForURL(`${BASE_URL}/reports`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await inPage()).toBe(true);

    // A row link in a report table (TextLink), then the browser's Back button.
    const department = page.getByTestId("department-report").getByRole("link").first();
    const name = (await department.textContent()) ?? "";
    await department.click();
    await page.waitForURL(/\/reports\/departments\/\w+/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain(name);
    expect(await inPage()).toBe(true);
    await page.goBack();
    await page.waitForURL(`${BASE_URL}/reports`);
    expect(await inPage()).toBe(true);

    // A Ctrl-click is the browser's: a new tab, and this page stays where it is.
    const opened = context.waitForEvent("page");
    await page
      .getByTestId("main-nav")
      .getByRole("link", { name: "Ideas" })
      .click({ modifiers: ["Control"] });
    const tab = await opened;
    await tab.waitForURL(`${BASE_URL}/ideas`);
    expect(page.url()).toBe(`${BASE_URL}/reports`);
    expect(await inPage()).toBe(true);
    await context.close();
  });
});
