// The demo's risk register (issue 17 item 6): eight risks across every category for the
// customer satisfaction programme, two with reviews already past so "overdue" shows.
import { DAY_MS } from "~/lib/dates";
import { getDb } from "~/lib/db.server";
import type { Principal } from "~/lib/permissions";
import { initiativeChoices } from "~/modules/initiatives/index.server";
import { riskScore, type RiskCategoryValue, type RiskStatusValue } from "./risk";

const DEMO_INITIATIVE = "Customer satisfaction programme";

type DemoRisk = [
  string,
  RiskCategoryValue,
  number,
  number,
  RiskStatusValue,
  "hr" | "manager",
  number,
];

// title, category, likelihood, impact, status, owner, next review in days (negative: past)
const RISKS: DemoRisk[] = [
  ["Agents keep the old call script", "STAFF_RESISTANCE", 4, 4, "MITIGATING", "manager", -3],
  ["Team leads doubt the new KPIs", "STAFF_RESISTANCE", 3, 3, "OPEN", "hr", 14],
  ["CRM outage during the rollout", "TECHNICAL_FAILURE", 2, 5, "OPEN", "hr", 30],
  ["Survey tool rate limits", "TECHNICAL_FAILURE", 3, 2, "OPEN", "manager", 21],
  ["Feedback records lost in migration", "DATA_LOSS", 2, 4, "MITIGATING", "hr", -7],
  ["Customer comments exposed in exports", "DATA_LEAK", 2, 5, "OPEN", "hr", 10],
  ["Budget cut halfway through", "OTHER", 2, 3, "OPEN", "manager", 45],
  ["Vendor contract ends early", "OTHER", 1, 3, "CLOSED", "hr", 60],
];

export async function seedDemoRisks(
  hr: Principal,
  managerId: string | null,
  now = new Date(),
): Promise<boolean> {
  const db = getDb();
  if ((await db.risk.count()) > 0) return false;
  const choice = (await initiativeChoices()).find((i) => i.name === DEMO_INITIATIVE);
  if (!choice) return false;
  const today = new Date(now.toISOString().slice(0, 10) + "T00:00:00.000Z");
  await db.$transaction(async (tx) => {
    const risks = await tx.risk.createManyAndReturn({
      data: RISKS.map(([title, category, likelihood, impact, status, owner, days]) => ({
        initiativeId: choice.id,
        title,
        category,
        likelihood,
        impact,
        score: riskScore(likelihood, impact),
        status,
        ownerId: owner === "manager" && managerId ? managerId : hr.id,
        nextReviewOn: new Date(today.getTime() + days * DAY_MS),
        createdById: hr.id,
      })),
      select: { id: true, likelihood: true, impact: true, score: true },
    });
    await tx.riskScoreChange.createMany({
      data: risks.map((risk) => ({
        riskId: risk.id,
        likelihood: risk.likelihood,
        impact: risk.impact,
        score: risk.score,
        changedById: hr.id,
        changedAt: now,
      })),
    });
  });
  return true;
}
