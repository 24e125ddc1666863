import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import type { Principal, Role } from "~/lib/permissions";
import { createRiskSchema, riskBand, reviewOverdue, updateRiskSchema } from "~/modules/risks";
import { createRisk, riskDetail, riskRegister, updateRisk } from "~/modules/risks/index.server";
import { makeDepartment, makeUser } from "../support/factories";
import { makeInitiative } from "../support/readiness";
import { refusalStatus } from "../support/refusals";

// The risk register (issue 17 item 5, decision 043) on the real database: the score and its
// history, the register by score with overdue reviews, the matrix, and who may do what.

async function person(role: Role, manages: string[] = []): Promise<Principal> {
  const user = await makeUser({ role, manages });
  return { id: user.id, role, scopeDepartmentIds: manages };
}

const TODAY = new Date("2026-06-15T09:00:00Z");

const riskFields = (fields: Record<string, string>) => ({
  title: "Agents resist the new script",
  category: "STAFF_RESISTANCE",
  likelihood: "3",
  impact: "4",
  ...fields,
});
const riskForm = (fields: Record<string, string>) => createRiskSchema.parse(riskFields(fields));

async function setting() {
  const service = await makeDepartment({ name: "Service" });
  const finance = await makeDepartment({ name: "Finance" });
  const initiative = await makeInitiative([{ departmentId: service.id }]);
  return {
    service,
    initiative,
    hr: await person("HR"),
    manager: await person("MANAGER", [service.id]),
    outsider: await person("MANAGER", [finance.id]),
  };
}

describe("the risk register", () => {
  it("scores likelihood × impact, once per submission, and keeps each rescoring", async () => {
    const { initiative, hr } = await setting();
    const form = riskForm({ mitigation: "Coach the team leads first" });
    const risk = await createRisk(hr, initiative.id, form, { submissionKey: "s1", now: TODAY });
    const again = await createRisk(hr, initiative.id, form, { submissionKey: "s1" });
    expect(again.id).toBe(risk.id);
    expect(risk.score).toBe(12);
    const edit = (fields: Record<string, string>, revision: number) =>
      updateRiskSchema.parse({ ...riskFields(fields), revision: String(revision) });
    // A new impact: score 15 and a second history entry.
    await updateRisk(hr, risk.id, edit({ impact: "5" }, 0), { now: new Date("2026-06-20Z") });
    // Only the mitigation: no new history entry.
    await updateRisk(hr, risk.id, edit({ impact: "5", mitigation: "Pair agents" }, 1));
    expect(await refusalStatus(() => updateRisk(hr, risk.id, edit({ impact: "1" }, 1)))).toBe(409);
    const detail = await riskDetail(hr, risk.id, TODAY);
    expect(detail.risk).toMatchObject({ score: 15, impact: 5, mitigation: "Pair agents" });
    expect(
      detail.history.map((change) => [change.likelihood, change.impact, change.score]),
    ).toEqual([
      [3, 5, 15],
      [3, 4, 12],
    ]);
    // Bad levels are refused by the schema.
    expect(createRiskSchema.safeParse({ ...form, likelihood: "6" }).success).toBe(false);
    expect(createRiskSchema.safeParse({ ...form, impact: "0" }).success).toBe(false);
    expect(await getDb().risk.count({ where: { initiativeId: initiative.id } })).toBe(1);
  });

  it("lists risks by score, flags overdue reviews, and places open ones in the matrix", async () => {
    const { initiative, hr } = await setting();
    const add = (fields: Record<string, string>) => createRisk(hr, initiative.id, riskForm(fields));
    await add({
      title: "Backups untested",
      category: "DATA_LOSS",
      likelihood: "2",
      impact: "5",
      nextReviewOn: "2026-06-14",
    });
    await add({
      title: "CRM outage",
      category: "TECHNICAL_FAILURE",
      likelihood: "4",
      impact: "5",
      nextReviewOn: "2026-06-15",
    });
    await add({ title: "Script fatigue", likelihood: "2", impact: "2" });
    await add({
      title: "Closed one",
      category: "OTHER",
      likelihood: "5",
      impact: "5",
      status: "CLOSED",
      nextReviewOn: "2026-01-01",
    });
    const register = await riskRegister(hr, initiative.id, { page: 1 }, TODAY);
    expect(register.rows.map((row) => [row.title, row.score, row.overdue])).toEqual([
      ["CRM outage", 20, false],
      ["Backups untested", 10, true],
      ["Script fatigue", 4, false],
    ]);
    const all = await riskRegister(hr, initiative.id, { page: 1, status: "all" }, TODAY);
    expect(all.rows[0]).toMatchObject({ title: "Closed one", overdue: false });
    const cell = (likelihood: number, impact: number) =>
      register.matrix.flat().find((c) => c.likelihood === likelihood && c.impact === impact)!.count;
    expect([cell(4, 5), cell(2, 5), cell(2, 2), cell(5, 5)]).toEqual([1, 1, 1, 0]);
    expect(register.matrix[0]![0]).toMatchObject({ likelihood: 5, impact: 1 });
    expect([riskBand(4), riskBand(5), riskBand(10), riskBand(20)]).toEqual([
      "low",
      "medium",
      "high",
      "critical",
    ]);
    expect(reviewOverdue({ status: "OPEN", nextReviewOn: "2026-06-14" }, TODAY)).toBe(true);
  });

  it("lets managers read the registers of initiatives reaching their tree; HR alone edits", async () => {
    const { initiative, hr, manager, outsider } = await setting();
    const risk = await createRisk(hr, initiative.id, riskForm({}));
    expect((await riskRegister(manager, initiative.id, { page: 1 })).rows).toHaveLength(1);
    expect((await riskRegister(manager, initiative.id, { page: 1 })).canEdit).toBe(false);
    expect(await refusalStatus(() => riskRegister(outsider, initiative.id, { page: 1 }))).toBe(404);
    expect(await refusalStatus(() => riskDetail(outsider, risk.id))).toBe(404);
    expect(await refusalStatus(() => createRisk(manager, initiative.id, riskForm({})))).toBe(403);
    const employee = await person("EMPLOYEE");
    expect(await refusalStatus(() => riskDetail(employee, risk.id))).toBe(403);
    const inactive = await makeUser({ role: "HR", active: false });
    await expect(
      createRisk(hr, initiative.id, riskForm({ ownerId: inactive.id })),
    ).rejects.toMatchObject({ fieldErrors: { ownerId: "risks.errors.ownerMissing" } });
  });
});
