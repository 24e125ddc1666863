import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import type { Role } from "~/lib/permissions";
import { KpiBoardPage, KpiDetailPage } from "~/modules/kpis";
import { setActual } from "~/modules/kpis/index.server";
import * as boardRoute from "~/routes/initiatives/kpis/board";
import * as exportRoute from "~/routes/initiatives/kpis/board-export";
import * as definitionsExportRoute from "~/routes/initiatives/kpis/definitions-export";
import * as definitionsRoute from "~/routes/initiatives/kpis/definitions";
import * as detailRoute from "~/routes/initiatives/kpis/detail";
import * as newRoute from "~/routes/initiatives/kpis/new";
import { actionArgs, formPost, loaderArgs, outcomeStatus } from "../support/actions";
import { makeDepartment, makeUser, request, sessionCookie } from "../support/factories";
import { day, kpiWithPlan } from "../support/kpis";
import { renderPage, textOf } from "../support/render";

// The KPI pages (decision 041): who may open what, a KPI created once from a template, plans
// refused next to their fields with nothing written, the board's drill-down and its CSV.

async function signedIn(role: Role, data: Parameters<typeof makeUser>[0] = {}) {
  const user = await makeUser({ role, ...data });
  const scope = data.manages ?? [];
  return {
    user,
    principal: { id: user.id, role, scopeDepartmentIds: scope },
    cookie: (await sessionCookie(user.id)).cookie,
  };
}

const jsonPost = (url: string, cookie: string, body: unknown) =>
  new Request(new URL(url, "http://localhost"), {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });

type Answer = { ok: boolean; fieldErrors?: Record<string, string>; formError?: string };
const answerOf = (result: unknown) => (result as { data: Answer }).data ?? (result as Answer);
const actual = (period: string, value: number) => ({ period: day(period), value });

describe("KPI routes", () => {
  it("refuses employees (403) and shows a manager only KPIs and rows of their tree (404 outside)", async () => {
    const hr = await signedIn("HR");
    const [mine, theirs] = [await makeDepartment(), await makeDepartment()];
    const shared = await kpiWithPlan(hr.principal, [mine.id, theirs.id]);
    const elsewhere = await kpiWithPlan(hr.principal, [theirs.id]);
    const employee = await signedIn("EMPLOYEE", { departmentId: mine.id });
    for (const route of [boardRoute, definitionsRoute, newRoute])
      expect(
        await outcomeStatus(() =>
          route.loader(loaderArgs(request("/initiatives/kpis", { cookie: employee.cookie }))),
        ),
      ).toBe(403);
    const manager = await signedIn("MANAGER", { manages: [mine.id] });
    const board = await boardRoute.loader(
      loaderArgs(request("/initiatives/kpis", { cookie: manager.cookie })),
    );
    expect(new Set(board.rows.map((r) => r.departmentId))).toEqual(new Set([mine.id]));
    expect(board.rows.map((r) => r.kpiId)).toContain(shared.id);
    // Drilling down to a department outside their tree shows nothing of it.
    const elsewhereRows = await boardRoute.loader(
      loaderArgs(request(`/initiatives/kpis?department=${theirs.id}`, { cookie: manager.cookie })),
    );
    expect(elsewhereRows.rows).toEqual([]);
    expect(
      await outcomeStatus(() =>
        detailRoute.loader(
          loaderArgs(request(`/initiatives/kpis/${elsewhere.id}`, { cookie: manager.cookie }), {
            kpiId: elsewhere.id,
          }),
        ),
      ),
    ).toBe(404);
    // Managers read; only HR changes definitions.
    expect(
      await outcomeStatus(() =>
        detailRoute.action(
          actionArgs(
            formPost(`/initiatives/kpis/${shared.id}`, manager.cookie, {
              intent: "removeDepartment",
              departmentId: mine.id,
            }),
            { kpiId: shared.id },
          ),
        ),
      ),
    ).toBe(403);
    expect(
      await outcomeStatus(() =>
        detailRoute.loader(
          loaderArgs(request("/initiatives/kpis/nope", { cookie: hr.cookie }), { kpiId: "nope" }),
        ),
      ),
    ).toBe(404);
  });

  it("creates a KPI from a template once per submission, its name kept in both languages", async () => {
    const hr = await signedIn("HR");
    const page = await newRoute.loader(
      loaderArgs(request("/initiatives/kpis/new?template=complaintRate", { cookie: hr.cookie })),
    );
    expect(page.template).toBe("complaintRate");
    const form = {
      submissionKey: page.submissionKey,
      template: "complaintRate",
      name: "Complaint rate",
      storedName: "kpis.templates.complaintRate.name",
      unit: "per 1,000 contacts",
      storedUnit: "kpis.templates.complaintRate.unit",
      direction: "LOWER_IS_BETTER",
      precision: "2",
      period: "MONTHLY",
      minValue: "0",
      maxValue: "1000",
      description: "",
      storedDescription: "",
      initiativeId: "",
    };
    const first = await outcomeStatus(() =>
      newRoute.action(actionArgs(formPost("/initiatives/kpis/new", hr.cookie, form))),
    );
    const second = await outcomeStatus(() =>
      newRoute.action(actionArgs(formPost("/initiatives/kpis/new", hr.cookie, form))),
    );
    expect([first, second]).toEqual([302, 302]);
    const kpis = await getDb().kpiDefinition.findMany({ where: { createdById: hr.user.id } });
    expect(kpis).toHaveLength(1);
    expect(kpis[0]).toMatchObject({ name: "kpis.templates.complaintRate.name", minValue: 0 });
    // Bad input: each error next to its field, nothing written.
    const refused = answerOf(
      await newRoute.action(
        actionArgs(
          formPost("/initiatives/kpis/new", hr.cookie, {
            ...form,
            submissionKey: "other",
            name: "",
            precision: "9",
            minValue: "10",
            maxValue: "5",
          }),
        ),
      ),
    );
    expect(refused.fieldErrors).toMatchObject({
      name: "validation.required",
      precision: "validation.outOfRange",
      maxValue: "kpis.errors.maxNotAboveMin",
    });
    expect(await getDb().kpiDefinition.count({ where: { createdById: hr.user.id } })).toBe(1);
  });

  it("applies a KPI to departments and refuses a plan outside the range, writing nothing", async () => {
    const hr = await signedIn("HR");
    const department = await makeDepartment({ name: "Call Centre" });
    const kpi = await kpiWithPlan(hr.principal, []);
    const url = `/initiatives/kpis/${kpi.id}`;
    const add = answerOf(
      await detailRoute.action(
        actionArgs(
          jsonPost(url, hr.cookie, { intent: "addDepartments", departmentIds: [department.id] }),
          { kpiId: kpi.id },
        ),
      ),
    );
    expect(add.ok).toBe(true);
    const refused = answerOf(
      await detailRoute.action(
        actionArgs(
          jsonPost(url, hr.cookie, {
            intent: "plan",
            departmentId: department.id,
            baselineValue: "7",
            baselineOn: "2026-01-01",
            targetValue: "4.5",
            targetOn: "2026-12-31",
            phaseTargets: [],
          }),
          { kpiId: kpi.id },
        ),
      ),
    );
    expect(refused).toMatchObject({
      ok: false,
      fieldErrors: { baselineValue: "kpis.errors.aboveMax" },
    });
    const plan = await getDb().kpiDepartment.findUniqueOrThrow({
      where: { kpiId_departmentId: { kpiId: kpi.id, departmentId: department.id } },
    });
    expect(plan.baselineValue).toBeNull();
    const saved = answerOf(
      await detailRoute.action(
        actionArgs(
          jsonPost(url, hr.cookie, {
            intent: "plan",
            departmentId: department.id,
            baselineValue: "3.456",
            baselineOn: "2026-01-01",
            targetValue: "4.5",
            targetOn: "2026-12-31",
            phaseTargets: [],
          }),
          { kpiId: kpi.id },
        ),
      ),
    );
    expect(saved.ok).toBe(true);
    const data = await detailRoute.loader(
      loaderArgs(request(`${url}?department=${department.id}`, { cookie: hr.cookie }), {
        kpiId: kpi.id,
      }),
    );
    expect(data.plans[0]).toMatchObject({ baselineValue: 3.46, departmentName: "Call Centre" });
    const html = await renderPage(createElement(KpiDetailPage, { data, actionData: undefined }));
    expect(textOf(html)).toContain("Plan for Call Centre");
    expect(html).toContain('data-testid="kpi-plan-form"');
  });

  it("drills down from a department to its sub-departments, filters by status and exports formula-safe", async () => {
    const hr = await signedIn("HR");
    const parent = await makeDepartment({ name: '=HYPERLINK("http://x")' });
    const child = await makeDepartment({ name: "Complaints", parentId: parent.id });
    const other = await makeDepartment({ name: "Finance" });
    const kpi = await kpiWithPlan(hr.principal, [parent.id, child.id, other.id]);
    await setActual(hr.principal, kpi.id, child.id, actual("2026-06-01", 4.4));
    await setActual(hr.principal, kpi.id, other.id, actual("2026-06-01", 3.0));
    const drilled = await boardRoute.loader(
      loaderArgs(
        request(`/initiatives/kpis?kpi=${kpi.id}&department=${parent.id}`, { cookie: hr.cookie }),
      ),
    );
    expect(drilled.rows.map((r) => r.departmentId)).toEqual([parent.id, child.id]);
    expect(drilled.rows[1]).toMatchObject({
      depth: 1,
      change: 0.9,
      changeSense: 1,
      status: "ON_TRACK",
    });
    const offTrack = await boardRoute.loader(
      loaderArgs(
        request(`/initiatives/kpis?kpi=${kpi.id}&status=OFF_TRACK`, { cookie: hr.cookie }),
      ),
    );
    expect(offTrack.rows.map((r) => r.departmentId)).toEqual([other.id]);
    expect(offTrack.counts).toMatchObject({ ON_TRACK: 1, OFF_TRACK: 1, NO_DATA: 1 });
    const html = await renderPage(createElement(KpiBoardPage, { data: drilled }), "zh");
    expect(textOf(html)).toContain("按计划");
    const response = await exportRoute.loader({
      ...loaderArgs(request(`/initiatives/kpis/export?kpi=${kpi.id}`, { cookie: hr.cookie })),
      context: { clientAddress: "10.1.1.1" },
    } as never);
    const csv = await (response as Response).text();
    expect(csv).toContain("'=HYPERLINK");
    expect(csv.split("\n").filter((line) => line.trim()).length).toBe(4);
  });

  it("exports the KPI definitions the list shows, formula-safe, a manager only theirs", async () => {
    const hr = await signedIn("HR");
    const mine = await makeDepartment();
    const other = await makeDepartment();
    await kpiWithPlan(hr.principal, [mine.id], {}, { name: '=HYPERLINK("x")', unit: "pts" });
    await kpiWithPlan(hr.principal, [other.id], {}, { name: "Elsewhere" });
    const manager = await signedIn("MANAGER", { manages: [mine.id] });
    const exported = async (cookie: string, query = "") => {
      const response = await definitionsExportRoute.loader({
        ...loaderArgs(request(`/initiatives/kpis/definitions/export${query}`, { cookie })),
        context: { clientAddress: "10.1.1.2" },
      } as never);
      return (response as Response).text();
    };
    const all = await exported(hr.cookie);
    expect(all.split("\n")[0]).toContain("Name,Unit,Direction,Decimal places,Period");
    expect(all).toContain("'=HYPERLINK");
    expect(all).toContain("Elsewhere");
    const theirs = await exported(manager.cookie);
    expect(theirs).toContain("'=HYPERLINK");
    expect(theirs).not.toContain("Elsewhere");
    // Archived ones only when asked for: none here.
    expect((await exported(hr.cookie, "?archived=1")).trim().split("\n")).toHaveLength(1);
    const employee = await signedIn("EMPLOYEE");
    expect(await outcomeStatus(() => exported(employee.cookie))).toBe(403);
  });
});
