import { describe, it } from "vitest";
import { getDb } from "~/lib/db.server";
import type { Principal, Role } from "~/lib/permissions";
import { createProcessSchema, saveStepsSchema } from "~/modules/processes";
import { createProcess, saveSteps } from "~/modules/processes/index.server";
import { createRiskSchema, updateRiskSchema } from "~/modules/risks";
import { createRisk, updateRisk } from "~/modules/risks/index.server";
import * as processRoute from "~/routes/initiatives/process";
import * as readinessRoute from "~/routes/initiatives/readiness";
import * as riskDetailRoute from "~/routes/initiatives/risks/detail";
import * as registerRoute from "~/routes/initiatives/risks/register";
import { expectPageBudget, times } from "../support/budgets";
import { makeDepartment, makeUser, sessionCookie } from "../support/factories";
import { makeInitiative } from "../support/readiness";

// Query budgets of the change-management pages (issue 13 item 4 for issue 15 and 17's
// pages): the same statements with 3 rows as with 30, within a fixed number, as HR.

async function signedIn(role: Role) {
  const user = await makeUser({ role });
  const principal: Principal = { id: user.id, role, scopeDepartmentIds: [] };
  return { user, principal, cookie: (await sessionCookie(user.id)).cookie };
}

async function initiativeOfOneDepartment() {
  const department = await makeDepartment();
  const initiative = await makeInitiative([{ departmentId: department.id }]);
  return { department, initiative };
}

// Both kinds of live warning (readiness for resistance, backups for data loss) are read.
const CATEGORIES = ["STAFF_RESISTANCE", "DATA_LOSS", "DATA_LEAK", "OTHER"] as const;

describe("query budgets: risks, processes and readiness", { timeout: 120_000 }, () => {
  it("the risk register: the same statements for 3 and 30 risks, each with an owner", async () => {
    const hr = await signedIn("HR");
    const { initiative } = await initiativeOfOneDepartment();
    let added = 0;
    const addRisks = (count: number) =>
      times(count, async () => {
        const owner = await makeUser({ role: "MANAGER" });
        const i = added++;
        await createRisk(
          hr.principal,
          initiative.id,
          createRiskSchema.parse({
            title: `Risk ${i}`,
            category: CATEGORIES[i % CATEGORIES.length],
            likelihood: String((i % 5) + 1),
            impact: String(((i + 2) % 5) + 1),
            ownerId: owner.id,
          }),
        );
      });
    // 19 before the owner choices were read in one statement (they took one per role).
    await expectPageBudget(
      16,
      {
        route: registerRoute,
        url: `/initiatives/${initiative.id}/risks`,
        cookie: hr.cookie,
        params: { initiativeId: initiative.id },
      },
      addRisks,
    );
  });

  it("a risk: the same statements for 3 and 30 rescorings", async () => {
    const hr = await signedIn("HR");
    const { initiative } = await initiativeOfOneDepartment();
    const risk = await createRisk(
      hr.principal,
      initiative.id,
      createRiskSchema.parse({
        title: "Agents resist",
        category: "OTHER",
        likelihood: "1",
        impact: "3",
      }),
    );
    let revision = 0;
    const rescore = (count: number) =>
      times(count, async () => {
        const changedBy = await signedIn("HR");
        await updateRisk(
          changedBy.principal,
          risk.id,
          updateRiskSchema.parse({
            title: "Agents resist",
            category: "OTHER",
            likelihood: String((revision % 5) + 1),
            impact: String(((revision + 1) % 4) + 2),
            revision: String(revision++),
          }),
        );
      });
    await expectPageBudget(
      6,
      {
        route: riskDetailRoute,
        url: `/initiatives/${initiative.id}/risks/${risk.id}`,
        cookie: hr.cookie,
        params: { initiativeId: initiative.id, riskId: risk.id },
      },
      rescore,
    );
  });

  it("a process map: the same statements for 3 and 30 steps", async () => {
    const hr = await signedIn("HR");
    const { department, initiative } = await initiativeOfOneDepartment();
    const process = await createProcess(
      hr.principal,
      initiative.id,
      createProcessSchema.parse({ name: "Complaints", departmentId: department.id }),
    );
    let steps = 0;
    const addSteps = async (count: number) => {
      steps += count;
      const { revision } = await getDb().process.findUniqueOrThrow({ where: { id: process.id } });
      await saveSteps(
        hr.principal,
        process.id,
        saveStepsSchema.parse({
          version: "AS_IS",
          revision,
          steps: Array.from({ length: steps }, (_, i) => ({
            name: `Step ${i}`,
            minutes: String(5 + i),
            errorRate: "0",
          })),
        }),
      );
    };
    await expectPageBudget(
      6,
      {
        route: processRoute,
        url: `/initiatives/${initiative.id}/processes/${process.id}`,
        cookie: hr.cookie,
        params: { initiativeId: initiative.id, processId: process.id },
      },
      addSteps,
    );
  });

  it("readiness: the same statements for 3 and 30 departments", async () => {
    const hr = await signedIn("HR");
    const top = await makeDepartment();
    const initiative = await makeInitiative([{ departmentId: top.id }]);
    const addDepartments = (count: number) =>
      times(count, async () => {
        const department = await makeDepartment({ parentId: top.id });
        await makeUser({ departmentId: department.id });
      });
    await expectPageBudget(
      10,
      {
        route: readinessRoute,
        url: `/initiatives/${initiative.id}/readiness`,
        cookie: hr.cookie,
        params: { initiativeId: initiative.id },
      },
      addDepartments,
    );
  });
});
