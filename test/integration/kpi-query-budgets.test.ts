import { describe, it } from "vitest";
import type { Principal, Role } from "~/lib/permissions";
import { logFeedbackSchema } from "~/modules/kpis";
import { addKpiDepartments, logFeedback, setActual } from "~/modules/kpis/index.server";
import * as feedbackRoute from "~/routes/initiatives/feedback";
import * as boardRoute from "~/routes/initiatives/kpis/board";
import * as definitionsRoute from "~/routes/initiatives/kpis/definitions";
import * as detailRoute from "~/routes/initiatives/kpis/detail";
import { expectPageBudget, times } from "../support/budgets";
import { makeDepartment, makeUser, sessionCookie } from "../support/factories";
import { day, kpiWithPlan } from "../support/kpis";

// Query budgets of the KPI pages (issue 13 item 4 for issue 16's pages): the same statements
// with 3 rows as with 30, within a fixed number, as HR and as a manager of a tree.

async function signedIn(role: Role, manages: string[] = []) {
  const user = await makeUser({ role, manages });
  const principal: Principal = { id: user.id, role, scopeDepartmentIds: manages };
  return { user, principal, cookie: (await sessionCookie(user.id)).cookie };
}

/** A department under `parentId` with the KPI applied, planned and one actual entered. */
async function plannedDepartment(hr: Principal, kpiId: string, parentId: string, i: number) {
  const department = await makeDepartment({ parentId });
  await addKpiDepartments(hr, kpiId, { departmentIds: [department.id] });
  await setActual(hr, kpiId, department.id, {
    period: day("2026-03-01"),
    value: 3 + (i % 10) / 10,
  });
  return department;
}

describe("query budgets: the KPI pages", { timeout: 120_000 }, () => {
  it("the board as HR and as a manager: the same statements for 3 and 30 departments", async () => {
    const hr = await signedIn("HR");
    const top = await makeDepartment();
    const kpi = await kpiWithPlan(hr.principal, [top.id]);
    const manager = await signedIn("MANAGER", [top.id]);
    let added = 0;
    const addDepartments = (count: number) =>
      times(count, () => plannedDepartment(hr.principal, kpi.id, top.id, added++));
    // 4 for HR (6 before the board read the KPIs once); a manager's KPI choices add one.
    await expectPageBudget(
      4,
      { route: boardRoute, url: "/initiatives/kpis", cookie: hr.cookie },
      addDepartments,
    );
    await expectPageBudget(
      5,
      { route: boardRoute, url: "/initiatives/kpis", cookie: manager.cookie },
      addDepartments,
    );
  });

  it("the KPI definitions as HR: the same statements for 3 and 30 KPIs", async () => {
    const hr = await signedIn("HR");
    const department = await makeDepartment();
    await expectPageBudget(
      3,
      { route: definitionsRoute, url: "/initiatives/kpis/definitions", cookie: hr.cookie },
      (count) =>
        times(count, (i) => kpiWithPlan(hr.principal, [department.id], {}, { name: `KPI ${i}` })),
    );
  });

  it("a KPI's page as HR: the same statements for 3 and 30 departments", async () => {
    const hr = await signedIn("HR");
    const top = await makeDepartment();
    const kpi = await kpiWithPlan(hr.principal, [top.id]);
    let added = 0;
    await expectPageBudget(
      7,
      {
        route: detailRoute,
        url: `/initiatives/kpis/${kpi.id}`,
        cookie: hr.cookie,
        params: { kpiId: kpi.id },
      },
      (count) => times(count, () => plannedDepartment(hr.principal, kpi.id, top.id, added++)),
    );
  });

  it("customer feedback as a manager: the same statements for 3 and 30 items", async () => {
    const hr = await signedIn("HR");
    const top = await makeDepartment();
    const manager = await signedIn("MANAGER", [top.id]);
    await expectPageBudget(
      7,
      { route: feedbackRoute, url: "/initiatives/feedback", cookie: manager.cookie },
      (count) =>
        times(count, async (i) => {
          const department = await makeDepartment({ parentId: top.id });
          await logFeedback(
            hr.principal,
            logFeedbackSchema.parse({
              departmentId: department.id,
              receivedOn: "2026-03-04",
              channel: "PHONE",
              sentiment: "NEGATIVE",
              text: `Waited on hold, call ${i}.`,
            }),
          );
        }),
    );
  });
});
