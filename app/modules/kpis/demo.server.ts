// The demo's customer measures (issue 16, item 7): the built-in KPIs for the customer-facing
// departments, following the customer-satisfaction programme, with twelve months of actuals
// (52 weeks for the weekly one) that start well before the programme. Departments that
// finished the programme's training improve once it starts; the others barely move, so the
// initiative's Effect tab tells that story. The trend of each department follows its real
// completion (read from the initiatives module), so the story holds whatever the learning
// demo gives. Written in bulk (a handful of statements), standings refreshed once at the end.
import { getDb, type Prisma } from "~/lib/db.server";
import type { Principal } from "~/lib/permissions";
import {
  initiativeChoices,
  initiativeProgress,
  phasesOfInitiatives,
  requireInitiative,
} from "~/modules/initiatives/index.server";
import { FINISHED_TRAINING_PCT } from "./effect";
import { nextPeriodStart, periodStartOf, type KpiPeriodValue } from "./periods";
import { refreshStandings } from "./standing.server";
import { roundTo } from "./status";
import { KPI_TEMPLATES, type KpiTemplate } from "./templates";

const DEMO_INITIATIVE = "Customer satisfaction programme";

/** Where each customer-facing department stood before the programme, and its final target. */
const PLANS: Record<string, Record<string, { baseline: number; target: number }>> = {
  csat5: {
    CS: { baseline: 3.62, target: 4.1 },
    CC: { baseline: 3.41, target: 3.95 },
    CMP: { baseline: 3.12, target: 3.7 },
    SALES: { baseline: 3.88, target: 4.3 },
  },
  complaintRate: {
    CS: { baseline: 6.2, target: 4.2 },
    CC: { baseline: 8.6, target: 5.5 },
    CMP: { baseline: 11.8, target: 8 },
  },
  firstResponseTime: {
    CS: { baseline: 18, target: 10 },
    CC: { baseline: 6.5, target: 3.5 },
    CMP: { baseline: 30, target: 16 },
    SALES: { baseline: 12, target: 6 },
  },
  repeatPurchaseRate: {
    CS: { baseline: 34, target: 40 },
    SALES: { baseline: 38, target: 45 },
  },
  referralScore: {
    CS: { baseline: 14, target: 30 },
    CC: { baseline: 10, target: 28 },
    SALES: { baseline: 24, target: 35 },
  },
};

/** Share of the planned change each phase's target asks for (the last phase: the target). */
const PHASE_SHARES = [0.2, 0.6, 1];

/** Notable feedback of the last weeks (stored as typed, like the rest of the demo's text). */
const FEEDBACK: {
  department: string;
  channel: Prisma.CustomerFeedbackCreateManyInput["channel"];
  sentiment: Prisma.CustomerFeedbackCreateManyInput["sentiment"];
  kpi: string | null;
  daysAgo: number;
  text: string;
}[] = [
  {
    department: "CC",
    channel: "PHONE",
    sentiment: "NEGATIVE",
    kpi: "firstResponseTime",
    daysAgo: 38,
    text: "Waited 25 minutes on hold and was cut off twice before anyone picked up.",
  },
  {
    department: "CMP",
    channel: "EMAIL",
    sentiment: "NEGATIVE",
    kpi: "complaintRate",
    daysAgo: 27,
    text: "My complaint from three weeks ago still has no answer, and I had to explain it again to each person I spoke to.",
  },
  {
    department: "CC",
    channel: "CHAT",
    sentiment: "POSITIVE",
    kpi: "csat5",
    daysAgo: 9,
    text: "The agent found my order in seconds and fixed the delivery address while we chatted. Brilliant.",
  },
  {
    department: "SALES",
    channel: "SURVEY",
    sentiment: "NEUTRAL",
    kpi: "repeatPurchaseRate",
    daysAgo: 21,
    text: "Good prices, but nobody followed up after the quote, so I bought elsewhere.",
  },
  {
    department: "CS",
    channel: "SOCIAL",
    sentiment: "POSITIVE",
    kpi: "referralScore",
    daysAgo: 12,
    text: "Customer service turned a late delivery around with a callback the same afternoon. Would recommend.",
  },
  {
    department: "CMP",
    channel: "IN_PERSON",
    sentiment: "POSITIVE",
    kpi: null,
    daysAgo: 6,
    text: "The new complaint letter explained the five steps and when I would hear back: much clearer than before.",
  },
  {
    department: "SALES",
    channel: "PHONE",
    sentiment: "NEGATIVE",
    kpi: "csat5",
    daysAgo: 4,
    text: "销售部三个不同的人就同一份续约给我打了电话，他们的系统显然没有共享记录。",
  },
];

/** A repeatable wobble in [−1, 1] for one series and period (no randomness in the demo). */
function wobble(series: number, index: number): number {
  const x = Math.sin(series * 12.9898 + index * 78.233) * 43758.5453;
  return (x - Math.floor(x)) * 2 - 1;
}

/** The last `count` full months (or weeks) before the one `now` falls in. */
function periodsBefore(now: Date, period: KpiPeriodValue, count: number): Date[] {
  const current = periodStartOf(now, period);
  const starts: Date[] = [];
  let start = periodStartOf(
    period === "MONTHLY"
      ? new Date(Date.UTC(current.getUTCFullYear(), current.getUTCMonth() - count, 1))
      : new Date(current.getTime() - count * 7 * 86_400_000),
    period,
  );
  while (start < current) {
    starts.push(start);
    start = nextPeriodStart(start, period);
  }
  return starts;
}

/**
 * How far along its planned change a department is `months` after the programme started:
 * slow at first, faster once the training is done; a department that finished its training
 * gets ahead of its target path, the others move in proportion to their completion, barely.
 */
function progressOf(months: number, completion: number | null): number {
  if (months <= 0) return 0;
  const ramp = Math.min(1, (months / 4) ** 2) * 0.6;
  const pace =
    completion !== null && completion >= FINISHED_TRAINING_PCT
      ? 1
      : ((completion ?? 0) / 100) * 0.35;
  return ramp * pace;
}

/** UTC midnight `days` days before `now`. */
const dayOf = (now: Date, days: number) =>
  Math.floor(now.getTime() / 86_400_000) * 86_400_000 - days * 86_400_000;

const clamp = (template: KpiTemplate, value: number) =>
  Math.min(template.maxValue ?? Infinity, Math.max(template.minValue ?? -Infinity, value));

/** Seeds the KPIs once (when there are none), after the programme and the learning demo. */
export async function seedDemoKpis(hr: Principal, now = new Date()): Promise<boolean> {
  const db = getDb();
  if ((await db.kpiDefinition.count()) > 0) return false;
  const choice = (await initiativeChoices()).find((i) => i.name === DEMO_INITIATIVE);
  if (!choice) return false;
  const initiative = await requireInitiative(hr, choice.id);
  const [progress, phasesById, departments] = await Promise.all([
    initiativeProgress(hr, initiative, "Kpi"),
    phasesOfInitiatives([initiative.id]),
    // The demo's own departments by code, as the other demo seeds find them.
    db.department.findMany({ select: { id: true, code: true } }),
  ]);
  const phases = phasesById.get(initiative.id) ?? [];
  const idOf = new Map(departments.map((d) => [d.code, d.id]));
  const completionOf = new Map(progress.departments.map((d) => [d.departmentId, d.completion]));
  const start = initiative.startDate;
  const end = phases.at(-1)?.endsOn ?? start;
  const monthsSinceStart = (date: Date) =>
    (date.getTime() - start.getTime()) / (30.44 * 86_400_000);

  const templates = KPI_TEMPLATES.filter((template) => PLANS[template.key]);
  // All or nothing: a half-written demo would never be completed (it seeds only when empty).
  return db.$transaction(
    async (tx) => {
      const kpis = await tx.kpiDefinition.createManyAndReturn({
        data: templates.map((template) => ({
          template: template.key,
          name: template.nameKey,
          unit: template.unitKey,
          description: template.descriptionKey,
          direction: template.direction,
          precision: template.precision,
          period: template.period,
          minValue: template.minValue,
          maxValue: template.maxValue,
          initiativeId: initiative.id,
          createdById: hr.id,
        })),
        select: { id: true, template: true },
      });
      const kpiOf = new Map(kpis.map((kpi) => [kpi.template, kpi.id]));

      const pairs: Prisma.KpiDepartmentCreateManyInput[] = [];
      const phaseTargets: Prisma.KpiPhaseTargetCreateManyInput[] = [];
      const actuals: Prisma.KpiActualCreateManyInput[] = [];
      for (const [t, template] of templates.entries()) {
        const kpiId = kpiOf.get(template.key)!;
        const round = (value: number) => roundTo(clamp(template, value), template.precision);
        const periods = periodsBefore(
          now,
          template.period,
          template.period === "MONTHLY" ? 12 : 52,
        );
        for (const [d, [code, plan]] of Object.entries(PLANS[template.key]!).entries()) {
          const departmentId = idOf.get(code);
          if (!departmentId) continue;
          const change = plan.target - plan.baseline;
          pairs.push({
            kpiId,
            departmentId,
            baselineValue: plan.baseline,
            baselineOn: start,
            targetValue: plan.target,
            targetOn: end,
          });
          for (const [p, phase] of phases.entries()) {
            const share = PHASE_SHARES[Math.min(p, PHASE_SHARES.length - 1)]!;
            phaseTargets.push({
              kpiId,
              departmentId,
              phaseId: phase.id,
              value: round(plan.baseline + change * share),
            });
          }
          const completion = completionOf.get(departmentId) ?? null;
          // Weekly figures wobble more than monthly ones.
          const noise = Math.abs(change) * (template.period === "WEEKLY" ? 0.12 : 0.07);
          for (const [index, periodStart] of periods.entries()) {
            const moved = progressOf(
              monthsSinceStart(nextPeriodStart(periodStart, template.period)),
              completion,
            );
            const value = plan.baseline + change * moved + noise * wobble(t * 10 + d, index);
            actuals.push({
              kpiId,
              departmentId,
              periodStart,
              value: round(value),
              source: "IMPORT",
              updatedById: hr.id,
            });
          }
        }
      }

      const feedback = FEEDBACK.flatMap((item): Prisma.CustomerFeedbackCreateManyInput[] => {
        const departmentId = idOf.get(item.department);
        if (!departmentId) return [];
        const kpiApplies = item.kpi !== null && PLANS[item.kpi]?.[item.department];
        return [
          {
            departmentId,
            receivedOn: new Date(dayOf(now, item.daysAgo)),
            channel: item.channel,
            sentiment: item.sentiment,
            text: item.text,
            kpiId: kpiApplies ? kpiOf.get(item.kpi!) : null,
            createdById: hr.id,
          },
        ];
      });

      await tx.kpiDepartment.createMany({ data: pairs });
      await tx.kpiPhaseTarget.createMany({ data: phaseTargets });
      await tx.kpiActual.createMany({ data: actuals });
      await tx.customerFeedback.createMany({ data: feedback });
      for (const kpi of kpis) await refreshStandings(tx, kpi.id);
      return true;
    },
    { timeout: 30_000 },
  );
}
