// KPI fixtures: a KPI defined through the module, applied to departments with a plan.
import type { Principal } from "~/lib/permissions";
import { addKpiDepartments, createKpi, setDepartmentPlan } from "~/modules/kpis/index.server";
import type { KpiDefinitionInput } from "~/modules/kpis";

export const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/** A custom 1–5 satisfaction KPI (or any overrides), defined by `hr`. */
export function kpiInput(overrides: Partial<KpiDefinitionInput> = {}): KpiDefinitionInput {
  return {
    template: "",
    name: "Satisfaction",
    storedName: "",
    unit: "points",
    storedUnit: "",
    direction: "HIGHER_IS_BETTER",
    precision: 2,
    period: "MONTHLY",
    minValue: 1,
    maxValue: 5,
    description: "",
    storedDescription: "",
    initiativeId: "",
    ...overrides,
  };
}

/** A KPI applied to `departmentIds`, each with the same baseline and target. */
export async function kpiWithPlan(
  hr: Principal,
  departmentIds: string[],
  plan: { baseline?: number; baselineOn?: string; target?: number; targetOn?: string } = {},
  overrides: Partial<KpiDefinitionInput> = {},
) {
  const kpi = await createKpi(hr, kpiInput(overrides));
  await addKpiDepartments(hr, kpi.id, { departmentIds });
  for (const departmentId of departmentIds) {
    await setDepartmentPlan(hr, kpi.id, {
      departmentId,
      baselineValue: plan.baseline ?? 3.5,
      baselineOn: day(plan.baselineOn ?? "2026-01-01"),
      targetValue: plan.target ?? 4.5,
      targetOn: day(plan.targetOn ?? "2026-12-31"),
      phaseTargets: [],
    });
  }
  return kpi;
}
