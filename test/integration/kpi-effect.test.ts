import { randomUUID } from "node:crypto";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { getFixedT } from "~/lib/i18n.server";
import type { Principal, Role } from "~/lib/permissions";
import { statementCount } from "~/lib/statement-count.server";
import { readinessReport } from "~/modules/initiatives/index.server";
import {
  actualSchema,
  departmentPlanSchema,
  EffectPage,
  effectSummaryOf,
  effectSummaryText,
  FINISHED_TRAINING_PCT,
  kpiDefinitionSchema,
  type EffectKpi,
  type KpiDirectionValue,
} from "~/modules/kpis";
import {
  addKpiDepartments,
  createKpi,
  initiativeEffect,
  setActual,
  setDepartmentPlan,
} from "~/modules/kpis/index.server";
import * as exportRoute from "~/routes/initiatives/effect-export";
import * as effectRoute from "~/routes/initiatives/effect";
import { loaderArgs, outcomeStatus } from "../support/actions";
import { makeDepartment, makeUser, request, sessionCookie } from "../support/factories";
import { answer, makeInitiative, makePulse, same } from "../support/readiness";
import { renderPage, textOf } from "../support/render";

// The effect table of an initiative (issue 16 item 5, decision 041): completion, readiness and
// each KPI's change per department; the finished-training group against the others; who sees
// which departments; the survey floor; the CSV; a flat query budget.

/** A signed-in user; `scope` is the manager's tree as the session expands it. */
async function signedIn(role: Role, manages: string[] = [], scope: string[] = manages) {
  const user = await makeUser({ role, manages });
  const principal: Principal = { id: user.id, role, scopeDepartmentIds: scope };
  return { user, principal, cookie: (await sessionCookie(user.id)).cookie };
}

/**
 * Required-course completion straight into the report counters (what the learning module
 * keeps per department and course; the readiness tests build them from enrolments).
 */
async function requireCourse(initiativeId: string, completion: [string, number, number][]) {
  const courseId = `course-${randomUUID()}`;
  await getDb().initiativeCourse.create({ data: { initiativeId, courseId } });
  await getDb().progressTotal.createMany({
    data: completion.map(([departmentId, assigned, completed]) => ({
      departmentId,
      courseId,
      assigned,
      completed,
    })),
  });
}

type Plan = [departmentId: string, baseline: string | null, latest: string | null];

/** A monthly KPI applied to departments with a baseline (January) and a March actual. */
async function makeKpi(
  hr: Principal,
  fields: {
    name: string;
    storedName?: string;
    unit: string;
    storedUnit?: string;
    direction: KpiDirectionValue;
    precision: number;
  },
  plans: Plan[],
) {
  const input = kpiDefinitionSchema.parse({
    ...fields,
    precision: String(fields.precision),
    period: "MONTHLY",
  });
  const kpi = await createKpi(hr, input);
  await addKpiDepartments(hr, kpi.id, { departmentIds: plans.map(([id]) => id) });
  const rules = { minValue: null, maxValue: null, precision: fields.precision };
  for (const [departmentId, baseline, latest] of plans) {
    if (baseline !== null)
      await setDepartmentPlan(
        hr,
        kpi.id,
        departmentPlanSchema(rules).parse({
          departmentId,
          baselineValue: baseline,
          baselineOn: "2026-01-01",
        }),
      );
    if (latest !== null)
      await setActual(
        hr,
        kpi.id,
        departmentId,
        actualSchema({ ...rules, period: "MONTHLY" }).parse({ period: "2026-03", value: latest }),
      );
  }
  return kpi;
}

/**
 * =Arcade (East 9/10 trained, West 1/2), Support 4/5 (exactly 80 %), Logistics (nobody
 * enrolled), and Finance outside the initiative. Satisfaction (higher is better) and the
 * complaint rate (lower is better) in every reached department but =Arcade itself.
 */
async function setting() {
  const { principal: hr } = await signedIn("HR");
  const arcade = await makeDepartment({ name: "=Arcade" });
  const east = await makeDepartment({ name: "Arcade East", parentId: arcade.id });
  const west = await makeDepartment({ name: "Arcade West", parentId: arcade.id });
  const support = await makeDepartment({ name: "Support" });
  const logistics = await makeDepartment({ name: "Logistics" });
  const finance = await makeDepartment({ name: "Finance" });
  const initiative = await makeInitiative([
    { departmentId: arcade.id },
    { departmentId: support.id },
    { departmentId: logistics.id },
  ]);
  await requireCourse(initiative.id, [
    [east.id, 10, 9],
    [west.id, 2, 1],
    [support.id, 5, 4],
    [finance.id, 5, 5],
  ]);
  const pulse = await makePulse(initiative.id, { title: "March pulse" });
  await answer(pulse.id, east.id, same(5, [4, 2, 4, 4, 4]));
  await answer(pulse.id, support.id, same(2, [1, 1, 1, 1, 1]));
  const satisfaction = await makeKpi(
    hr,
    {
      name: "Customer satisfaction (1–5)",
      storedName: "kpis.templates.csat5.name",
      unit: "points (1–5)",
      storedUnit: "kpis.templates.csat5.unit",
      direction: "HIGHER_IS_BETTER",
      precision: 2,
    },
    [
      [east.id, "3.5", "4.1"],
      [support.id, "3.8", "4"],
      [west.id, "3.6", "3.7"],
      [logistics.id, "3.9", "3.6"],
      [finance.id, "2", "5"],
    ],
  );
  const complaints = await makeKpi(
    hr,
    {
      name: "Complaint rate",
      unit: "per 1,000 contacts",
      direction: "LOWER_IS_BETTER",
      precision: 1,
    },
    [
      [east.id, "12", "9"],
      [support.id, "10", "8"],
      [west.id, "11", "10"],
      [logistics.id, "9", null],
    ],
  );
  const elsewhere = await makeKpi(
    hr,
    { name: "Finance only", unit: "", direction: "HIGHER_IS_BETTER", precision: 0 },
    [[finance.id, "1", "2"]],
  );
  return {
    hr,
    arcade,
    east,
    west,
    support,
    logistics,
    finance,
    initiative,
    satisfaction,
    complaints,
    elsewhere,
  };
}

const byName = <R extends { name: string }>(rows: readonly R[], name: string) =>
  rows.find((row) => row.name === name)!;

describe("initiativeEffect", () => {
  it("groups departments at 80 % completion and averages each KPI's change in its direction", async () => {
    const s = await setting();
    const effect = await initiativeEffect(s.hr, s.initiative.id);
    expect(effect.rows.map((row) => [row.name, row.depth, row.group])).toEqual([
      // =Arcade rolls up its branches: (9 + 1) / (10 + 2) = 83 %.
      ["=Arcade", 0, "finished"],
      ["Arcade East", 1, "finished"],
      ["Arcade West", 1, "others"],
      ["Logistics", 0, "others"],
      ["Support", 0, "finished"],
    ]);
    expect(FINISHED_TRAINING_PCT).toBe(80);
    expect(byName(effect.rows, "Support").completion).toBe(80);
    expect(byName(effect.rows, "Arcade East").completion).toBe(90);
    expect(byName(effect.rows, "Logistics").completion).toBeNull();
    // Only KPIs of reached departments; Finance's values count nowhere.
    expect(effect.kpis.map((kpi) => kpi.id).sort()).toEqual(
      [s.satisfaction.id, s.complaints.id].sort(),
    );
    const east = byName(effect.rows, "Arcade East").cells;
    expect(east[s.satisfaction.id]).toMatchObject({ change: 0.6, gain: 0.6, sense: 1 });
    expect(east[s.complaints.id]).toMatchObject({ change: -3, gain: 3, sense: 1 });
    expect(byName(effect.rows, "Logistics").cells[s.satisfaction.id]).toMatchObject({
      change: -0.3,
      gain: -0.3,
      sense: -1,
    });
    expect(byName(effect.rows, "Logistics").cells[s.complaints.id]).toMatchObject({
      baselineValue: 9,
      latestValue: null,
      change: null,
      sense: 0,
      status: "NO_DATA",
    });
    expect(byName(effect.rows, "=Arcade").cells).toEqual({});
    const groupsOf = (kpiId: string) =>
      effect.summaries.find((summary) => summary.kpi.id === kpiId)!.groups;
    // Higher is better: finished (0.60 + 0.20) / 2; others (0.10 − 0.30) / 2.
    expect(groupsOf(s.satisfaction.id)).toEqual({
      finished: { departments: 2, meanGain: 0.4, meanChange: 0.4 },
      others: { departments: 2, meanGain: -0.1, meanChange: -0.1 },
    });
    // Lower is better: a fall is the improvement. Logistics has no actual: not counted.
    expect(groupsOf(s.complaints.id)).toEqual({
      finished: { departments: 2, meanGain: 2.5, meanChange: -2.5 },
      others: { departments: 1, meanGain: 1, meanChange: -1 },
    });
    const en = await getFixedT("en");
    const texts = effect.summaries.map((summary) => effectSummaryText(en, summary)).sort();
    expect(texts).toEqual([
      "Departments that finished training improved Complaint rate by 2.5 per 1,000 contacts on average (2 departments); the others by 1.0 per 1,000 contacts (1 department).",
      "Departments that finished training improved Customer satisfaction (1–5) by 0.40 points (1–5) on average (2 departments); for the others it worsened by 0.10 points (1–5) (2 departments).",
    ]);
    const zh = await getFixedT("zh");
    expect(
      effectSummaryText(
        zh,
        effect.summaries.find((x) => x.kpi.id === s.satisfaction.id)!,
      ),
    ).toBe(
      "已完成培训的部门平均将客户满意度（1–5）改善了 0.40 分（1–5）（2 个部门）；其他部门平均变差了 0.10 分（1–5）（2 个部门）。",
    );
  });

  it("shows readiness as the readiness report does, and none below the respondent floor", async () => {
    const s = await setting();
    const effect = await initiativeEffect(s.hr, s.initiative.id);
    const report = await readinessReport(s.hr, s.initiative.id, {});
    const eastCells = report.rows.find((row) => row.departmentId === s.east.id)!.cells!;
    expect(byName(effect.rows, "Arcade East").readiness).toEqual({
      score: eastCells.readiness,
      barrier: "desire",
    });
    // Support: two answers under the floor of five; the report hides it too.
    expect(report.rows.find((row) => row.departmentId === s.support.id)!.cells).toBeNull();
    expect(byName(effect.rows, "Support").readiness).toBeNull();
    expect(byName(effect.rows, "Logistics").readiness).toBeNull();
    expect(effect.pulse).toMatchObject({ title: "March pulse" });
    expect(effect.floor).toBe(5);
    // Nothing of Support's answers reaches the page data.
    expect(JSON.stringify(byName(effect.rows, "Support"))).not.toMatch(/readiness":\{/);
  });

  it("shows a manager only their tree, refuses employees (403), hides missing and foreign initiatives (404)", async () => {
    const s = await setting();
    const manager = await signedIn("MANAGER", [s.arcade.id], [s.arcade.id, s.east.id, s.west.id]);
    const mine = await initiativeEffect(manager.principal, s.initiative.id);
    expect(mine.rows.map((row) => row.name)).toEqual(["=Arcade", "Arcade East", "Arcade West"]);
    const satisfaction = mine.summaries.find((x) => x.kpi.id === s.satisfaction.id)!;
    expect(satisfaction.groups).toEqual({
      finished: { departments: 1, meanGain: 0.6, meanChange: 0.6 },
      others: { departments: 1, meanGain: 0.1, meanChange: 0.1 },
    });
    expect(JSON.stringify(mine)).not.toContain(s.support.id);
    const url = `/initiatives/${s.initiative.id}/effect`;
    const params = { initiativeId: s.initiative.id };
    const load = (cookie: string, path = url, p = params) =>
      effectRoute.loader(loaderArgs(request(path, { cookie }), p));
    const employee = await signedIn("EMPLOYEE");
    expect(await outcomeStatus(() => load(employee.cookie))).toBe(403);
    expect(
      await outcomeStatus(() =>
        exportRoute.loader(
          loaderArgs(request(`${url}/export`, { cookie: employee.cookie }), params),
        ),
      ),
    ).toBe(403);
    await expect(initiativeEffect(employee.principal, s.initiative.id)).rejects.toMatchObject({
      status: 403,
    });
    const outsider = await signedIn("MANAGER", [s.finance.id]);
    expect(await outcomeStatus(() => load(outsider.cookie))).toBe(404);
    expect(
      await outcomeStatus(() =>
        load(manager.cookie, "/initiatives/missing/effect", { initiativeId: "missing" }),
      ),
    ).toBe(404);
    const page = await load(manager.cookie);
    expect(page.effect.rows).toHaveLength(3);
  });

  it("exports one formula-safe row per department × KPI, hidden readiness without a number", async () => {
    const s = await setting();
    const { cookie } = await signedIn("HR");
    const response = (await exportRoute.loader(
      loaderArgs(request(`/initiatives/${s.initiative.id}/effect/export`, { cookie }), {
        initiativeId: s.initiative.id,
      }),
    )) as Response;
    expect(response.headers.get("Content-Type")).toContain("text/csv");
    const [header, ...rows] = (await response.text())
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(header).toBe(
      "Department,Level (0 = top),Group,Required-course completion (%),Readiness,Barrier point,KPI,Unit,Direction,Baseline,Latest,Latest period,Change (latest − baseline),Improvement,Status",
    );
    // KPIs by stored name: "Complaint rate" before the template key "kpis.templates…".
    expect(rows).toEqual([
      // The name starts with "=": a spreadsheet would run it, so it gets a leading quote.
      "'=Arcade,0,Finished training,83.3,65.8,Desire,,,,,,,,,",
      `Arcade East,1,Finished training,90,66.5,Desire,Complaint rate,"per 1,000 contacts",Lower is better,12,9,2026-03,-3,3,No target`,
      `Arcade East,1,Finished training,90,66.5,Desire,Customer satisfaction (1–5),points (1–5),Higher is better,3.5,4.1,2026-03,0.6,0.6,No target`,
      // No answers at all is also under the floor (as on the readiness page).
      `Arcade West,1,Others,50,Fewer than 5 answered,,Complaint rate,"per 1,000 contacts",Lower is better,11,10,2026-03,-1,1,No target`,
      `Arcade West,1,Others,50,Fewer than 5 answered,,Customer satisfaction (1–5),points (1–5),Higher is better,3.6,3.7,2026-03,0.1,0.1,No target`,
      `Logistics,0,Others,,Fewer than 5 answered,,Complaint rate,"per 1,000 contacts",Lower is better,9,,,,,No data`,
      `Logistics,0,Others,,Fewer than 5 answered,,Customer satisfaction (1–5),points (1–5),Higher is better,3.9,3.6,2026-03,-0.3,-0.3,No target`,
      `Support,0,Finished training,80,Fewer than 5 answered,,Complaint rate,"per 1,000 contacts",Lower is better,10,8,2026-03,-2,2,No target`,
      `Support,0,Finished training,80,Fewer than 5 answered,,Customer satisfaction (1–5),points (1–5),Higher is better,3.8,4,2026-03,0.2,0.2,No target`,
    ]);
  });
});

describe("the effect summary", () => {
  const kpi: EffectKpi = {
    id: "k",
    name: "kpis.templates.referralScore.name",
    unit: "kpis.templates.referralScore.unit",
    precision: 0,
    direction: "HIGHER_IS_BETTER",
  };
  const cell = (change: number | null) => ({
    baselineValue: change === null ? null : 10,
    latestValue: change === null ? null : 10 + change,
    latestPeriod: null,
    change,
    gain: change,
    sense: (change === null || change === 0 ? 0 : Math.sign(change)) as -1 | 0 | 1,
    status: "NO_TARGET" as const,
  });

  it("says there is nothing to compare with 0 departments with data", async () => {
    const en = await getFixedT("en");
    const summary = effectSummaryOf(kpi, [
      { group: "finished", cell: cell(null) },
      { group: "others", cell: undefined },
    ]);
    expect(summary.groups).toEqual({
      finished: { departments: 0, meanGain: null, meanChange: null },
      others: { departments: 0, meanGain: null, meanChange: null },
    });
    expect(effectSummaryText(en, summary)).toBe(
      "No department has both a baseline and a latest value for Referral score (NPS) yet, so there is nothing to compare.",
    );
    expect(effectSummaryText(en, effectSummaryOf(kpi, []))).toBe(effectSummaryText(en, summary));
  });

  it("handles one group empty, and rounds the means to the KPI's precision", async () => {
    const en = await getFixedT("en");
    const onlyFinished = effectSummaryOf(kpi, [
      { group: "finished", cell: cell(3) },
      { group: "finished", cell: cell(4) },
      { group: "others", cell: cell(null) },
    ]);
    expect(onlyFinished.groups.finished).toEqual({ departments: 2, meanGain: 4, meanChange: 4 });
    expect(effectSummaryText(en, onlyFinished)).toBe(
      "Departments that finished training improved Referral score (NPS) by 4 NPS on average (2 departments); no other department has data to compare with.",
    );
    const onlyOthers = effectSummaryOf(kpi, [{ group: "others", cell: cell(-5) }]);
    expect(effectSummaryText(en, onlyOthers)).toBe(
      "No department that finished training has data on Referral score (NPS) yet; for the others it worsened by 5 NPS (1 department).",
    );
    const unchanged = effectSummaryOf(kpi, [
      { group: "finished", cell: cell(0) },
      { group: "others", cell: cell(2) },
    ]);
    expect(effectSummaryText(en, unchanged)).toBe(
      "In departments that finished training, Referral score (NPS) did not change on average (1 department); the others improved it by 2 NPS (1 department).",
    );
  });
});

describe("the effect page as rendered", () => {
  it("says it is a comparison, not proof, shows the summary, hidden readiness and KPI links", async () => {
    const s = await setting();
    const { cookie } = await signedIn("HR");
    const data = JSON.parse(
      JSON.stringify(
        await effectRoute.loader(
          loaderArgs(request(`/initiatives/${s.initiative.id}/effect`, { cookie }), {
            initiativeId: s.initiative.id,
          }),
        ),
      ),
    );
    const html = await renderPage(createElement(EffectPage, data), "en");
    const text = textOf(html);
    expect(text).toContain("A comparison, not proof of cause");
    expect(text).toContain("at least 80 % of their required-course enrolments");
    expect(text).toContain(
      "Departments that finished training improved Complaint rate by 2.5 per 1,000 contacts on average (2 departments)",
    );
    expect(text).toContain("Fewer than 5 answered");
    expect(text).toContain("+0.60 better");
    expect(text).toContain("-0.30 worse");
    expect(html).toContain(`/initiatives/kpis/${s.satisfaction.id}/departments/${s.east.id}`);
    expect(html).toContain(`/initiatives/${s.initiative.id}/effect/export`);
    const zh = textOf(await renderPage(createElement(EffectPage, data), "zh"));
    expect(zh).toContain("这是比较，不是因果证明");
    expect(zh).toContain("回答人数少于 5 人");
  });
});

describe("the effect table's queries", () => {
  it("issues the same number of statements with 3 departments as with 30", async () => {
    const { principal: hr } = await signedIn("HR");
    const root = await makeDepartment({ name: "Region" });
    const initiative = await makeInitiative([{ departmentId: root.id }]);
    const pulse = await makePulse(initiative.id);
    const kpis = [
      await makeKpi(hr, { name: "A", unit: "", direction: "HIGHER_IS_BETTER", precision: 1 }, []),
      await makeKpi(hr, { name: "B", unit: "", direction: "LOWER_IS_BETTER", precision: 1 }, []),
    ];
    const courseId = `course-${randomUUID()}`;
    await getDb().initiativeCourse.create({ data: { initiativeId: initiative.id, courseId } });
    let made = 0;
    const addDepartments = async (count: number) => {
      for (let i = 0; i < count; i++, made++) {
        const department = await makeDepartment({ name: `Branch ${made}`, parentId: root.id });
        await getDb().progressTotal.create({
          data: { departmentId: department.id, courseId, assigned: 10, completed: made % 10 },
        });
        await answer(pulse.id, department.id, same(5));
        for (const kpi of kpis)
          await getDb().kpiDepartment.create({
            data: {
              kpiId: kpi.id,
              departmentId: department.id,
              baselineValue: 10,
              baselineOn: new Date("2026-01-01T00:00:00Z"),
              latestValue: 10 + (made % 3),
              latestPeriod: new Date("2026-03-01T00:00:00Z"),
              status: "NO_TARGET",
            },
          });
      }
    };
    const { cookie } = await signedIn("HR");
    const measure = async () => {
      const before = statementCount();
      const data = await effectRoute.loader(
        loaderArgs(request(`/initiatives/${initiative.id}/effect`, { cookie }), {
          initiativeId: initiative.id,
        }),
      );
      return { statements: statementCount() - before, rows: data.effect.rows.length };
    };
    await addDepartments(3);
    const small = await measure();
    await addDepartments(27);
    const large = await measure();
    expect([small.rows, large.rows]).toEqual([4, 31]);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(EFFECT_BUDGET);
  });
});

/**
 * The session, the initiative, the readiness context (pulses, phases, required courses,
 * targets, the tree, headcounts, answers, completion, participation) and the KPI pairs.
 */
const EFFECT_BUDGET = 16;
