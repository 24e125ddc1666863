import fs from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { getLucia } from "~/lib/auth.server";
import { getDb } from "~/lib/db.server";

export const BASE_URL = process.env.E2E_BASE_URL ?? "http://localhost:3000";
export const DEMO_PASSWORD = "uptake-demo";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// playwright-core gives every launch a fresh, empty profile directory of its own.
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

// Uncaught errors and console errors in any page (hydration mismatches, crashes, failed
// loads, CSP refusals) fail the test that caused them.
const pageErrors: string[] = [];
// Console errors the current test provokes on purpose (a 403 or 404 page it opens).
const allowedConsoleErrors: RegExp[] = [];

/**
 * Chromium logs "Failed to load resource: … status of 403" for every 4xx answer (documents,
 * and Remix's `.data` requests when a form is refused), also the ones a test provokes on
 * purpose. A test names each one it expects, for itself only: `allowFailedLoad(403, "/x")`.
 */
export function allowFailedLoad(status: number, path: string) {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  allowedConsoleErrors.push(
    new RegExp(
      `^[a-z]+://[^/\\s]+${escaped}(\\.data)?(\\?\\S*)?: Failed to load resource: .*status of ${status}\\b`,
    ),
  );
}

export async function newContext(browser: Browser, locale = "en-GB"): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    locale,
    timezoneId: "Asia/Shanghai",
    viewport: { width: 1280, height: 800 },
  });
  watchErrors(context);
  return context;
}

/** Records uncaught errors and console errors of every page the context opens. */
export function watchErrors(context: BrowserContext) {
  context.on("page", (page) => {
    page.on("pageerror", (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      // The resource's own address when there is one (failed loads), else the page's.
      pageErrors.push(`${message.location().url || page.url()}: ${message.text()}`);
    });
  });
}

/** A session row for a demo account, made in the database: its cookie's name and value. */
export async function fixtureSession(email: string): Promise<{ name: string; value: string }> {
  const user = await getDb().user.findUniqueOrThrow({ where: { email } });
  const lucia = getLucia();
  const session = await lucia.createSession(user.id, {
    userAgent: "e2e fixture",
    ipAddress: "127.0.0.1",
  });
  return { name: lucia.sessionCookieName, value: session.id };
}

/** Signs in without the form: a session row in the database and its cookie (Epic Stack style). */
export async function signInAs(context: BrowserContext, email: string): Promise<void> {
  await context.addCookies([
    {
      ...(await fixtureSession(email)),
      // A `__Host-` cookie (Secure, production) is only accepted from a secure source URL;
      // the browser still sends it to http://localhost, a trustworthy origin.
      url: BASE_URL.replace(/^http:\/\/localhost\b/, "https://localhost"),
      httpOnly: true,
      sameSite: "Lax",
      secure: true,
    },
  ]);
}

/** Signs in through the real form. */
export async function signInWithForm(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("E-mail").fill(email);
  await page.locator("input[name=password]").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Remix hydrates after load; clicks before that would be plain HTML form posts. */
export async function waitForHydration(page: Page) {
  await page.waitForSelector("html[data-hydrated=true]");
}

export async function navLinks(page: Page): Promise<string[]> {
  const nav = page.getByTestId("main-nav");
  await nav.waitFor();
  return nav
    .getByRole("link")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
}

/** One Chromium per test file, launched before its tests and closed after them. */
export function sharedBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(() => {
    const allowed = allowedConsoleErrors.splice(0);
    const errors = pageErrors.splice(0).filter((error) => !allowed.some((a) => a.test(error)));
    expect(errors, "errors thrown or logged in the browser").toEqual([]);
  });
  return () => {
    if (!browser) throw new Error("browser not launched yet");
    return browser;
  };
}

/**
 * A field's exact label, with or without the required-field marker (" *") that inputs show
 * when their schema requires them: `form.getByLabel(fieldLabel("Course"))`.
 */
export function fieldLabel(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}( \\*)?$`);
}
