import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import type { Role } from "~/lib/permissions";
import * as detailRoute from "~/routes/initiatives/risks/detail";
import * as exportRoute from "~/routes/initiatives/risks/export";
import * as registerRoute from "~/routes/initiatives/risks/register";
import { actionArgs, formPost, loaderArgs, outcomeStatus } from "../support/actions";
import { makeDepartment, makeUser, request, sessionCookie } from "../support/factories";
import { makeInitiative } from "../support/readiness";

// The risk register's pages (issue 17 item 5): who may open what, risks added and edited
// through the actions with errors next to their fields and nothing written, stale edits
// refused, and a CSV that a spreadsheet cannot run.

async function signedIn(role: Role, manages: string[] = []) {
  const user = await makeUser({ role, manages });
  return { user, cookie: (await sessionCookie(user.id)).cookie };
}

const fields = (extra: Record<string, string> = {}) => ({
  title: '=HYPERLINK("http://x")',
  category: "DATA_LOSS",
  likelihood: "4",
  impact: "5",
  status: "OPEN",
  description: "",
  mitigation: "",
  ownerId: "",
  nextReviewOn: "",
  ...extra,
});

type Answer = { ok?: boolean; fieldErrors?: Record<string, string> };
const answerOf = (result: unknown) => (result as { data: Answer }).data ?? (result as Answer);

describe("risk routes", () => {
  it("lets HR add and edit, managers of the tree read, others nothing", async () => {
    const service = await makeDepartment({ name: "Service" });
    const finance = await makeDepartment({ name: "Finance" });
    const initiative = await makeInitiative([{ departmentId: service.id }]);
    const params = { initiativeId: initiative.id };
    const url = `/initiatives/${initiative.id}/risks`;
    const hr = await signedIn("HR");

    // Invalid input: field errors, nothing written.
    const bad = await registerRoute.action(
      actionArgs(formPost(url, hr.cookie, fields({ title: "", likelihood: "6" })), params),
    );
    expect(answerOf(bad).fieldErrors).toMatchObject({
      title: expect.any(String),
      likelihood: expect.any(String),
    });
    expect(await getDb().risk.count({ where: { initiativeId: initiative.id } })).toBe(0);

    const created = (await registerRoute.action(
      actionArgs(formPost(url, hr.cookie, fields({ submissionKey: "k1" })), params),
    )) as Response;
    expect(created.status).toBe(302);
    const risk = await getDb().risk.findFirstOrThrow({ where: { initiativeId: initiative.id } });
    expect(risk.score).toBe(20);

    const register = await registerRoute.loader(
      loaderArgs(request(url, { cookie: hr.cookie }), params),
    );
    expect(register.canEdit).toBe(true);
    expect(register.matrix[1]![4]).toMatchObject({ likelihood: 4, impact: 5, count: 1 });

    // Manager reaching the initiative: read-only; outside: 404; employee: 403.
    const manager = await signedIn("MANAGER", [service.id]);
    const read = await registerRoute.loader(
      loaderArgs(request(url, { cookie: manager.cookie }), params),
    );
    expect(read.canEdit).toBe(false);
    expect(read.rows.map((r) => r.id)).toEqual([risk.id]);
    const riskParams = { ...params, riskId: risk.id };
    const riskUrl = `${url}/${risk.id}`;
    expect(
      await outcomeStatus(() =>
        detailRoute.action(
          actionArgs(
            formPost(riskUrl, manager.cookie, { ...fields(), intent: "details", revision: "0" }),
            riskParams,
          ),
        ),
      ),
    ).toBe(403);
    const outsider = await signedIn("MANAGER", [finance.id]);
    const employee = await signedIn("EMPLOYEE");
    for (const [who, status] of [
      [outsider, 404],
      [employee, 403],
    ] as const) {
      expect(
        await outcomeStatus(() =>
          registerRoute.loader(loaderArgs(request(url, { cookie: who.cookie }), params)),
        ),
      ).toBe(status);
      expect(
        await outcomeStatus(() =>
          detailRoute.loader(loaderArgs(request(riskUrl, { cookie: who.cookie }), riskParams)),
        ),
      ).toBe(status);
      expect(
        await outcomeStatus(() =>
          exportRoute.loader(
            loaderArgs(request(`${url}/export`, { cookie: who.cookie }), params) as never,
          ),
        ),
      ).toBe(status);
    }

    // Edit: invalid → field error, nothing written; good → rescored; stale → 409.
    const edit = (extra: Record<string, string>) =>
      detailRoute.action(
        actionArgs(
          formPost(riskUrl, hr.cookie, { ...fields(extra), intent: "details" }),
          riskParams,
        ),
      );
    const invalid = await edit({ revision: "0", impact: "9" });
    expect(answerOf(invalid).fieldErrors).toMatchObject({ impact: expect.any(String) });
    expect((await getDb().risk.findUniqueOrThrow({ where: { id: risk.id } })).revision).toBe(0);
    expect(answerOf(await edit({ revision: "0", impact: "2" })).ok).toBe(true);
    expect(await outcomeStatus(() => edit({ revision: "0", impact: "3" }))).toBe(409);
    const detail = await detailRoute.loader(
      loaderArgs(request(riskUrl, { cookie: hr.cookie }), riskParams),
    );
    expect(detail.risk.score).toBe(8);
    // The page names its initiative (its header and the way back).
    expect(detail.initiative).toEqual({
      id: params.initiativeId,
      name: expect.stringMatching(/^Initiative /),
    });
    expect(detail.history.map((h) => h.score)).toEqual([8, 20]);

    // The CSV: the formula is quoted so a spreadsheet shows it as text.
    const csv = (await exportRoute.loader(
      loaderArgs(request(`${url}/export`, { cookie: hr.cookie }), params) as never,
    )) as Response;
    const text = await csv.text();
    expect(text).toContain("'=HYPERLINK");
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
  });
});
