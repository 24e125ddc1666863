// Every main page, as the demo account that uses it: no serious or critical axe violation in
// light and dark, nothing wider than a 390 px phone, no status badge cut short, no error in the
// console (browser.ts). Plus forms that carry their values in the server's HTML.
import { AxeBuilder } from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import {
  allowFailedLoad,
  BASE_URL,
  newContext,
  sharedBrowser,
  signInAs,
  waitForHydration,
} from "./browser";

const browser = sharedBrowser();

type Account = "employee" | "trainer" | "manager" | "hr" | "admin" | "anonymous";
interface MainPage {
  path: string;
  as: Account;
}

let pages: MainPage[] = [];
let courseToEdit: { id: string; title: string; passMark: number; revision: number };

beforeAll(async () => {
  const db = getDb();
  const byEmail = async (email: string) =>
    db.user.findUniqueOrThrow({ where: { email }, select: { id: true, departmentId: true } });
  const [employee, trainer, admin] = await Promise.all([
    byEmail("employee@uptake.test"),
    byEmail("trainer@uptake.test"),
    byEmail("admin@uptake.test"),
  ]);
  const enrolment = await db.enrolment.findFirstOrThrow({
    where: { userId: employee.id },
    select: { courseId: true },
  });
  courseToEdit = await db.course.findFirstOrThrow({
    where: { ownerId: trainer.id },
    select: { id: true, title: true, passMark: true, revision: true },
    orderBy: { title: "asc" },
  });
  const rule = await db.assignmentRule.findFirstOrThrow({ select: { id: true } });
  const certificate = await db.certificate.findFirstOrThrow({ select: { code: true } });
  // The idea page once its author has commented: the byline holds the author badge, which
  // broke hydration when the badge was a <div> inside the byline's <p>.
  const idea = await db.idea.findFirstOrThrow({
    where: { hiddenAt: null, anonymous: false },
    select: { id: true, authorId: true },
    orderBy: { createdAt: "asc" },
  });
  await db.ideaComment.create({
    data: { ideaId: idea.id, authorId: idea.authorId, body: "Thanks for the **votes** so far." },
  });
  const department = await db.department.findFirstOrThrow({
    where: { parentId: null },
    select: { id: true },
    orderBy: { name: "asc" },
  });
  const initiative = await db.initiative.findFirstOrThrow({
    where: { name: "Customer satisfaction programme" },
    select: { id: true },
  });
  const demoRisk = await db.risk.findFirstOrThrow({
    where: { initiativeId: initiative.id },
    orderBy: { score: "desc" },
  });
  const openPulse = await db.pulse.findFirstOrThrow({
    where: { initiativeId: initiative.id, status: "OPEN" },
    select: { id: true },
  });
  const callCentre = await db.department.findUniqueOrThrow({
    where: { code: "CC" },
    select: { id: true },
  });
  const demoProcess = await db.process.findFirstOrThrow({
    where: { initiativeId: initiative.id, name: "Complaint handling" },
    select: { id: true },
  });
  const satisfaction = await db.kpiDefinition.findFirstOrThrow({
    where: { name: "kpis.templates.csat5.name" },
    select: { id: true },
  });
  const feedbackItem = await db.customerFeedback.findFirstOrThrow({
    select: { id: true },
    orderBy: { receivedOn: "desc" },
  });
  const customerService = await db.department.findUniqueOrThrow({
    where: { code: "CS" },
    select: { id: true },
  });
  pages = [
    { path: "/", as: "employee" },
    { path: "/learn", as: "employee" },
    { path: `/learn/${enrolment.courseId}`, as: "employee" },
    { path: "/certificates", as: "admin" },
    { path: "/ideas", as: "employee" },
    { path: `/ideas/${idea.id}`, as: "employee" },
    { path: "/ideas/new", as: "employee" },
    { path: "/notifications", as: "employee" },
    { path: "/settings", as: "employee" },
    { path: "/courses", as: "trainer" },
    { path: `/courses/${courseToEdit.id}/edit`, as: "trainer" },
    { path: "/", as: "manager" },
    { path: "/assignments", as: "hr" },
    { path: `/assignments/${rule.id}`, as: "hr" },
    { path: "/reports", as: "hr" },
    { path: `/reports/departments/${department.id}`, as: "hr" },
    { path: "/reports/overdue", as: "hr" },
    { path: `/reports/people/${employee.id}`, as: "hr" },
    { path: `/admin/users/${admin.id}`, as: "hr" },
    { path: "/admin/users", as: "admin" },
    { path: "/admin/departments", as: "admin" },
    { path: "/admin/audit", as: "admin" },
    { path: "/admin/outbox", as: "admin" },
    { path: "/admin/backups", as: "admin" },
    { path: "/admin/integrations", as: "admin" },
    { path: "/admin/integrations/reference", as: "admin" },
    { path: "/admin/import", as: "hr" },
    { path: "/rewards", as: "employee" },
    { path: "/rewards/points", as: "employee" },
    { path: "/rewards/kudos", as: "employee" },
    { path: "/rewards/catalogue", as: "employee" },
    { path: "/rewards/ledger", as: "hr" },
    { path: "/rewards/redemptions", as: "hr" },
    { path: "/rewards/rules", as: "hr" },
    { path: `/surveys/${openPulse.id}`, as: "employee" },
    { path: "/initiatives", as: "hr" },
    { path: `/initiatives/${initiative.id}`, as: "hr" },
    { path: `/initiatives/${initiative.id}/edit`, as: "hr" },
    { path: `/initiatives/${initiative.id}/pulses`, as: "hr" },
    { path: `/initiatives/${initiative.id}/readiness`, as: "hr" },
    { path: `/initiatives/${initiative.id}/readiness/departments/${callCentre.id}`, as: "hr" },
    { path: `/initiatives/${initiative.id}/readiness`, as: "manager" },
    { path: `/initiatives/${initiative.id}/effect`, as: "hr" },
    { path: `/initiatives/${initiative.id}/processes`, as: "hr" },
    { path: `/initiatives/${initiative.id}/processes/${demoProcess.id}`, as: "hr" },
    { path: `/initiatives/${initiative.id}/processes/${demoProcess.id}`, as: "manager" },
    { path: `/initiatives/${initiative.id}/risks`, as: "hr" },
    { path: `/initiatives/${initiative.id}/risks`, as: "manager" },
    { path: `/initiatives/${initiative.id}/risks/${demoRisk.id}`, as: "hr" },
    { path: "/initiatives/kpis", as: "hr" },
    { path: "/initiatives/kpis", as: "manager" },
    { path: "/initiatives/kpis/definitions", as: "hr" },
    { path: `/initiatives/kpis/${satisfaction.id}`, as: "hr" },
    { path: `/initiatives/kpis/${satisfaction.id}/departments/${callCentre.id}`, as: "hr" },
    {
      path: `/initiatives/kpis/${satisfaction.id}/departments/${customerService.id}`,
      as: "manager",
    },
    { path: "/initiatives/kpis/import", as: "hr" },
    { path: `/initiatives/feedback/${feedbackItem.id}`, as: "hr" },
    { path: "/initiatives/kpis/new", as: "hr" },
    { path: "/initiatives/feedback", as: "manager" },
    { path: "/initiatives/feedback/new", as: "hr" },
    { path: "/login", as: "anonymous" },
    { path: `/verify/${certificate.code}`, as: "anonymous" },
  ];
});

async function contextFor(
  account: Account,
  options: { scheme?: "light" | "dark" } = {},
): Promise<BrowserContext> {
  const context = await newContext(browser());
  if (options.scheme) {
    await context.addInitScript((scheme) => {
      // about:blank has no storage; the app's pages read the scheme Mantine stores here.
      if (location.protocol.startsWith("http")) {
        localStorage.setItem("mantine-color-scheme-value", scheme);
      }
    }, options.scheme);
  }
  if (account !== "anonymous") await signInAs(context, `${account}@uptake.test`);
  return context;
}

async function open(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await waitForHydration(page);
}

/** Badges whose label is cut off ("UNDER …"). */
async function truncatedBadges(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>(".mantine-Badge-label")]
      .filter((label) => label.scrollWidth > label.clientWidth + 0.5)
      .map((label) => label.textContent ?? ""),
  );
}

/** Every page of one account in one scheme, checked with axe; returns what failed. */
async function sweep(account: Account, scheme: "light" | "dark") {
  const context = await contextFor(account, { scheme });
  const page = await context.newPage();
  const failures: string[] = [];
  for (const { path } of pages.filter((p) => p.as === account)) {
    await open(page, path);
    expect(
      await page.evaluate(() => document.documentElement.dataset.mantineColorScheme),
      path,
    ).toBe(scheme);
    const results = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
      .analyze();
    for (const violation of results.violations) {
      if (violation.impact !== "serious" && violation.impact !== "critical") continue;
      const targets = violation.nodes.slice(0, 3).map((node) => node.target.join(" "));
      failures.push(`${scheme} ${path}: ${violation.id} ×${violation.nodes.length} ${targets}`);
    }
    for (const label of await truncatedBadges(page)) failures.push(`${path}: badge "${label}" cut`);
  }
  await context.close();
  return failures;
}

describe("accessibility (axe, WCAG 2.1 AA)", () => {
  for (const account of ["employee", "trainer", "manager", "hr", "admin", "anonymous"] as const) {
    it(`${account}'s pages: no serious or critical violation, light and dark`, async () => {
      const failures = [...(await sweep(account, "light")), ...(await sweep(account, "dark"))];
      expect(failures).toEqual([]);
    }, 180_000);
  }
});

describe("a 390 px phone", () => {
  it("no main page is wider than the screen, the account menu is on it, badges are whole", async () => {
    const failures: string[] = [];
    const accounts = [...new Set(pages.map((p) => p.as))];
    for (const account of accounts) {
      const context = await contextFor(account);
      const page = await context.newPage();
      await page.setViewportSize({ width: 390, height: 844 });
      for (const { path } of pages.filter((p) => p.as === account)) {
        await open(page, path);
        const [scrollWidth, innerWidth] = await page.evaluate(() => [
          document.documentElement.scrollWidth,
          window.innerWidth,
        ]);
        if (scrollWidth > innerWidth) failures.push(`${path}: page ${scrollWidth} px wide`);
        if (account !== "anonymous") {
          const menu = await page.getByTestId("account-menu").boundingBox();
          if (!menu || menu.x + menu.width > innerWidth) {
            failures.push(`${path}: account menu outside the screen`);
          }
        }
        for (const label of await truncatedBadges(page)) {
          failures.push(`${path}: badge "${label}" cut`);
        }
      }
      await context.close();
    }
    expect(failures).toEqual([]);
  }, 180_000);

  it("a table too wide for the phone scrolls inside its box and says so", async () => {
    const context = await contextFor("admin");
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await open(page, "/admin/users");
    const hint = page.getByTestId("scroll-hint");
    await hint.waitFor();
    expect(await hint.textContent()).toContain("Scroll sideways");
    expect(await page.locator("[data-scroll-table][data-hidden-right]").count()).toBeGreaterThan(0);
    // Scrolled to the end, nothing is hidden any more: the hint goes.
    await page
      .locator("[data-scroll-table] .mantine-ScrollArea-viewport")
      .first()
      .evaluate((viewport) => viewport.scrollTo({ left: viewport.scrollWidth }));
    await expect.poll(() => hint.count()).toBe(0);
    // On a wide screen the same table fits: no hint.
    await page.setViewportSize({ width: 1280, height: 800 });
    await open(page, "/admin/users");
    expect(await page.getByTestId("scroll-hint").count()).toBe(0);
    await context.close();
  });

  it("the home page lists each due course in its own row with its status and date", async () => {
    const context = await contextFor("employee");
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await open(page, "/");
    const rows = page.getByTestId("home-due").getByRole("listitem");
    expect(await rows.count()).toBeGreaterThan(0);
    for (const row of await rows.all()) {
      expect(await row.getByRole("link").count()).toBe(1);
      expect(await row.locator(".mantine-Badge-root").count()).toBe(1);
    }
    await context.close();
  });
});

describe("forms render their values on the server", () => {
  it("the course workspace without JavaScript shows title, pass mark and revision", async () => {
    const context = await browser().newContext({ javaScriptEnabled: false });
    await signInAs(context, "trainer@uptake.test");
    const page = await context.newPage();
    const response = await page.goto(`${BASE_URL}/courses/${courseToEdit.id}/edit`);
    expect(response?.status()).toBe(200);
    const details = page.locator("form:has(input[name=intent][value=details])");
    expect(await details.locator("input[name=title]").getAttribute("value")).toBe(
      courseToEdit.title,
    );
    expect(await details.locator("input[name=revision]").getAttribute("value")).toBe(
      String(courseToEdit.revision),
    );
    const quiz = page.getByTestId("quiz-settings");
    expect(await quiz.locator("input[name=passMark]").getAttribute("value")).toBe(
      String(courseToEdit.passMark),
    );
    // Every text input and select a form registers has its value in the HTML.
    const selects = await page
      .locator("form select")
      .evaluateAll((elements) =>
        elements.map((select) => [
          (select as HTMLSelectElement).name,
          (select as HTMLSelectElement).querySelector("option[selected]") !== null,
        ]),
      );
    expect(selects.filter(([, selected]) => !selected)).toEqual([]);
    await context.close();
  });
});

describe("refusals say why", () => {
  it("a manager outside their tree is told it is the department, not the role", async () => {
    const db = getDb();
    const scope = await db.departmentManager.findMany({
      where: { user: { email: "manager@uptake.test" } },
      select: { departmentId: true },
    });
    const outside = await db.user.findFirstOrThrow({
      where: {
        active: true,
        departmentId: { notIn: scope.map((s) => s.departmentId) },
        department: { parentId: null },
      },
      select: { id: true },
    });
    const context = await contextFor("manager");
    const page = await context.newPage();
    allowFailedLoad(403, `/reports/people/${outside.id}`);
    const response = await page.goto(`/reports/people/${outside.id}`);
    expect(response?.status()).toBe(403);
    const text = await page.getByTestId("error-page").textContent();
    expect(text).toContain("outside the departments you manage");
    expect(text).not.toContain("Your role does not allow");
    await context.close();
  });

  it("HR opening an administrator's record is told why there is no form", async () => {
    const admin = await getDb().user.findUniqueOrThrow({
      where: { email: "admin@uptake.test" },
      select: { id: true },
    });
    const context = await contextFor("hr");
    const page = await context.newPage();
    await open(page, `/admin/users/${admin.id}`);
    expect(await page.locator("form input[name=name]").count()).toBe(0);
    expect(await page.getByTestId("admin-record-note").textContent()).toContain(
      "Only an administrator can change an administrator's account",
    );
    await context.close();
  });
});
