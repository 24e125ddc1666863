import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { ideaSchema } from "~/modules/ideas";
import { createIdea } from "~/modules/ideas/index.server";
import { callApi, makeApiToken } from "../support/api";
import { makeDepartment, makeUser, principalFor } from "../support/factories";
import { kpiWithPlan } from "../support/kpis";

// Issue 18 item 2: ideas (status changes through the reviewers' workflow, anonymous authors
// never given) and KPI actuals pushed idempotently, checked like an entry on the KPI page.

async function submitIdea(authorId: string, anonymous: boolean) {
  return createIdea(
    { id: authorId, role: "EMPLOYEE", scopeDepartmentIds: [] },
    ideaSchema.parse({
      title: `Idea ${randomUUID().slice(0, 8)}`,
      problem: "Slow",
      proposal: "Faster",
      category: "PROCESS_STEP",
      anonymous,
    }),
  );
}

describe("API: ideas and KPI actuals", () => {
  it("moves an idea along the workflow, refuses a step outside it, and hides anonymous authors", async () => {
    const token = await makeApiToken(["ideas:write"]);
    const author = await makeUser();
    const ideaId = await submitIdea(author.id, true);
    const read = await callApi("GET", `/ideas/${ideaId}`, { secret: token.secret });
    expect(read.json).toMatchObject({ status: "SUBMITTED", author_id: null });
    const named = await submitIdea(author.id, false);
    expect((await callApi("GET", `/ideas/${named}`, { secret: token.secret })).json).toMatchObject({
      author_id: author.id,
    });

    const skip = await callApi("POST", `/ideas/${ideaId}/status`, {
      secret: token.secret,
      body: { status: "IMPLEMENTED" },
    });
    expect(skip.status).toBe(422);
    const noReason = await callApi("POST", `/ideas/${ideaId}/status`, {
      secret: token.secret,
      body: { status: "DECLINED" },
    });
    expect((noReason.json?.errors as { pointer: string }[])[0]!.pointer).toBe("/reason");
    const moved = await callApi("POST", `/ideas/${ideaId}/status`, {
      secret: token.secret,
      body: { status: "UNDER_REVIEW" },
    });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ status: "UNDER_REVIEW" });
    const change = await getDb().ideaStatusChange.findFirstOrThrow({
      where: { ideaId, toStatus: "UNDER_REVIEW" },
    });
    expect(change).toMatchObject({ fromStatus: "SUBMITTED", actorId: token.admin.id });
    // The author hears of it, as when a reviewer moves it in the app.
    expect(
      await getDb().notification.count({ where: { userId: author.id, type: "IDEA_STATUS" } }),
    ).toBe(1);
    const reader = await makeApiToken(["ideas:read"]);
    const refused = await callApi("POST", `/ideas/${ideaId}/status`, {
      secret: reader.secret,
      body: { status: "ACCEPTED" },
    });
    expect(refused.status).toBe(403);
  });

  it("pushes a KPI actual once per department and period, and refuses a value out of range", async () => {
    const hr = await principalFor("HR");
    const department = await makeDepartment();
    const kpi = await kpiWithPlan(hr, [department.id]);
    const token = await makeApiToken(["initiatives:write"]);
    const push = (value: unknown, period = "2026-11") =>
      callApi("PUT", "/kpi-actuals", {
        secret: token.secret,
        body: { kpi_id: kpi.id, department_id: department.id, period, value },
      });
    expect((await push(4.2)).json).toMatchObject({ result: "created", value: 4.2 });
    expect((await push(4.2)).json).toMatchObject({ result: "unchanged" });
    expect((await push(3.9)).json).toMatchObject({ result: "updated", value: 3.9 });
    const outOfRange = await push(7);
    expect(outOfRange.status).toBe(422);
    expect((outOfRange.json?.errors as { pointer: string }[])[0]!.pointer).toBe("/value");
    expect((await push(4, "November")).status).toBe(422);
    const rows = await getDb().kpiActual.findMany({ where: { kpiId: kpi.id } });
    expect(rows.map((row) => row.value)).toEqual([3.9]);
    const audits = await getDb().auditEvent.findMany({
      where: { action: "kpi.actual.set", subjectId: kpi.id },
    });
    expect(audits).toHaveLength(2);
    expect(audits.every((a) => a.apiTokenId === token.id)).toBe(true);
    // Another department that the KPI does not apply to: 404.
    const elsewhere = await makeDepartment();
    const missing = await callApi("PUT", "/kpi-actuals", {
      secret: token.secret,
      body: { kpi_id: kpi.id, department_id: elsewhere.id, period: "2026-11", value: 4 },
    });
    expect(missing.status).toBe(404);
  });
});
