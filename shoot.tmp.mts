import { chromium } from "playwright-core";
const base = "http://localhost:3100";
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
const [who, ...paths] = process.argv.slice(2);
const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
const page = await context.newPage();
page.on("pageerror", (e) => console.log("PAGEERROR", e.message));
page.on("console", (m) => {
  if (m.type() === "error") console.log("CONSOLE", m.text());
});
await page.goto(base + "/login");
await page.fill('input[name="email"]', `${who}@uptake.test`);
await page.fill('input[name="password"]', "uptake-demo");
await Promise.all([
  page.waitForURL((u) => !u.pathname.startsWith("/login")),
  page.click('button[type="submit"]'),
]);
for (const p of paths) {
  const res = await page.goto(base + p);
  await page.waitForTimeout(800);
  const name = p.replace(/[^a-z0-9]+/gi, "_");
  await page.screenshot({ path: `/tmp/shots/${who}${name}.png`, fullPage: true });
  console.log(p, res?.status());
}
await browser.close();
