import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { ideaSchema } from "~/modules/ideas";
import { createIdea } from "~/modules/ideas/index.server";
import { selfEnrol } from "~/modules/learning/index.server";
import { callApi, makeApiToken } from "../support/api";
import { makeDepartment, makeUser, principalFor } from "../support/factories";
import { kpiWithPlan } from "../support/kpis";
import { publishedCourse } from "../support/learning";
import { answer, makeInitiative, makePulse, same } from "../support/readiness";

// Issue 18 items 2 and 4: readiness per department and pulse (the app's confidentiality
// floor kept), and the BI feeds: whole tables as formula-safe CSV or a JSON array.

const csvRows = (text: string) =>
  text
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter(Boolean);

describe("API: readiness and BI feeds", () => {
  it("gives readiness per department for a pulse, without numbers under the floor", async () => {
    const shown = await makeDepartment({ name: "Shown" });
    const small = await makeDepartment({ name: "Small" });
    const initiative = await makeInitiative(
      [{ departmentId: shown.id }, { departmentId: small.id }],
      {
        minRespondents: 5,
      },
    );
    const pulse = await makePulse(initiative.id);
    for (let i = 0; i < 6; i++) await makeUser({ departmentId: shown.id });
    await answer(pulse.id, shown.id, same(6, [2, 4, 4, 4, 4]));
    await answer(pulse.id, small.id, same(2));
    const token = await makeApiToken(["initiatives:read"]);
    const result = await callApi(
      "GET",
      `/initiatives/${initiative.id}/readiness?pulse_id=${pulse.id}`,
      {
        secret: token.secret,
      },
    );
    expect(result.status).toBe(200);
    const body = result.json as {
      pulse_id: string;
      departments: {
        department_id: string;
        readiness: null | { respondents: number; barrier: string };
      }[];
    };
    expect(body.pulse_id).toBe(pulse.id);
    const byId = new Map(body.departments.map((row) => [row.department_id, row.readiness]));
    expect(byId.get(shown.id)).toMatchObject({ respondents: 6, barrier: "awareness" });
    expect(byId.get(small.id)).toBeNull();
    expect(
      (await callApi("GET", "/initiatives/nope/readiness", { secret: token.secret })).status,
    ).toBe(404);
    const feed = await makeApiToken(["reports:read"]);
    const heat = await callApi("GET", "/feeds/readiness?format=json", { secret: feed.secret });
    const mine = (
      heat.json as unknown as {
        initiative_id: string;
        department_id: string;
        shown: boolean;
        awareness: number | null;
      }[]
    ).filter((row) => row.initiative_id === initiative.id);
    expect(mine.find((row) => row.department_id === small.id)).toMatchObject({
      shown: false,
      awareness: null,
    });
    expect(mine.find((row) => row.department_id === shown.id)?.shown).toBe(true);
  });

  it("streams completion per department and course, KPI actuals and ideas, as CSV that a spreadsheet cannot run", async () => {
    const department = await makeDepartment({ name: "Feeds" });
    const learner = await makeUser({ departmentId: department.id });
    const course = await publishedCourse(await principalFor("TRAINER"), 1, 1);
    await selfEnrol(learner.id, course.id);
    await createIdea(
      { id: learner.id, role: "EMPLOYEE", scopeDepartmentIds: [] },
      ideaSchema.parse({
        title: `=HYPERLINK("http://x") ${randomUUID().slice(0, 4)}`,
        problem: "p",
        proposal: "q",
        category: "TOOL",
      }),
    );
    const kpi = await kpiWithPlan(await principalFor("HR"), [department.id]);
    const writer = await makeApiToken(["initiatives:write"]);
    await callApi("PUT", "/kpi-actuals", {
      secret: writer.secret,
      body: { kpi_id: kpi.id, department_id: department.id, period: "2026-10", value: 4.1 },
    });

    const token = await makeApiToken(["reports:read"]);
    const completion = await callApi("GET", "/feeds/completion", { secret: token.secret });
    expect(completion.status).toBe(200);
    expect(completion.response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const lines = csvRows(completion.text);
    expect(lines[0]).toBe(
      "department_id,department_code,department,course_id,course,assigned,not_started,in_progress,completed,completed_on_time,overdue,completion_pct,average_score",
    );
    const row = lines.find((line) => line.startsWith(`${department.id},`));
    expect(row).toContain(`,${course.id},`);
    expect(row).toMatch(/,1,1,0,0,0,0,0,/);

    const ideas = await callApi("GET", "/feeds/ideas", { secret: token.secret });
    expect(ideas.text).toContain(`"'=HYPERLINK(""http://x"")`);
    const ideasJson = await callApi("GET", "/feeds/ideas?format=json", { secret: token.secret });
    expect(Array.isArray(ideasJson.json)).toBe(true);

    const actuals = await callApi("GET", "/feeds/kpi-actuals?format=json", {
      secret: token.secret,
    });
    const mine = (
      actuals.json as unknown as { kpi_id: string; period: string; value: number }[]
    ).filter((r) => r.kpi_id === kpi.id);
    expect(mine).toEqual([expect.objectContaining({ period: "2026-10", value: 4.1 })]);
    // A feed wants its scope.
    const other = await makeApiToken(["people:read"]);
    expect((await callApi("GET", "/feeds/completion", { secret: other.secret })).status).toBe(403);
  });

  it("streams a feed larger than one batch whole, in order", async () => {
    const department = await makeDepartment();
    const author = await makeUser({ departmentId: department.id });
    await getDb().idea.createMany({
      data: Array.from({ length: 1203 }, (_, i) => ({
        title: `Bulk ${i}`,
        problem: "p",
        proposal: "q",
        category: "OTHER" as const,
        authorId: author.id,
        departmentId: department.id,
      })),
    });
    const token = await makeApiToken(["reports:read"]);
    const feed = await callApi("GET", "/feeds/ideas?format=json", { secret: token.secret });
    const ids = (feed.json as unknown as { id: string; department_id: string }[])
      .filter((row) => row.department_id === department.id)
      .map((row) => row.id);
    expect(ids).toHaveLength(1203);
    expect(new Set(ids).size).toBe(1203);
  });
});
