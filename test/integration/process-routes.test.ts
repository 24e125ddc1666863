import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import type { Role } from "~/lib/permissions";
import { ProcessPage } from "~/modules/processes";
import * as detailRoute from "~/routes/initiatives/process";
import * as exportRoute from "~/routes/initiatives/process-export";
import * as listRoute from "~/routes/initiatives/processes";
import { actionArgs, formPost, loaderArgs, outcomeStatus } from "../support/actions";
import { makeDepartment, makeUser, request, sessionCookie } from "../support/factories";
import { makeInitiative } from "../support/readiness";
import { renderPage, textOf } from "../support/render";

// The process pages (issue 17, decision 042) through their routes: who may open the list,
// the page and the CSV; a process created once, field errors with nothing written; steps
// saved and copied to the to-be version through the page's action.

async function signedIn(role: Role, manages: string[] = []) {
  const user = await makeUser({ role, manages });
  return { user, cookie: (await sessionCookie(user.id)).cookie };
}

const jsonPost = (url: string, cookie: string, body: unknown) =>
  new Request(new URL(url, "http://localhost"), {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });

type Answer = { ok: boolean; fieldErrors?: Record<string, string>; formError?: string };
const answerOf = (result: unknown) => (result as { data: Answer }).data ?? (result as Answer);

async function setting() {
  const service = await makeDepartment({ name: "Service" });
  const finance = await makeDepartment({ name: "Finance" });
  const initiative = await makeInitiative([{ departmentId: service.id }]);
  const hr = await signedIn("HR");
  const manager = await signedIn("MANAGER", [service.id]);
  const outsider = await signedIn("MANAGER", [finance.id]);
  const employee = await signedIn("EMPLOYEE");
  const listUrl = `/initiatives/${initiative.id}/processes`;
  return { service, finance, initiative, hr, manager, outsider, employee, listUrl };
}

async function createVia(
  s: Awaited<ReturnType<typeof setting>>,
  fields: Record<string, string>,
  cookie = s.hr.cookie,
) {
  return listRoute.action(
    actionArgs(formPost(s.listUrl, cookie, { submissionKey: crypto.randomUUID(), ...fields }), {
      initiativeId: s.initiative.id,
    }),
  );
}

const STEPS = [
  { name: "Take the call", minutes: "10", errorRate: "10" },
  { name: "Look up the order", minutes: "30", errorRate: "0" },
  { name: "=SUM(A1)", minutes: "20", errorRate: "50", parallelWithPrevious: true },
];

describe("process routes", () => {
  it("creates through the list's action: field errors and nothing written, then once", async () => {
    const s = await setting();
    const invalid = await createVia(s, { name: "", departmentId: s.service.id, outcome: "" });
    expect(answerOf(invalid)).toMatchObject({ ok: false });
    expect(answerOf(invalid).fieldErrors).toHaveProperty("name");
    const unknownDepartment = await createVia(s, { name: "Returns", departmentId: "nope" });
    expect(answerOf(unknownDepartment).fieldErrors).toHaveProperty("departmentId");
    expect(await getDb().process.count({ where: { initiativeId: s.initiative.id } })).toBe(0);
    // Managers edit processes; they create none.
    expect(
      await outcomeStatus(() =>
        createVia(s, { name: "Returns", departmentId: s.service.id }, s.manager.cookie),
      ),
    ).toBe(403);
    const key = crypto.randomUUID();
    const fields = { submissionKey: key, name: "Returns", departmentId: s.service.id };
    const post = () =>
      listRoute.action(
        actionArgs(formPost(s.listUrl, s.hr.cookie, fields), { initiativeId: s.initiative.id }),
      );
    const created = (await post()) as Response;
    expect(created.status).toBe(302);
    const again = (await post()) as Response;
    expect(again.headers.get("Location")).toBe(created.headers.get("Location"));
    const stored = await getDb().process.findMany({ where: { initiativeId: s.initiative.id } });
    expect(stored).toHaveLength(1);
    expect(created.headers.get("Location")).toBe(`${s.listUrl}/${stored[0]!.id}`);
  });

  it("lets HR and the tree's managers in, hides it from other managers (404), refuses employees (403)", async () => {
    const s = await setting();
    const created = (await createVia(s, {
      name: "Complaints",
      departmentId: s.service.id,
    })) as Response;
    const pageUrl = created.headers.get("Location")!;
    const processId = pageUrl.split("/").at(-1)!;
    const params = { initiativeId: s.initiative.id, processId };
    const open = (
      cookie: string,
      route: "detail" | "export" | "list",
      p: Record<string, string> = params,
    ) => {
      const url = route === "list" ? s.listUrl : route === "export" ? `${pageUrl}/export` : pageUrl;
      const args = {
        ...loaderArgs(request(url, { cookie }), p),
        context: { clientAddress: "10.1.1.1" },
      };
      return outcomeStatus(() =>
        route === "list"
          ? listRoute.loader(args as never)
          : route === "export"
            ? exportRoute.loader(args as never)
            : detailRoute.loader(args as never),
      );
    };
    for (const route of ["list", "detail", "export"] as const) {
      expect(await open(s.hr.cookie, route), `HR ${route}`).toBe(200);
      expect(await open(s.manager.cookie, route), `manager ${route}`).toBe(200);
      expect(await open(s.employee.cookie, route), `employee ${route}`).toBe(403);
    }
    expect(await open(s.outsider.cookie, "detail")).toBe(404);
    expect(await open(s.outsider.cookie, "export")).toBe(404);
    // The initiative does not reach their tree: its processes' list is not there either.
    expect(await open(s.outsider.cookie, "list")).toBe(404);
    // The process under another initiative's URL is not there.
    const other = await makeInitiative([{ departmentId: s.service.id }]);
    expect(await open(s.hr.cookie, "detail", { initiativeId: other.id, processId })).toBe(404);
    // The manager may edit, not delete; HR may both.
    const managerPage = await detailRoute.loader(
      loaderArgs(request(pageUrl, { cookie: s.manager.cookie }), params),
    );
    expect(managerPage.detail).toMatchObject({ canUpdate: true, canDelete: false });
    expect(managerPage.departments.map((d) => d.value)).toEqual([s.service.id]);
    expect(
      await outcomeStatus(() =>
        detailRoute.action(
          actionArgs(jsonPost(pageUrl, s.manager.cookie, { intent: "delete" }), params),
        ),
      ),
    ).toBe(403);
    expect(await getDb().process.count({ where: { id: processId } })).toBe(1);
  });

  it("saves steps and copies them to to-be through the page, then shows and exports both", async () => {
    const s = await setting();
    const created = (await createVia(s, {
      name: "Complaints",
      departmentId: s.service.id,
    })) as Response;
    const pageUrl = created.headers.get("Location")!;
    const processId = pageUrl.split("/").at(-1)!;
    const params = { initiativeId: s.initiative.id, processId };
    const post = (body: object, cookie = s.manager.cookie) =>
      detailRoute.action(actionArgs(jsonPost(pageUrl, cookie, body), params));
    const revision = async () =>
      (await getDb().process.findUniqueOrThrow({ where: { id: processId } })).revision;

    const invalid = answerOf(
      await post({
        intent: "steps",
        version: "AS_IS",
        revision: await revision(),
        steps: [
          { name: "Take the call", minutes: "ten", errorRate: "0" },
          { name: "", minutes: "5", errorRate: "0" },
        ],
      }),
    );
    expect(invalid.ok).toBe(false);
    expect(invalid.fieldErrors).toHaveProperty(["steps.0.minutes"]);
    expect(invalid.fieldErrors).toHaveProperty(["steps.1.name"]);
    expect(await getDb().processStep.count({ where: { processId } })).toBe(0);

    const saved = answerOf(
      await post({ intent: "steps", version: "AS_IS", revision: await revision(), steps: STEPS }),
    );
    expect(saved.ok).toBe(true);
    // A stale form (the revision moved on) writes nothing.
    expect(
      await outcomeStatus(() =>
        post({ intent: "steps", version: "AS_IS", revision: 0, steps: STEPS.slice(0, 1) }),
      ),
    ).toBe(409);
    expect(await getDb().processStep.count({ where: { processId } })).toBe(3);

    expect(
      answerOf(await post({ intent: "copy", revision: await revision(), replace: false })).ok,
    ).toBe(true);
    // A second copy asks first: refused without `replace`, done with it.
    expect(await outcomeStatus(() => post({ intent: "copy", revision: 2, replace: false }))).toBe(
      409,
    );
    expect(
      answerOf(await post({ intent: "copy", revision: await revision(), replace: true })).ok,
    ).toBe(true);

    const { detail } = await detailRoute.loader(
      loaderArgs(request(pageUrl, { cookie: s.manager.cookie }), params),
    );
    expect(detail.toBe.map((step) => step.name)).toEqual(STEPS.map((step) => step.name));
    // Automate the bottleneck of to-be ("Look up the order", 30 min) and see the comparison move.
    const toBe = detail.toBe.map((step) => ({
      ...step,
      minutes: String(step.minutes),
      errorRate: String(step.errorRate),
      automated: step.name === "Look up the order",
    }));
    toBe[1]!.minutes = "2";
    expect(
      answerOf(
        await post({ intent: "steps", version: "TO_BE", revision: await revision(), steps: toBe }),
      ).ok,
    ).toBe(true);
    const after = await detailRoute.loader(
      loaderArgs(request(pageUrl, { cookie: s.hr.cookie }), params),
    );
    expect(after.detail.comparison).toMatchObject({
      stepsAutomated: 1,
      stepsRemoved: 0,
      stepsAdded: 0,
      asIs: { criticalPathMinutes: 40, totalMinutes: 60 },
      toBe: { criticalPathMinutes: 30, totalMinutes: 32, automated: 1 },
    });
    const html = await renderPage(
      createElement(ProcessPage, { ...after, actionData: undefined } as never),
    );
    expect(textOf(html)).toContain("Bottleneck");
    expect(html).toContain('data-testid="steps-form-to-be"');
    expect(textOf(html)).toContain("1 step automated");

    const response = (await exportRoute.loader({
      ...loaderArgs(request(`${pageUrl}/export`, { cookie: s.hr.cookie }), params),
      context: { clientAddress: "10.1.1.2" },
    } as never)) as Response;
    const csv = await response.text();
    expect(csv).toContain("'=SUM(A1)");
    expect(csv).not.toMatch(/(^|,)=SUM/m);
    // A header and three steps per version.
    expect(csv.split("\n").filter((line) => line.trim()).length).toBe(7);

    expect(
      ((await post({ intent: "delete" }, s.hr.cookie)) as Response).headers.get("Location"),
    ).toBe(s.listUrl);
    expect(await getDb().processStep.count({ where: { processId } })).toBe(0);
  });
});
