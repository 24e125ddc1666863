import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import type { Role } from "~/lib/permissions";
import { statementCount } from "~/lib/statement-count.server";
import { KpiDepartmentPage } from "~/modules/kpis";
import { setActual, setDepartmentPlan } from "~/modules/kpis/index.server";
import * as exportRoute from "~/routes/initiatives/kpis/department-export";
import * as pageRoute from "~/routes/initiatives/kpis/department";
import { actionArgs, formPost, loaderArgs, outcomeStatus } from "../support/actions";
import { makeDepartment, makeUser, request, sessionCookie } from "../support/factories";
import { day, kpiWithPlan } from "../support/kpis";
import { publishedCourse } from "../support/learning";
import { makeInitiative } from "../support/readiness";
import { renderPage } from "../support/render";

// One KPI in one department (issue 16 items 2 and 4, decision 041): the chart's phase bands,
// points and roll-out markers, entering and correcting actuals (manager in their tree only),
// range errors next to the field with nothing written, audited deletes, the CSV.

async function signedIn(role: Role, data: Parameters<typeof makeUser>[0] = {}) {
  const user = await makeUser({ role, ...data });
  return {
    user,
    principal: { id: user.id, role, scopeDepartmentIds: data.manages ?? [] },
    cookie: (await sessionCookie(user.id)).cookie,
  };
}

type Answer = { ok: boolean; fieldErrors?: Record<string, string> };
const answerOf = (result: unknown) => (result as { data: Answer }).data ?? (result as Answer);
const urlOf = (kpiId: string, departmentId: string) =>
  `/initiatives/kpis/${kpiId}/departments/${departmentId}`;

function load(kpiId: string, departmentId: string, cookie: string, query = "") {
  return pageRoute.loader(
    loaderArgs(request(`${urlOf(kpiId, departmentId)}${query}`, { cookie }), {
      kpiId,
      departmentId,
    }),
  );
}

function post(kpiId: string, departmentId: string, cookie: string, form: Record<string, string>) {
  return pageRoute.action(
    actionArgs(formPost(urlOf(kpiId, departmentId), cookie, form), { kpiId, departmentId }),
  );
}

/** Attributes of the first element carrying `marker` (e.g. data-period="2026-02"). */
function attributesOf(html: string, marker: string): Record<string, string> {
  const tag = new RegExp(`<[a-z]+[^>]*${marker}[^>]*>`).exec(html);
  if (!tag) throw new Error(`no element with ${marker}`);
  return Object.fromEntries([...tag[0].matchAll(/([a-z-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

describe("KPI department page", () => {
  it("charts phases as bands, each point on its phase, the target path and the department's roll-out", async () => {
    const hr = await signedIn("HR");
    const department = await makeDepartment({ name: "Call Centre" });
    const team = await makeDepartment({ name: "Night shift", parentId: department.id });
    const other = await makeDepartment({ name: "Finance" });
    const initiative = await makeInitiative([{ departmentId: department.id }]);
    const [first, second] = await Promise.all([
      getDb().initiativePhase.create({
        data: {
          initiativeId: initiative.id,
          position: 0,
          name: "Awareness",
          startsOn: day("2026-01-01"),
          endsOn: day("2026-03-31"),
        },
      }),
      getDb().initiativePhase.create({
        data: {
          initiativeId: initiative.id,
          position: 1,
          name: "Practice",
          startsOn: day("2026-04-01"),
          endsOn: day("2026-06-30"),
        },
      }),
    ]);
    const course = await publishedCourse(hr.principal);
    await getDb().initiativeCourse.create({
      data: { initiativeId: initiative.id, courseId: course.id, addedAt: day("2026-02-01") },
    });
    const version = await getDb().courseVersion.findFirstOrThrow({
      where: { courseId: course.id },
    });
    // Before the course was required (ignored), in the team below (the roll-out), elsewhere.
    for (const [departmentId, assignedAt] of [
      [department.id, "2026-01-05"],
      [team.id, "2026-02-10"],
      [other.id, "2026-02-03"],
    ] as const) {
      const learner = await makeUser({ departmentId });
      await getDb().enrolment.create({
        data: {
          userId: learner.id,
          courseId: course.id,
          versionId: version.id,
          departmentId,
          assignedAt: day(assignedAt),
        },
      });
    }
    const kpi = await kpiWithPlan(
      hr.principal,
      [department.id],
      {},
      { initiativeId: initiative.id },
    );
    await setDepartmentPlan(hr.principal, kpi.id, {
      departmentId: department.id,
      baselineValue: 3.5,
      baselineOn: day("2026-01-01"),
      targetValue: 4.5,
      targetOn: day("2026-12-31"),
      phaseTargets: [{ phaseId: first.id, value: 4 }],
    });
    for (const [period, value] of [
      ["2026-02-01", 3.8],
      ["2026-05-01", 4.2],
      ["2026-08-01", 4.4],
    ] as const)
      await setActual(hr.principal, kpi.id, department.id, { period: day(period), value });

    const before = statementCount();
    const data = await load(kpi.id, department.id, hr.cookie);
    const statements = statementCount() - before;
    expect(data.path.map((p) => p.value)).toEqual([3.5, 4, 4.5]);
    expect(data.rollouts).toEqual([
      expect.objectContaining({ courseId: course.id, rolledOutOn: day("2026-02-10") }),
    ]);
    expect(data.actuals.rows.map((r) => r.period)).toEqual(["2026-08", "2026-05", "2026-02"]);
    expect(data.can).toEqual({ create: true, update: true, delete: true });

    const html = await renderPage(
      createElement(KpiDepartmentPage, { data, actionData: undefined }),
    );
    expect(html).toContain("<title");
    expect(html).toContain("<desc");
    expect(html.match(/data-testid="kpi-chart-phase"/g)).toHaveLength(2);
    expect(html).toContain('data-testid="kpi-chart-baseline"');
    expect(html).toContain('data-testid="kpi-chart-target-path"');
    expect(html).toContain(`data-course="${course.id}"`);
    expect(html).toContain('data-testid="kpi-actual-form"');
    const band = (phaseId: string) => {
      const rect = new RegExp(
        `data-phase="${phaseId}"[^>]*>\\s*<rect[^>]*data-x0="([\\d.]+)"[^>]*data-x1="([\\d.]+)"`,
      ).exec(html);
      return { x0: Number(rect![1]), x1: Number(rect![2]) };
    };
    for (const [period, phaseId] of [
      ["2026-02", first.id],
      ["2026-05", second.id],
    ]) {
      const point = attributesOf(html, `data-period="${period}"`);
      expect(point["data-phase"]).toBe(phaseId);
      const { x0, x1 } = band(phaseId!);
      expect(Number(point["data-x"])).toBeGreaterThanOrEqual(x0);
      expect(Number(point["data-x"])).toBeLessThanOrEqual(x1);
    }
    expect(attributesOf(html, 'data-period="2026-08"')["data-phase"]).toBe("");

    // More actuals (entered by more people) read with the same statements: no per-row query.
    for (const month of ["09", "10", "11"]) {
      const someone = await signedIn("HR");
      await setActual(someone.principal, kpi.id, department.id, {
        period: day(`2026-${month}-01`),
        value: 4.3,
      });
    }
    const again = statementCount();
    await load(kpi.id, department.id, hr.cookie);
    expect(statementCount() - again).toBe(statements);
  });

  it("lets a manager enter and correct in their tree, refuses out-of-range values at the field, 403 outside, 404 unknown", async () => {
    const hr = await signedIn("HR");
    const [mine, theirs, unattached] = [
      await makeDepartment(),
      await makeDepartment(),
      await makeDepartment(),
    ];
    const kpi = await kpiWithPlan(hr.principal, [mine.id, theirs.id]);
    const manager = await signedIn("MANAGER", { manages: [mine.id], name: "Mia Manager" });

    const entered = answerOf(
      await post(kpi.id, mine.id, manager.cookie, {
        intent: "set",
        period: "2026-03-15",
        value: "4.2",
      }),
    );
    expect(entered.ok).toBe(true);
    const corrected = answerOf(
      await post(kpi.id, mine.id, manager.cookie, {
        intent: "set",
        period: "2026-03",
        value: "4.3",
      }),
    );
    expect(corrected.ok).toBe(true);
    const rows = await getDb().kpiActual.findMany({
      where: { kpiId: kpi.id, departmentId: mine.id },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ periodStart: day("2026-03-01"), value: 4.3 });
    const page = await load(kpi.id, mine.id, manager.cookie, "?edit=2026-03");
    expect(page.actuals.rows[0]).toMatchObject({
      period: "2026-03",
      value: 4.3,
      updatedBy: "Mia Manager",
    });
    expect(page.editing).toEqual({ period: "2026-03", value: 4.3 });

    // 7 on a 1–5 scale: 400, the error on the value field, nothing written.
    expect(
      await outcomeStatus(() =>
        post(kpi.id, mine.id, manager.cookie, { intent: "set", period: "2026-04", value: "7" }),
      ),
    ).toBe(400);
    const refused = answerOf(
      await post(kpi.id, mine.id, manager.cookie, { intent: "set", period: "2026-04", value: "7" }),
    );
    expect(refused).toMatchObject({ ok: false, fieldErrors: { value: "kpis.errors.aboveMax" } });
    expect(await getDb().kpiActual.count({ where: { kpiId: kpi.id } })).toBe(1);

    // Outside the tree: 403 to read, enter and export; unknown KPI or unattached department: 404.
    expect(await outcomeStatus(() => load(kpi.id, theirs.id, manager.cookie))).toBe(403);
    expect(
      await outcomeStatus(() =>
        post(kpi.id, theirs.id, manager.cookie, { intent: "set", period: "2026-03", value: "4" }),
      ),
    ).toBe(403);
    expect(await getDb().kpiActual.count({ where: { kpiId: kpi.id } })).toBe(1);
    expect(await outcomeStatus(() => load("nope", mine.id, hr.cookie))).toBe(404);
    expect(await outcomeStatus(() => load(kpi.id, unattached.id, hr.cookie))).toBe(404);
    const employee = await signedIn("EMPLOYEE", { departmentId: mine.id });
    expect(await outcomeStatus(() => load(kpi.id, mine.id, employee.cookie))).toBe(403);
  });

  it("deletes an actual with an audit entry, and exports the department's actuals formula-safe", async () => {
    const hr = await signedIn("HR");
    const department = await makeDepartment({ name: '=HYPERLINK("http://x")' });
    const kpi = await kpiWithPlan(hr.principal, [department.id]);
    for (const [period, value] of [
      ["2026-02-01", 3.7],
      ["2026-03-01", 3.9],
    ] as const)
      await setActual(hr.principal, kpi.id, department.id, { period: day(period), value });

    const deleted = answerOf(
      await post(kpi.id, department.id, hr.cookie, { intent: "delete", periodStart: "2026-02" }),
    );
    expect(deleted.ok).toBe(true);
    const left = await getDb().kpiActual.findMany({ where: { kpiId: kpi.id } });
    expect(left.map((r) => r.value)).toEqual([3.9]);
    const audit = await getDb().auditEvent.findFirstOrThrow({
      where: { subjectId: kpi.id, action: "kpi.actual.delete" },
    });
    expect(typeof audit.before).toBe("object");
    expect(audit.before).toMatchObject({
      departmentId: department.id,
      period: "2026-02",
      value: 3.7,
    });
    const sets = await getDb().auditEvent.findMany({
      where: { subjectId: kpi.id, action: "kpi.actual.set" },
    });
    expect(sets.map((entry) => entry.after)).toContainEqual(
      expect.objectContaining({ period: "2026-02", value: 3.7 }),
    );
    expect(typeof sets[0]!.after).toBe("object");
    // Deleting a period that has no value: 404, nothing else removed.
    expect(
      await outcomeStatus(() =>
        post(kpi.id, department.id, hr.cookie, { intent: "delete", periodStart: "2026-02" }),
      ),
    ).toBe(404);

    const response = await exportRoute.loader({
      ...loaderArgs(request(`${urlOf(kpi.id, department.id)}/export`, { cookie: hr.cookie }), {
        kpiId: kpi.id,
        departmentId: department.id,
      }),
      context: { clientAddress: "10.1.1.2" },
    } as never);
    const csv = await (response as Response).text();
    const lines = csv.split("\n").filter((line) => line.trim());
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain("Period");
    expect(lines[1]).toContain("'=HYPERLINK");
    expect(lines[1]).toContain("2026-03");
    expect(lines[1]).toContain("3.9");
    const outsider = await signedIn("MANAGER", { manages: [(await makeDepartment()).id] });
    expect(
      await outcomeStatus(() =>
        exportRoute.loader({
          ...loaderArgs(
            request(`${urlOf(kpi.id, department.id)}/export`, { cookie: outsider.cookie }),
            {
              kpiId: kpi.id,
              departmentId: department.id,
            },
          ),
          context: { clientAddress: "10.1.1.3" },
        } as never),
      ),
    ).toBe(403);
  });
});
