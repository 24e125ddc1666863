import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { ConflictError, NotFoundError, ValidationError } from "~/lib/errors";
import type { Principal } from "~/lib/permissions";
import { createInitiative, setPhases } from "~/modules/initiatives/index.server";
import {
  actualSchema,
  departmentPlanSchema,
  expectedOn,
  kpiStatus,
  parsePeriod,
  periodKey,
  periodStartOf,
  roundTo,
  targetPath,
} from "~/modules/kpis";
import {
  addKpiDepartments,
  createKpi,
  deleteActual,
  kpiDetail,
  listKpis,
  requireKpi,
  setActual,
  setDepartmentPlan,
  updateKpi,
} from "~/modules/kpis/index.server";
import { makeDepartment, makeUser, principalFor } from "../support/factories";
import { day, kpiInput, kpiWithPlan } from "../support/kpis";

// KPIs (decision 041): periods, the target path and status rule, definitions, plans, actuals
// with their audit, the standings kept on KpiDepartment, and a manager's reach.

const standing = (kpiId: string, departmentId: string) =>
  getDb().kpiDepartment.findUniqueOrThrow({
    where: { kpiId_departmentId: { kpiId, departmentId } },
  });

const actual = (period: string, value: string) =>
  actualSchema({ minValue: 1, maxValue: 5, precision: 2, period: "MONTHLY" }).parse({
    period,
    value,
  });

async function managerOf(departmentId: string): Promise<Principal> {
  const user = await makeUser({ role: "MANAGER", manages: [departmentId] });
  return { id: user.id, role: "MANAGER", scopeDepartmentIds: [departmentId] };
}

describe("KPI periods", () => {
  it("reads months, ISO weeks and days as the period they fall in, and writes them back", () => {
    expect(parsePeriod("2026-03", "MONTHLY")).toEqual(day("2026-03-01"));
    expect(parsePeriod("2026-03-17", "MONTHLY")).toEqual(day("2026-03-01"));
    expect(parsePeriod("2026-W10", "WEEKLY")).toEqual(day("2026-03-02"));
    expect(parsePeriod("2026-03-05", "WEEKLY")).toEqual(day("2026-03-02"));
    // 1 January 2027 is a Friday: its ISO week is the 53rd of 2026.
    expect(periodKey(periodStartOf(day("2027-01-01"), "WEEKLY"), "WEEKLY")).toBe("2026-W53");
    expect(parsePeriod("2026-W53", "WEEKLY")).toEqual(day("2026-12-28"));
    expect(parsePeriod("2027-W53", "WEEKLY")).toBeNull();
    expect(periodKey(day("2026-11-01"), "MONTHLY")).toBe("2026-11");
    for (const bad of ["2026-13", "2026-02-30", "March", "2026-W10x", ""])
      expect(parsePeriod(bad, "MONTHLY")).toBeNull();
    // A week for a monthly KPI (and a month for a weekly one) is refused, not guessed.
    expect(parsePeriod("2026-W10", "MONTHLY")).toBeNull();
    expect(parsePeriod("2026-03", "WEEKLY")).toBeNull();
  });
});

describe("KPI status rule", () => {
  const path = targetPath({
    baselineValue: 3.6,
    baselineOn: day("2026-01-01"),
    targetValue: 4.2,
    targetOn: day("2026-10-01"),
    phaseTargets: [{ on: day("2026-04-01"), value: 3.6 }],
  });

  it("follows the baseline, the phase targets and the final target by date", () => {
    expect(expectedOn(path, day("2025-12-01"))).toBe(3.6);
    // The first phase holds the baseline; the climb starts after it.
    expect(expectedOn(path, day("2026-03-01"))).toBeCloseTo(3.6);
    expect(expectedOn(path, day("2026-07-01"))).toBeCloseTo(3.6 + 0.6 * (91 / 183), 6);
    expect(expectedOn(path, day("2027-01-01"))).toBe(4.2);
  });

  it("is on track at or above the path, at risk within a quarter of the planned change, off track beyond, for both directions", () => {
    const higher = (latestValue: number) =>
      kpiStatus({
        direction: "HIGHER_IS_BETTER",
        baselineValue: 3.6,
        targetValue: 4.2,
        expectedValue: 4.0,
        latestValue,
        epsilon: 0.005,
      });
    expect(higher(4.0)).toBe("ON_TRACK");
    expect(higher(4.1)).toBe("ON_TRACK");
    expect(higher(3.85)).toBe("AT_RISK"); // 0.15 behind, a quarter of 0.6
    expect(higher(3.84)).toBe("OFF_TRACK");
    const lower = (latestValue: number) =>
      kpiStatus({
        direction: "LOWER_IS_BETTER",
        baselineValue: 12,
        targetValue: 8,
        expectedValue: 10,
        latestValue,
        epsilon: 0.005,
      });
    expect(lower(9.5)).toBe("ON_TRACK");
    expect(lower(11)).toBe("AT_RISK");
    expect(lower(11.5)).toBe("OFF_TRACK");
    // Holding a baseline: 5 % of it is the tolerance.
    const hold = (latestValue: number) =>
      kpiStatus({
        direction: "HIGHER_IS_BETTER",
        baselineValue: 80,
        targetValue: 80,
        expectedValue: 80,
        latestValue,
      });
    expect([hold(80), hold(77), hold(75)]).toEqual(["ON_TRACK", "AT_RISK", "OFF_TRACK"]);
    expect(
      kpiStatus({
        direction: "HIGHER_IS_BETTER",
        baselineValue: null,
        targetValue: null,
        expectedValue: null,
        latestValue: 3,
      }),
    ).toBe("NO_TARGET");
  });

  it("rounds half away from zero at the KPI's precision", () => {
    expect(roundTo(4.125, 2)).toBe(4.13);
    expect(roundTo(-2.5, 0)).toBe(-3);
    expect(roundTo(-0.004, 2)).toBe(0);
  });

  it("refuses a value outside the range, and a target without a baseline, in the one schema", () => {
    expect(actual("2026-03", "4.567")).toEqual({ period: day("2026-03-01"), value: 4.57 });
    const refused = actualSchema({
      minValue: 1,
      maxValue: 5,
      precision: 2,
      period: "MONTHLY",
    }).safeParse({ period: "2026-03", value: "7" });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({
      path: ["value"],
      message: "kpis.errors.aboveMax",
    });
    const plan = departmentPlanSchema({ minValue: 1, maxValue: 5, precision: 2 }).safeParse({
      departmentId: "d",
      baselineValue: "",
      baselineOn: "",
      targetValue: "4",
      targetOn: "2026-12-31",
    });
    expect(plan.error?.issues.map((i) => i.message)).toContain("kpis.errors.targetNeedsBaseline");
  });
});

describe("KPI definitions and plans", () => {
  it("creates a KPI once per submission and keeps a template's name as its key until renamed", async () => {
    const hr = await principalFor("HR");
    const input = kpiInput({
      template: "csat5",
      name: "Customer satisfaction (1–5)",
      storedName: "kpis.templates.csat5.name",
    });
    const [a, b] = await Promise.all([
      createKpi(hr, input, { submissionKey: "k1" }),
      createKpi(hr, input, { submissionKey: "k1" }),
    ]);
    expect(a.id).toBe(b.id);
    expect(a.name).toBe("kpis.templates.csat5.name");
    // The Chinese name, left as shown, is the key too; anything else is stored as typed.
    const zh = await createKpi(hr, { ...input, name: "客户满意度（1–5）" });
    expect(zh.name).toBe("kpis.templates.csat5.name");
    const renamed = await createKpi(hr, { ...input, name: "Branch satisfaction" });
    expect(renamed.name).toBe("Branch satisfaction");
    expect(
      await getDb().auditEvent.count({ where: { action: "kpi.create", actorId: hr.id } }),
    ).toBe(3);
  });

  it("refuses a period change once actuals exist, a range that would exclude them, and a stale form", async () => {
    const hr = await principalFor("HR");
    const department = await makeDepartment();
    const kpi = await kpiWithPlan(hr, [department.id]);
    await setActual(hr, kpi.id, department.id, actual("2026-02", "4.5"));
    const before = await getDb().kpiDefinition.findUniqueOrThrow({ where: { id: kpi.id } });
    await expect(
      updateKpi(hr, kpi.id, { ...kpiInput({ period: "WEEKLY" }), revision: before.revision }),
    ).rejects.toMatchObject({ fieldErrors: { period: "kpis.errors.periodLocked" } });
    await expect(
      updateKpi(hr, kpi.id, { ...kpiInput({ maxValue: 4 }), revision: before.revision }),
    ).rejects.toMatchObject({ fieldErrors: { maxValue: "kpis.errors.rangeExcludesValues" } });
    await updateKpi(hr, kpi.id, { ...kpiInput({ name: "CSAT" }), revision: before.revision });
    await expect(
      updateKpi(hr, kpi.id, { ...kpiInput({ name: "Again" }), revision: before.revision }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await getDb().kpiDefinition.findUniqueOrThrow({ where: { id: kpi.id } })).name).toBe(
      "CSAT",
    );
  });

  it("applies a KPI to each department once, also when the same post arrives twice at once", async () => {
    const hr = await principalFor("HR");
    const [d1, d2] = [await makeDepartment(), await makeDepartment()];
    const kpi = await createKpi(hr, kpiInput());
    await Promise.all([
      addKpiDepartments(hr, kpi.id, { departmentIds: [d1.id, d2.id] }),
      addKpiDepartments(hr, kpi.id, { departmentIds: [d1.id, d2.id, d1.id] }),
    ]);
    expect(await getDb().kpiDepartment.count({ where: { kpiId: kpi.id } })).toBe(2);
    await expect(
      addKpiDepartments(hr, kpi.id, { departmentIds: ["no-such-department"] }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it("sets per-phase targets on the KPI's initiative and moves the status when a phase moves", async () => {
    const hr = await principalFor("HR");
    const department = await makeDepartment();
    const initiative = await createInitiative(hr, {
      name: "CX",
      goal: "",
      ownerId: "",
      status: "ACTIVE",
      startDate: day("2026-01-01"),
    });
    const phases = await getDb().initiativePhase.findMany({
      where: { initiativeId: initiative.id },
      orderBy: { position: "asc" },
    });
    const kpi = await createKpi(hr, kpiInput({ initiativeId: initiative.id }));
    await addKpiDepartments(hr, kpi.id, { departmentIds: [department.id] });
    // Hold 3.6 through phase 1 (ends 31 March), reach 4.2 by 30 September.
    await setDepartmentPlan(hr, kpi.id, {
      departmentId: department.id,
      baselineValue: 3.6,
      baselineOn: day("2026-01-01"),
      targetValue: 4.2,
      targetOn: day("2026-09-30"),
      phaseTargets: [
        { phaseId: phases[0]!.id, value: 3.6 },
        { phaseId: phases[1]!.id, value: null },
      ],
    });
    expect(await getDb().kpiPhaseTarget.count({ where: { kpiId: kpi.id } })).toBe(1);
    await setActual(hr, kpi.id, department.id, actual("2026-03", "3.6"));
    expect(await standing(kpi.id, department.id)).toMatchObject({
      latestValue: 3.6,
      expectedValue: 3.6,
      status: "ON_TRACK",
    });
    // Phase 1 ends a month earlier: by 31 March the path already climbs, and 3.6 is behind.
    await setPhases(hr, initiative.id, {
      revision: (await getDb().initiative.findUniqueOrThrow({ where: { id: initiative.id } }))
        .revision,
      phases: phases.map((p, i) => ({
        id: p.id,
        name: p.name,
        storedName: p.name,
        startsOn: i === 0 ? p.startsOn : i === 1 ? day("2026-03-01") : p.startsOn,
        endsOn: i === 0 ? day("2026-02-28") : p.endsOn,
      })),
    });
    const moved = await standing(kpi.id, department.id);
    expect(moved.expectedValue).toBeGreaterThan(3.6);
    expect(moved.status).not.toBe("ON_TRACK");
    // A phase target for a phase of another initiative is refused.
    await expect(
      setDepartmentPlan(hr, kpi.id, {
        departmentId: department.id,
        baselineValue: 3.6,
        baselineOn: day("2026-01-01"),
        targetValue: 4.2,
        targetOn: day("2026-09-30"),
        phaseTargets: [{ phaseId: "elsewhere", value: 4 }],
      }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("KPI actuals", () => {
  it("creates, updates and leaves unchanged one row per period, auditing the old and new value", async () => {
    const hr = await principalFor("HR");
    const department = await makeDepartment();
    const kpi = await kpiWithPlan(hr, [department.id], { baseline: 3.5, target: 4.5 });
    expect(await setActual(hr, kpi.id, department.id, actual("2026-06", "3.9"))).toBe("created");
    expect(await setActual(hr, kpi.id, department.id, actual("2026-06-20", "4.1"))).toBe("updated");
    expect(await setActual(hr, kpi.id, department.id, actual("2026-06", "4.1"))).toBe("unchanged");
    expect(await getDb().kpiActual.count({ where: { kpiId: kpi.id } })).toBe(1);
    const audits = await getDb().auditEvent.findMany({
      where: { subjectId: kpi.id, action: "kpi.actual.set" },
      orderBy: { createdAt: "asc" },
    });
    expect(audits).toHaveLength(2);
    expect(audits[1]!.before).toEqual({ value: 3.9 });
    expect(audits[1]!.after).toMatchObject({ period: "2026-06", value: 4.1 });
    // Mid-year the path expects about 4.0: 4.1 is on track, and the standing says so.
    expect(await standing(kpi.id, department.id)).toMatchObject({
      latestValue: 4.1,
      status: "ON_TRACK",
    });
    await setActual(hr, kpi.id, department.id, actual("2026-07", "3.6"));
    expect((await standing(kpi.id, department.id)).status).toBe("OFF_TRACK");
    await deleteActual(hr, kpi.id, department.id, day("2026-07-01"));
    expect(await standing(kpi.id, department.id)).toMatchObject({
      latestValue: 4.1,
      status: "ON_TRACK",
    });
    const deleted = await getDb().auditEvent.findFirstOrThrow({
      where: { subjectId: kpi.id, action: "kpi.actual.delete" },
    });
    expect(deleted.before).toMatchObject({ period: "2026-07", value: 3.6 });
  });

  it("lets a manager enter for their tree only; outside it the KPI does not exist for them", async () => {
    const hr = await principalFor("HR");
    const [mine, other] = [await makeDepartment(), await makeDepartment()];
    const manager = await managerOf(mine.id);
    const kpi = await kpiWithPlan(hr, [mine.id, other.id]);
    const otherKpi = await kpiWithPlan(hr, [other.id]);
    expect(await setActual(manager, kpi.id, mine.id, actual("2026-02", "4"))).toBe("created");
    await expect(
      setActual(manager, kpi.id, other.id, actual("2026-02", "4")),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(requireKpi(manager, otherKpi.id)).rejects.toBeInstanceOf(NotFoundError);
    const detail = await kpiDetail(manager, kpi.id);
    expect(detail.plans.map((p) => p.departmentId)).toEqual([mine.id]);
    const list = await listKpis(manager, { archived: "", page: 1 });
    expect(list.kpis.map((k) => k.id)).toEqual([kpi.id]);
  });
});
