// KPI definitions and their departments' plans (decision 041). Every change is audited in its
// own transaction; the standings it moves are refreshed in that same transaction.
import { createOnce, keyOf } from "~/lib/create-once.server";
import { getDb, isUniqueViolation, type DbTx } from "~/lib/db.server";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "~/lib/errors";
import { storedTemplateText } from "~/lib/i18n.server";
import { paginate } from "~/lib/pagination.server";
import { can, type Principal } from "~/lib/permissions";
import { recordAudit } from "~/modules/audit/index.server";
import {
  initiativeChoices,
  initiativeNames,
  phasesOfInitiatives,
} from "~/modules/initiatives/index.server";
import { departmentNames } from "~/modules/org/index.server";
import { departmentFilter, kpiDepartmentReach, requireKpi } from "./access.server";
import { isKpiTemplateKey, type DepartmentPlanInput, type KpiDefinitionInput } from "./schemas";
import { refreshStandings } from "./standing.server";

export const KPI_PAGE_SIZE = 25;

function assertCan(actor: Principal, action: "create" | "update" | "delete") {
  if (!can(actor, action, "Kpi")) throw new ForbiddenError();
}

async function assertInitiative(initiativeId: string) {
  if (initiativeId && !(await initiativeNames([initiativeId])).has(initiativeId))
    throw new ValidationError({ initiativeId: "kpis.errors.initiativeMissing" });
}

/** The definition's columns from the form (template texts left as shown stay keys). */
async function definitionData(input: KpiDefinitionInput) {
  const [name, unit, description] = await Promise.all([
    storedTemplateText(input.name, input.storedName, isKpiTemplateKey),
    storedTemplateText(input.unit, input.storedUnit, isKpiTemplateKey),
    storedTemplateText(input.description, input.storedDescription, isKpiTemplateKey),
  ]);
  return {
    template: input.template || null,
    name,
    unit,
    description,
    direction: input.direction,
    precision: input.precision,
    period: input.period,
    minValue: input.minValue,
    maxValue: input.maxValue,
    initiativeId: input.initiativeId || null,
  };
}

/** Creates a KPI (no departments yet). The same submission twice is the one KPI. */
export async function createKpi(
  actor: Principal,
  input: KpiDefinitionInput,
  options: { submissionKey?: string } = {},
) {
  assertCan(actor, "create");
  await assertInitiative(input.initiativeId);
  const data = await definitionData(input);
  const createKey = options.submissionKey ? keyOf("kpi", actor.id, options.submissionKey) : null;
  return createOnce(
    () =>
      getDb().$transaction(async (tx) => {
        const kpi = await tx.kpiDefinition.create({
          data: { ...data, createKey, createdById: actor.id },
        });
        await recordAudit(tx, {
          actorId: actor.id,
          action: "kpi.create",
          subjectType: "KpiDefinition",
          subjectId: kpi.id,
          after: data,
        });
        return kpi;
      }),
    async () => (createKey ? getDb().kpiDefinition.findUnique({ where: { createKey } }) : null),
  );
}

async function claimRevision(tx: DbTx, kpiId: string, revision: number, data: object = {}) {
  const { count } = await tx.kpiDefinition.updateMany({
    where: { id: kpiId, revision },
    data: { ...data, revision: { increment: 1 } },
  });
  if (count === 0) throw new ConflictError("kpis.errors.stale");
}

/**
 * Edits the definition. The period cannot change once actuals exist, and the range cannot
 * shrink past a value already entered (baseline, target or actual): both would reinterpret
 * data that is there.
 */
export async function updateKpi(
  actor: Principal,
  kpiId: string,
  input: KpiDefinitionInput & { revision: number },
) {
  assertCan(actor, "update");
  await assertInitiative(input.initiativeId);
  const data = await definitionData(input);
  await getDb().$transaction(async (tx) => {
    const before = await tx.kpiDefinition.findUnique({ where: { id: kpiId } });
    if (!before) throw new NotFoundError();
    const errors: Record<string, string> = {};
    if (before.period !== data.period && (await tx.kpiActual.count({ where: { kpiId } })) > 0)
      errors.period = "kpis.errors.periodLocked";
    // Values already entered (actuals, baselines, targets) beyond either new bound.
    const beyond = async (bound: number | null, side: "lt" | "gt") => {
      if (bound === null) return false;
      const [actuals, plans] = await Promise.all([
        tx.kpiActual.count({ where: { kpiId, value: { [side]: bound } } }),
        tx.kpiDepartment.count({
          where: {
            kpiId,
            OR: [{ baselineValue: { [side]: bound } }, { targetValue: { [side]: bound } }],
          },
        }),
      ]);
      return actuals + plans > 0;
    };
    if (await beyond(data.minValue, "lt")) errors.minValue = "kpis.errors.rangeExcludesValues";
    if (await beyond(data.maxValue, "gt")) errors.maxValue = "kpis.errors.rangeExcludesValues";
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    await claimRevision(tx, kpiId, input.revision, data);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "kpi.update",
      subjectType: "KpiDefinition",
      subjectId: kpiId,
      before: {
        template: before.template,
        name: before.name,
        unit: before.unit,
        description: before.description,
        direction: before.direction,
        precision: before.precision,
        period: before.period,
        minValue: before.minValue,
        maxValue: before.maxValue,
        initiativeId: before.initiativeId,
      },
      after: data,
    });
    if (before.direction !== data.direction || before.initiativeId !== data.initiativeId)
      await refreshStandings(tx, kpiId);
  });
}

/** Archives (hides from the board and the lists) or restores a KPI; its data stays. */
export async function setKpiArchived(
  actor: Principal,
  kpiId: string,
  input: { revision: number; archived: boolean },
) {
  assertCan(actor, "update");
  await getDb().$transaction(async (tx) => {
    await claimRevision(tx, kpiId, input.revision, { archived: input.archived });
    await recordAudit(tx, {
      actorId: actor.id,
      action: input.archived ? "kpi.archive" : "kpi.restore",
      subjectType: "KpiDefinition",
      subjectId: kpiId,
      after: { archived: input.archived },
    });
  });
}

/**
 * Applies the KPI to departments. Already applied ones are left as they are, so the same
 * post twice (or two at once) adds each department once. Actuals kept from an earlier
 * application come back with it.
 */
export async function addKpiDepartments(
  actor: Principal,
  kpiId: string,
  input: { departmentIds: string[] },
) {
  assertCan(actor, "update");
  const known = new Set((await departmentNames()).map((d) => d.id));
  const missing = input.departmentIds.findIndex((id) => !known.has(id));
  if (missing >= 0) throw new ValidationError({ departmentIds: "kpis.errors.departmentMissing" });
  const wanted = [...new Set(input.departmentIds)];
  for (let attempt = 0; ; attempt++) {
    try {
      return await getDb().$transaction(async (tx) => {
        const present = await tx.kpiDepartment.findMany({
          where: { kpiId, departmentId: { in: wanted } },
          select: { departmentId: true },
        });
        const have = new Set(present.map((p) => p.departmentId));
        const added = wanted.filter((id) => !have.has(id));
        if (added.length === 0) return { added: 0 };
        await tx.kpiDepartment.createMany({
          data: added.map((departmentId) => ({ kpiId, departmentId })),
        });
        await refreshStandings(tx, kpiId, added);
        await recordAudit(tx, {
          actorId: actor.id,
          action: "kpi.departments_add",
          subjectType: "KpiDefinition",
          subjectId: kpiId,
          after: { departmentIds: added },
        });
        return { added: added.length };
      });
    } catch (error) {
      // A racing post added one of them first: read again and add the rest.
      if (attempt < 2 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/** Stops applying the KPI to a department (its actuals are kept, and return if re-added). */
export async function removeKpiDepartment(actor: Principal, kpiId: string, departmentId: string) {
  assertCan(actor, "update");
  await getDb().$transaction(async (tx) => {
    const before = await tx.kpiDepartment.findUnique({
      where: { kpiId_departmentId: { kpiId, departmentId } },
      include: { phaseTargets: true },
    });
    if (!before) return;
    await tx.kpiDepartment.delete({ where: { kpiId_departmentId: { kpiId, departmentId } } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "kpi.departments_remove",
      subjectType: "KpiDefinition",
      subjectId: kpiId,
      before: planAudit(departmentId, before),
    });
  });
}

function planAudit(
  departmentId: string,
  plan: {
    baselineValue: number | null;
    baselineOn: Date | null;
    targetValue: number | null;
    targetOn: Date | null;
    phaseTargets: readonly { phaseId: string; value: number | null }[];
  },
) {
  return {
    departmentId,
    baselineValue: plan.baselineValue,
    baselineOn: plan.baselineOn?.toISOString() ?? null,
    targetValue: plan.targetValue,
    targetOn: plan.targetOn?.toISOString() ?? null,
    phaseTargets: Object.fromEntries(plan.phaseTargets.map((p) => [p.phaseId, p.value])),
  };
}

/**
 * Sets one department's baseline, target and phase targets (empty phase targets are none).
 * Phase targets name phases of the KPI's initiative; anything else is refused.
 */
export async function setDepartmentPlan(
  actor: Principal,
  kpiId: string,
  input: DepartmentPlanInput,
) {
  assertCan(actor, "update");
  const { departmentId } = input;
  await getDb().$transaction(async (tx) => {
    const kpi = await tx.kpiDefinition.findUnique({ where: { id: kpiId } });
    const before = await tx.kpiDepartment.findUnique({
      where: { kpiId_departmentId: { kpiId, departmentId } },
      include: { phaseTargets: true },
    });
    if (!kpi || !before) throw new NotFoundError();
    const phases = kpi.initiativeId
      ? ((await phasesOfInitiatives([kpi.initiativeId], tx)).get(kpi.initiativeId) ?? [])
      : [];
    const phaseIds = new Set(phases.map((p) => p.id));
    const phaseTargets = input.phaseTargets.filter((p) => p.value !== null);
    const unknown = input.phaseTargets.findIndex(
      (p) => p.value !== null && !phaseIds.has(p.phaseId),
    );
    if (unknown >= 0)
      throw new ValidationError({ [`phaseTargets.${unknown}.value`]: "kpis.errors.phaseMissing" });
    if (phaseTargets.length > 0 && input.targetValue === null)
      throw new ValidationError({ targetValue: "kpis.errors.phaseTargetsNeedTarget" });
    await tx.kpiDepartment.update({
      where: { kpiId_departmentId: { kpiId, departmentId } },
      data: {
        baselineValue: input.baselineValue,
        baselineOn: input.baselineOn,
        targetValue: input.targetValue,
        targetOn: input.targetOn,
      },
    });
    await tx.kpiPhaseTarget.deleteMany({ where: { kpiId, departmentId } });
    if (phaseTargets.length > 0)
      await tx.kpiPhaseTarget.createMany({
        data: phaseTargets.map((p) => ({
          kpiId,
          departmentId,
          phaseId: p.phaseId,
          value: p.value!,
        })),
      });
    await refreshStandings(tx, kpiId, [departmentId]);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "kpi.plan",
      subjectType: "KpiDefinition",
      subjectId: kpiId,
      before: planAudit(departmentId, before),
      after: planAudit(departmentId, { ...input, phaseTargets }),
    });
  });
}

/** The KPIs a viewer may read: a manager's only those applying to their departments. */
function kpiListWhere(viewer: Principal, archived: string) {
  if (!can(viewer, "read", "Kpi")) throw new ForbiddenError();
  const reach = kpiDepartmentReach(viewer);
  return {
    archived: archived === "1",
    ...(reach === "all" ? {} : { departments: { some: departmentFilter(reach) } }),
  };
}

/** The KPI list, newest first, one page. */
export async function listKpis(viewer: Principal, query: { archived: string; page: number }) {
  const where = kpiListWhere(viewer, query.archived);
  const { skip, take, summary } = paginate(query.page, KPI_PAGE_SIZE);
  const [total, rows] = await Promise.all([
    getDb().kpiDefinition.count({ where }),
    getDb().kpiDefinition.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip,
      take,
      include: { _count: { select: { departments: true } } },
    }),
  ]);
  const initiatives = await initiativeNames(
    rows.flatMap((r) => (r.initiativeId ? [r.initiativeId] : [])),
  );
  return {
    page: summary(total),
    kpis: rows.map((row) => ({
      id: row.id,
      name: row.name,
      unit: row.unit,
      direction: row.direction,
      period: row.period,
      departments: row._count.departments,
      initiative: row.initiativeId
        ? { id: row.initiativeId, name: initiatives.get(row.initiativeId) ?? "" }
        : null,
    })),
  };
}

/** The KPI page: the definition, the departments in reach with their plans, the choices. */
export async function kpiDetail(viewer: Principal, kpiId: string) {
  const kpi = await requireKpi(viewer, kpiId);
  const reach = kpiDepartmentReach(viewer);
  const [plans, departments, phasesById, initiatives, actualCount] = await Promise.all([
    getDb().kpiDepartment.findMany({
      where: { kpiId, ...departmentFilter(reach) },
      include: { phaseTargets: true },
    }),
    departmentNames(),
    phasesOfInitiatives(kpi.initiativeId ? [kpi.initiativeId] : []),
    can(viewer, "update", "Kpi") ? initiativeChoices() : Promise.resolve([]),
    getDb().kpiActual.count({ where: { kpiId } }),
  ]);
  const names = new Map(departments.map((d) => [d.id, d.name]));
  const initiativeName = kpi.initiativeId
    ? ((await initiativeNames([kpi.initiativeId])).get(kpi.initiativeId) ?? "")
    : null;
  return {
    kpi,
    hasActuals: actualCount > 0,
    initiative: kpi.initiativeId ? { id: kpi.initiativeId, name: initiativeName ?? "" } : null,
    phases: kpi.initiativeId ? (phasesById.get(kpi.initiativeId) ?? []) : [],
    plans: plans
      .map((plan) => ({ ...plan, departmentName: names.get(plan.departmentId) ?? "" }))
      .sort((a, b) => a.departmentName.localeCompare(b.departmentName)),
    departmentChoices: departments
      .filter((d) => !plans.some((p) => p.departmentId === d.id))
      .map((d) => ({ value: d.id, label: d.name })),
    initiativeChoices: initiatives.map((i) => ({ value: i.id, label: i.name })),
  };
}
export type KpiDetail = Awaited<ReturnType<typeof kpiDetail>>;

/** The form's choices for a new KPI. */
export async function newKpiChoices() {
  return {
    initiativeChoices: (await initiativeChoices()).map((i) => ({ value: i.id, label: i.name })),
  };
}

/** The most definitions one export holds; a company has tens. */
const KPI_EXPORT_MAX = 10_000;

/** Every definition the list shows (active or archived), for its CSV, in the list's order. */
export async function kpiDefinitionsForExport(viewer: Principal, archived: string) {
  const rows = await getDb().kpiDefinition.findMany({
    where: kpiListWhere(viewer, archived),
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: KPI_EXPORT_MAX,
    include: { _count: { select: { departments: true } } },
  });
  const initiatives = await initiativeNames(
    rows.flatMap((r) => (r.initiativeId ? [r.initiativeId] : [])),
  );
  return rows.map((row) => ({
    name: row.name,
    unit: row.unit,
    direction: row.direction,
    precision: row.precision,
    period: row.period,
    minValue: row.minValue,
    maxValue: row.maxValue,
    departments: row._count.departments,
    initiative: row.initiativeId ? (initiatives.get(row.initiativeId) ?? "") : "",
    archived: row.archived,
  }));
}
