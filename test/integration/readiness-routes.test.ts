import { createElement } from "react";
import { describe, expect, it } from "vitest";

import { ReadinessDepartmentPage, ReadinessPage } from "~/modules/initiatives";
import type { Role } from "~/lib/permissions";
import * as departmentRoute from "~/routes/initiatives/readiness-department";
import * as exportRoute from "~/routes/initiatives/readiness-export";
import * as reportRoute from "~/routes/initiatives/readiness";
import { loaderArgs, outcomeStatus } from "../support/actions";
import { makeDepartment, makeUser, request, sessionCookie } from "../support/factories";
import { answer, makeInitiative, makePulse, same } from "../support/readiness";
import { renderPage, textOf } from "../support/render";

// /initiatives/:id/readiness, its department drill-down and CSV export (decision 038): who
// may open them, the floor in what the pages and the file carry, formula-safe CSV.

async function signedIn(role: Role, manages: string[] = []) {
  const user = await makeUser({ role, manages });
  return (await sessionCookie(user.id)).cookie;
}

async function setting() {
  const parent = await makeDepartment({ name: "=Operations" });
  const shown = await makeDepartment({ name: "Desk A", parentId: parent.id });
  const small = await makeDepartment({ name: "Desk B", parentId: parent.id });
  const other = await makeDepartment({ name: "Finance" });
  const initiative = await makeInitiative([
    { departmentId: parent.id },
    { departmentId: other.id },
  ]);
  const pulse = await makePulse(initiative.id, { title: "First pulse" });
  await answer(pulse.id, shown.id, same(5, [4, 2, 4, 4, 4]), ["zeta", "alpha"]);
  await answer(pulse.id, small.id, same(2, [1, 1, 1, 1, 1]), ["secret words"]);
  await answer(pulse.id, other.id, same(6));
  return { parent, shown, small, other, initiative, pulse };
}

const page = (url: string, cookie: string, params: Record<string, string>) =>
  reportRoute.loader(loaderArgs(request(url, { cookie }), params));

async function csvOf(response: unknown) {
  const text = await (response as Response).text();
  return text
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");
}

describe("/initiatives/:id/readiness", () => {
  it("shows HR the heat map with hidden rows that carry no numbers", async () => {
    const { parent, shown, small, initiative } = await setting();
    const cookie = await signedIn("HR");
    const data = await page(`/initiatives/${initiative.id}/readiness`, cookie, {
      initiativeId: initiative.id,
    });
    const names = data.report.rows.map((row) => [row.name, row.cells?.respondents ?? null]);
    // Operations (7) minus Desk A (5) would be Desk B's two answers: both hidden.
    expect(names).toEqual([
      ["=Operations", null],
      ["Desk A", 5],
      ["Desk B", null],
      ["Finance", 6],
    ]);
    expect(data.report.company).toEqual({ cells: null });
    expect(data.report.rows.find((row) => row.departmentId === shown.id)!.cells!.barrier).toBe(
      "desire",
    );
    expect(JSON.stringify(data)).not.toContain("secret words");
    // The drill-down of a shown group: comments sorted by text, without names.
    const detail = await departmentRoute.loader(
      loaderArgs(
        request(`/initiatives/${initiative.id}/readiness/departments/${shown.id}`, { cookie }),
        {
          initiativeId: initiative.id,
          departmentId: shown.id,
        },
      ),
    );
    if (!detail.detail.shown) throw new Error("Desk A should show");
    expect(detail.detail.comments.items).toEqual(["alpha", "zeta"]);
    expect(detail.detail.nextSteps[0]).toMatchObject({ element: "desire", barrierPoint: true });
    for (const hidden of [small.id, parent.id]) {
      const result = await departmentRoute.loader(
        loaderArgs(
          request(`/initiatives/${initiative.id}/readiness/departments/${hidden}`, { cookie }),
          {
            initiativeId: initiative.id,
            departmentId: hidden,
          },
        ),
      );
      expect(result.detail.shown).toBe(false);
      // Nothing of its own: no cells, comments, evidence; only shown sub-departments' rows.
      expect(Object.keys(result.detail).sort()).toEqual(
        ["asOf", "children", "department", "initiative", "pulseId", "pulses", "shown"].sort(),
      );
      expect(JSON.stringify(result)).not.toContain("secret words");
      expect(
        result.detail.children.find((row) => row.departmentId === small.id)?.cells ?? null,
      ).toBeNull();
    }
  });

  it("refuses employees (403), hides other trees from managers (404), shows a manager their tree", async () => {
    const { parent, shown, other, initiative } = await setting();
    const employee = await signedIn("EMPLOYEE");
    const url = `/initiatives/${initiative.id}/readiness`;
    expect(await outcomeStatus(() => page(url, employee, { initiativeId: initiative.id }))).toBe(
      403,
    );
    expect(
      await outcomeStatus(() =>
        exportRoute.loader(
          loaderArgs(request(`${url}/export`, { cookie: employee }), {
            initiativeId: initiative.id,
          }),
        ),
      ),
    ).toBe(403);
    const outsider = await signedIn("MANAGER", [(await makeDepartment()).id]);
    expect(await outcomeStatus(() => page(url, outsider, { initiativeId: initiative.id }))).toBe(
      404,
    );
    const manager = await signedIn("MANAGER", [parent.id]);
    const mine = await page(url, manager, { initiativeId: initiative.id });
    expect(mine.report.rows.map((row) => row.name)).toEqual(["=Operations", "Desk A", "Desk B"]);
    expect(mine.report.company).toBeNull();
    expect(
      await outcomeStatus(() =>
        departmentRoute.loader(
          loaderArgs(request(`${url}/departments/${other.id}`, { cookie: manager }), {
            initiativeId: initiative.id,
            departmentId: other.id,
          }),
        ),
      ),
    ).toBe(404);
    expect(
      await outcomeStatus(() =>
        page(`${url}?department=${other.id}`, manager, { initiativeId: initiative.id }),
      ),
    ).toBe(404);
    // The same cells as HR's view of the same department.
    const hrView = await page(`${url}?department=${shown.id}`, await signedIn("HR"), {
      initiativeId: initiative.id,
    });
    expect(hrView.report.rows[0]!.cells).toEqual(mine.report.rows[1]!.cells);
    expect(await outcomeStatus(() => page(url, manager, { initiativeId: "missing" }))).toBe(404);
  });

  it("exports the heat map as formula-safe CSV, hidden rows without numbers", async () => {
    const { initiative } = await setting();
    const cookie = await signedIn("HR");
    const response = await exportRoute.loader(
      loaderArgs(request(`/initiatives/${initiative.id}/readiness/export`, { cookie }), {
        initiativeId: initiative.id,
      }),
    );
    expect((response as Response).headers.get("Content-Type")).toContain("text/csv");
    const [header, ...rows] = await csvOf(response);
    expect(header).toBe(
      "Pulse,Department,Level (0 = top),Shown,Respondents,Response rate (%),Awareness mean,Desire mean,Knowledge mean,Ability mean,Reinforcement mean,Readiness,Geometric mean,Barrier point",
    );
    // Desk A: no active people there, so no evidence and no response rate; survey scores
    // 75, 25, 75, 75, 75 → readiness 65, geometric 75 × (1/3)^(1/5) ≈ 60.2.
    expect(rows).toEqual([
      "First pulse,Whole initiative,0,Fewer than 5 answered,,,,,,,,,,",
      // The name starts with "=": a spreadsheet would run it, so it gets a leading quote.
      "First pulse,'=Operations,1,Fewer than 5 answered,,,,,,,,,,",
      "First pulse,Desk A,2,Shown,5,,4,2,4,4,4,65,60.2,Desire",
      "First pulse,Desk B,2,Fewer than 5 answered,,,,,,,,,,",
      "First pulse,Finance,1,Shown,6,,4,4,4,4,4,75,75,",
    ]);
  });
});

describe("the readiness pages as rendered", () => {
  it("shows bands in words, hidden rows as 'fewer than N answered', and the formula, in both languages", async () => {
    const { shown, initiative } = await setting();
    const cookie = await signedIn("HR");
    const data = JSON.parse(
      JSON.stringify(
        await page(`/initiatives/${initiative.id}/readiness`, cookie, {
          initiativeId: initiative.id,
        }),
      ),
    );
    const en = textOf(await renderPage(createElement(ReadinessPage, data), "en"));
    expect(en).toContain("Fewer than 5 answered");
    expect(en).toContain("2.0 barrier");
    expect(en).toContain("4.0 strong");
    expect(en).toContain("25 × (mean − 1)");
    const zh = textOf(await renderPage(createElement(ReadinessPage, data), "zh"));
    expect(zh).toContain("回答人数少于 5 人");
    expect(zh).toContain("准备度的计算方法");
    const detail = JSON.parse(
      JSON.stringify(
        await departmentRoute.loader(
          loaderArgs(
            request(`/initiatives/${initiative.id}/readiness/departments/${shown.id}`, { cookie }),
            {
              initiativeId: initiative.id,
              departmentId: shown.id,
            },
          ),
        ),
      ),
    );
    const text = textOf(await renderPage(createElement(ReadinessDepartmentPage, detail), "en"));
    // (The shared i18n instance keeps the last language rendered: either is fine here.)
    expect(text).toMatch(/Recognise people with kudos|用点赞表彰同事/);
    expect(text).toContain("alpha");
  });
});
