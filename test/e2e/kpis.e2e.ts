import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { fieldLabel, newContext, sharedBrowser, waitForHydration } from "./browser";
import { signInAsFresh } from "./fixtures";

const browser = sharedBrowser();

// Issue 16: HR imports a CSV of actuals, reads the preview (a value out of the 1–5 range in
// error, nothing written), confirms, and the department's chart shows the new points, each on
// the band of the phase its period starts in.

const monthOf = (date: Date) => date.toISOString().slice(0, 7);

describe("KPI actuals import", () => {
  it("HR previews a CSV, confirms it, and the chart shows the new points on their phase bands", async () => {
    const db = getDb();
    const kpi = await db.kpiDefinition.findFirstOrThrow({
      where: { name: "kpis.templates.csat5.name" },
      select: { id: true, initiativeId: true },
    });
    const callCentre = await db.department.findUniqueOrThrow({
      where: { code: "CC" },
      select: { id: true, name: true },
    });
    // The first whole month of each of the programme's first two phases.
    const phases = await db.initiativePhase.findMany({
      where: { initiativeId: kpi.initiativeId! },
      orderBy: { position: "asc" },
    });
    const firstMonthOf = (phase: { startsOn: Date }) => {
      const start = phase.startsOn;
      const whole = start.getUTCDate() === 1 ? 0 : 1;
      return monthOf(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + whole, 1)));
    };
    const months = [firstMonthOf(phases[0]!), firstMonthOf(phases[1]!)];
    const csv = [
      "department,kpi,period,value",
      `${callCentre.name},${kpi.id},${months[0]},4.71`,
      `${callCentre.name},${kpi.id},${months[1]},4.83`,
      `${callCentre.name},${kpi.id},2026-02,`,
      `${callCentre.name},${kpi.id},2026-01,7`,
    ].join("\n");
    const before = await db.kpiActual.count({ where: { kpiId: kpi.id } });
    const stored = async (month: string) =>
      (
        await db.kpiActual.findFirst({
          where: {
            kpiId: kpi.id,
            departmentId: callCentre.id,
            periodStart: new Date(`${month}-01T00:00:00.000Z`),
          },
        })
      )?.value;
    // The demo's twelve months may or may not reach the second month yet.
    const held = (await Promise.all(months.map(stored))).filter((v) => v !== undefined).length;

    const context = await newContext(browser());
    await signInAsFresh(context, { role: "HR" });
    const page = await context.newPage();
    await page.goto("/initiatives/kpis/import");
    await waitForHydration(page);
    await page
      .getByLabel(fieldLabel("CSV file"))
      .setInputFiles({ name: "actuals.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Preview" }).click();
    await page.getByTestId("kpi-import-preview").waitFor();
    const count = (outcome: string) =>
      page.getByTestId(`kpi-import-count-${outcome}`).textContent();
    // Months the demo holds are updates, the others new; the empty value and the 7 in error.
    expect(await count("updated")).toContain(String(held));
    expect(await count("created")).toContain(String(2 - held));
    expect(await count("error")).toContain("2");
    const rows = await page.getByTestId("kpi-import-rows").textContent();
    expect(rows).toContain("1–5");
    // Nothing written by the preview.
    expect(await db.kpiActual.count({ where: { kpiId: kpi.id } })).toBe(before);
    expect(await stored(months[0]!)).not.toBe(4.71);

    await page.getByRole("button", { name: /Confirm and write 2 values/ }).click();
    const result = page.getByTestId("kpi-import-result");
    await result.waitFor();
    expect(await result.textContent()).toContain(`${2 - held} created, ${held} updated`);
    expect([await stored(months[0]!), await stored(months[1]!)]).toEqual([4.71, 4.83]);

    await page.goto(`/initiatives/kpis/${kpi.id}/departments/${callCentre.id}`);
    await waitForHydration(page);
    for (const [index, month] of months.entries()) {
      const point = page.locator(`[data-testid=kpi-chart-point][data-period="${month}"]`);
      expect(await point.getAttribute("data-phase")).toBe(phases[index]!.id);
      expect(await point.textContent()).toContain(index === 0 ? "4.71" : "4.83");
      // The point lies inside its phase's band, as drawn.
      const band = page.locator(
        `[data-testid=kpi-chart-phase][data-phase="${phases[index]!.id}"] rect`,
      );
      const pointBox = await point.locator("circle").boundingBox();
      const bandBox = await band.first().boundingBox();
      const centre = pointBox!.x + pointBox!.width / 2;
      expect(centre).toBeGreaterThanOrEqual(bandBox!.x);
      expect(centre).toBeLessThanOrEqual(bandBox!.x + bandBox!.width);
    }
    await context.close();
  });
});
