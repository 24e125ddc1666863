import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { overrideChunkSizes } from "~/lib/chunks.server";
import { getDb } from "~/lib/db.server";
import type { Role } from "~/lib/permissions";
import { KpiImportPage } from "~/modules/kpis";
import { commitKpiImport, setActual } from "~/modules/kpis/index.server";
import * as importErrorsRoute from "~/routes/initiatives/kpis/import-errors";
import * as importTemplateRoute from "~/routes/initiatives/kpis/import-template";
import * as importRoute from "~/routes/initiatives/kpis/import";
import { bodyLimitFor } from "../../scripts/body-limit.mjs";
import { actionArgs, loaderArgs, outcomeStatus } from "../support/actions";
import { makeDepartment, makeUser, request, sessionCookie } from "../support/factories";
import { day, kpiWithPlan } from "../support/kpis";
import { renderPage, textOf } from "../support/render";

// The KPI actuals import (issue 16 item 2) through its route's loader and action on a real
// database: each row's outcome with its reason, nothing written before the confirmation, the
// commit's writes and audit (old and new value), re-import and double submit writing nothing,
// a stale preview refused, the roles, the template and the error report.

const HEADER = "department,kpi,period,value";

async function signedIn(role: Role, manages: string[] = []) {
  const user = await makeUser({ role, manages });
  return {
    user,
    principal: { id: user.id, role, scopeDepartmentIds: manages },
    cookie: (await sessionCookie(user.id)).cookie,
  };
}

function uploadRequest(cookie: string, csv: string) {
  const body = new FormData();
  body.set("intent", "upload");
  body.set("file", new File([csv], "actuals.csv", { type: "text/csv" }));
  return new Request("http://localhost/initiatives/kpis/import", {
    method: "POST",
    headers: { Cookie: cookie },
    body,
  });
}

async function uploadAndPreview(cookie: string, csv: string, query = "") {
  const answer = (await importRoute.action(actionArgs(uploadRequest(cookie, csv)))) as Response;
  expect(answer.status).toBe(302);
  const location = answer.headers.get("Location")!;
  expect(location).toMatch(/^\/initiatives\/kpis\/import\?file=\w+$/);
  const { preview } = await importRoute.loader(
    loaderArgs(request(`${location}${query}`, { cookie })),
  );
  return preview!;
}

type Preview = Awaited<ReturnType<typeof uploadAndPreview>>;
const commitFields = (preview: Preview) => ({
  intent: "commit",
  fileId: preview.upload.id,
  sha256: preview.upload.sha256,
  planDigest: preview.plan!.digest,
});
const commit = (cookie: string, preview: Preview) =>
  importRoute.action(
    actionArgs(request("/initiatives/kpis/import", { cookie, form: commitFields(preview) })),
  );

/** Two departments with a 1–5 monthly KPI and a weekly one; a third without them. */
async function world(hr: { id: string; role: Role; scopeDepartmentIds: string[] }) {
  const suffix = Math.random().toString(36).slice(2, 8);
  const north = await makeDepartment({ name: `North ${suffix}` });
  const south = await makeDepartment({ name: `South ${suffix}` });
  const other = await makeDepartment({ name: `Other ${suffix}` });
  const csat = await kpiWithPlan(hr, [north.id, south.id], {}, { name: `CSAT ${suffix}` });
  const response = await kpiWithPlan(
    hr,
    [north.id],
    { baseline: 8, target: 4 },
    {
      name: `Response ${suffix}`,
      direction: "LOWER_IS_BETTER",
      period: "WEEKLY",
      precision: 1,
      minValue: 0,
      maxValue: null,
    },
  );
  return { suffix, north, south, other, csat, response };
}

const actualsOf = (kpiId: string) =>
  getDb().kpiActual.findMany({
    where: { kpiId },
    select: { departmentId: true, periodStart: true, value: true, source: true },
    orderBy: [{ departmentId: "asc" }, { periodStart: "asc" }],
  });

describe("the KPI actuals import", () => {
  it("previews each row's outcome with its reason and writes nothing before the confirmation", async () => {
    const hr = await signedIn("HR");
    const w = await world(hr.principal);
    await setActual(hr.principal, w.csat.id, w.north.id, { period: day("2026-01-01"), value: 3 });
    await setActual(hr.principal, w.csat.id, w.north.id, { period: day("2026-02-01"), value: 4 });
    const csv = [
      HEADER,
      // An update (3 → 3.5), matched case-insensitively and trimmed.
      `  north ${w.suffix.toUpperCase()} ,csat ${w.suffix},2026-01,3.5`,
      // Unchanged: a day in February is February; 4.001 rounds to 4 at two decimals.
      `North ${w.suffix},CSAT ${w.suffix},2026-02-14,4.001`,
      // Created, the KPI by its id; a week for the weekly KPI; a rounded value.
      `North ${w.suffix},${w.response.id},2026-W10,5.46`,
      `Nowhere,CSAT ${w.suffix},2026-03,4`,
      `North ${w.suffix},No such KPI,2026-03,4`,
      `Other ${w.suffix},CSAT ${w.suffix},2026-03,4`,
      `South ${w.suffix},CSAT ${w.suffix},2026-13,4`,
      `South ${w.suffix},CSAT ${w.suffix},2026-W10,4`,
      `South ${w.suffix},CSAT ${w.suffix},2026-03,four`,
      `South ${w.suffix},CSAT ${w.suffix},2026-08,7`,
      `South ${w.suffix},CSAT ${w.suffix},2026-04,4`,
      `South ${w.suffix},CSAT ${w.suffix},2026-04-20,4.5`,
      `South ${w.suffix},CSAT ${w.suffix},2026-05`,
    ].join("\n");
    const audits = await getDb().auditEvent.count();
    const preview = await uploadAndPreview(hr.cookie, csv);
    expect(preview.problem).toBeNull();
    const plan = preview.plan!;
    expect(plan.counts).toEqual({ created: 1, updated: 1, unchanged: 1, error: 10 });
    const byRow = new Map(plan.rows.map((r) => [r.row, r]));
    expect(byRow.get(2)).toMatchObject({ outcome: "updated", before: 3, after: 3.5 });
    expect(byRow.get(3)).toMatchObject({ outcome: "unchanged", before: 4, after: 4 });
    expect(byRow.get(4)).toMatchObject({ outcome: "created", before: null, after: 5.5 });
    const reasons = (row: number) => byRow.get(row)!.problems.map((p) => p.messageKey);
    expect(reasons(5)).toEqual(["kpis.import.errors.unknownDepartment"]);
    expect(reasons(6)).toEqual(["kpis.import.errors.unknownKpi"]);
    expect(reasons(7)).toEqual(["kpis.import.errors.notApplied"]);
    expect(reasons(8)).toEqual(["kpis.errors.period.MONTHLY"]);
    expect(reasons(9)).toEqual(["kpis.errors.period.MONTHLY"]);
    expect(reasons(10)).toEqual(["kpis.import.errors.badValue"]);
    expect(reasons(11)).toEqual(["kpis.import.errors.outOfRange"]);
    expect(byRow.get(11)!.problems[0]!.values).toEqual({ range: "1–5" });
    expect(reasons(12)).toEqual(["kpis.import.errors.duplicate"]);
    expect(reasons(13)).toEqual(["kpis.import.errors.duplicate"]);
    expect(reasons(14)).toEqual(["kpis.import.errors.wrongCellCount"]);
    // One outcome's rows, paginated.
    const errors = await importRoute.loader(
      loaderArgs(
        request(`/initiatives/kpis/import?file=${preview.upload.id}&outcome=error`, {
          cookie: hr.cookie,
        }),
      ),
    );
    expect(errors.preview!.plan!.rows.map((r) => r.row)).toEqual([
      5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
    ]);
    // Nothing written by the upload or the previews.
    expect((await actualsOf(w.csat.id)).map((a) => a.value)).toEqual([3, 4]);
    expect(await actualsOf(w.response.id)).toEqual([]);
    expect(await getDb().auditEvent.count()).toBe(audits);
  });

  it("commits in chunks with an audit entry per change (old and new value); a re-import and a double submit write nothing", async () => {
    const hr = await signedIn("HR");
    const w = await world(hr.principal);
    await setActual(hr.principal, w.csat.id, w.north.id, { period: day("2026-01-01"), value: 3 });
    const rows = [`North ${w.suffix},CSAT ${w.suffix},2026-01,3.25`];
    for (const month of ["02", "03", "04", "05", "06"]) {
      rows.push(`North ${w.suffix},CSAT ${w.suffix},2026-${month},4`);
      rows.push(`South ${w.suffix},CSAT ${w.suffix},2026-${month}-01,${month === "06" ? 4.6 : 3}`);
    }
    rows.push(`North ${w.suffix},Response ${w.suffix},2026-03-04,6`);
    rows.push(`North ${w.suffix},CSAT ${w.suffix},2026-07,0`);
    const csv = [HEADER, ...rows].join("\r\n");
    // Chunks of three rows: the commit crosses several transactions.
    const restore = overrideChunkSizes({ kpiImportRows: 3 });
    try {
      const preview = await uploadAndPreview(hr.cookie, csv);
      expect(preview.plan!.counts).toEqual({ created: 11, updated: 1, unchanged: 0, error: 1 });
      const result = await commit(hr.cookie, preview);
      expect(result).toMatchObject({
        data: {
          ok: true,
          intent: "commit",
          written: true,
          alreadyCommitted: false,
          counts: { created: 11, updated: 1, error: 1 },
        },
      });
      const north = (await actualsOf(w.csat.id)).filter((a) => a.departmentId === w.north.id);
      expect(north.map((a) => a.value)).toEqual([3.25, 4, 4, 4, 4, 4]);
      expect(north.slice(1).every((a) => a.source === "IMPORT")).toBe(true);
      expect((await actualsOf(w.response.id)).map((a) => [a.periodStart, a.value])).toEqual([
        [day("2026-03-02"), 6],
      ]);
      // One kpi.actual.set per changed actual, with the old and the new value.
      const sets = await getDb().auditEvent.findMany({
        where: { action: "kpi.actual.set", actorId: hr.user.id, subjectId: w.csat.id },
        orderBy: { createdAt: "asc" },
      });
      expect(sets).toHaveLength(12);
      const january = sets.find(
        (e) =>
          (e.after as { period: string; departmentId: string }).period === "2026-01" &&
          (e.after as { departmentId: string }).departmentId === w.north.id &&
          (e.after as { source: string }).source === "IMPORT",
      )!;
      expect(january.before).toEqual({ value: 3 });
      expect(january.after).toMatchObject({ value: 3.25, source: "IMPORT" });
      const created = sets.find(
        (e) =>
          (e.after as { period: string }).period === "2026-06" &&
          (e.after as { departmentId: string }).departmentId === w.south.id,
      )!;
      expect(created.before).toBeNull();
      expect(created.after).toMatchObject({ value: 4.6 });
      expect(
        await getDb().auditEvent.count({
          where: { action: "kpi.actual.import", subjectId: preview.upload.id },
        }),
      ).toBe(1);
      // The standings follow: the latest actual of each touched pair.
      const standing = await getDb().kpiDepartment.findUnique({
        where: { kpiId_departmentId: { kpiId: w.csat.id, departmentId: w.south.id } },
      });
      expect(standing).toMatchObject({ latestValue: 4.6, latestPeriod: day("2026-06-01") });
      expect(standing!.status).not.toBe("NO_DATA");

      const audits = await getDb().auditEvent.count();
      const actuals = await getDb().kpiActual.count();
      // The same form again (a double submit): told it is done, nothing more written.
      expect(await commit(hr.cookie, preview)).toMatchObject({
        data: { ok: true, written: false, alreadyCommitted: true },
      });
      // The same file again: every valid row unchanged, and its commit writes nothing.
      const again = await uploadAndPreview(hr.cookie, csv);
      expect(again.upload.id).not.toBe(preview.upload.id);
      expect(again.plan!.counts).toEqual({ created: 0, updated: 0, unchanged: 12, error: 1 });
      expect(await commit(hr.cookie, again)).toMatchObject({
        data: { ok: true, written: false, alreadyCommitted: false },
      });
      expect(await getDb().auditEvent.count()).toBe(audits);
      expect(await getDb().kpiActual.count()).toBe(actuals);
    } finally {
      restore();
    }
  });

  it("refuses a stale preview: a value changed after it is not overwritten", async () => {
    const hr = await signedIn("HR");
    const w = await world(hr.principal);
    const csv = [HEADER, `North ${w.suffix},CSAT ${w.suffix},2026-03,4`].join("\n");
    const preview = await uploadAndPreview(hr.cookie, csv);
    expect(preview.plan!.counts.created).toBe(1);
    await setActual(hr.principal, w.csat.id, w.north.id, { period: day("2026-03-01"), value: 2 });
    expect(await outcomeStatus(() => commit(hr.cookie, preview))).toBe(409);
    expect((await actualsOf(w.csat.id)).map((a) => a.value)).toEqual([2]);
  });

  it("after a refused stale commit, a new preview shows what is left and its commit finishes", async () => {
    const hr = await signedIn("HR");
    const w = await world(hr.principal);
    const csv = [
      HEADER,
      ...["01", "02", "03"].map((m) => `North ${w.suffix},CSAT ${w.suffix},2026-${m},4`),
    ].join("\n");
    const restore = overrideChunkSizes({ kpiImportRows: 1 });
    try {
      const preview = await uploadAndPreview(hr.cookie, csv);
      // March is entered by hand after the preview: the commit is refused, nothing written.
      await setActual(hr.principal, w.csat.id, w.north.id, { period: day("2026-03-01"), value: 2 });
      expect(await outcomeStatus(() => commit(hr.cookie, preview))).toBe(409);
      expect((await actualsOf(w.csat.id)).map((a) => a.value)).toEqual([2]);
      const again = await uploadAndPreview(hr.cookie, csv);
      expect(again.upload.id).toBe(preview.upload.id);
      expect(again.plan!.counts).toEqual({ created: 2, updated: 1, unchanged: 0, error: 0 });
      expect(again.plan!.rows[2]).toMatchObject({ outcome: "updated", before: 2, after: 4 });
      expect(await commit(hr.cookie, again)).toMatchObject({ data: { ok: true, written: true } });
      expect((await actualsOf(w.csat.id)).map((a) => a.value)).toEqual([4, 4, 4]);
      const standing = await getDb().kpiDepartment.findUnique({
        where: { kpiId_departmentId: { kpiId: w.csat.id, departmentId: w.north.id } },
      });
      expect(standing).toMatchObject({ latestValue: 4, latestPeriod: day("2026-03-01") });
    } finally {
      restore();
    }
  });

  it("checks each chunk against the stored values: a change after the plan stops the commit there, and committing again finishes it", async () => {
    const hr = await signedIn("HR");
    const w = await world(hr.principal);
    const csv = [
      HEADER,
      ...["01", "02", "03"].map((m) => `North ${w.suffix},CSAT ${w.suffix},2026-${m},4`),
    ].join("\n");
    const restore = overrideChunkSizes({ kpiImportRows: 1 });
    try {
      const preview = await uploadAndPreview(hr.cookie, csv);
      // March is entered by hand between the commit's plan and its writes.
      const cutShort = commitKpiImport(
        hr.principal,
        {
          fileId: preview.upload.id,
          sha256: preview.upload.sha256,
          planDigest: preview.plan!.digest,
        },
        {
          onPhase: async (phase) => {
            if (phase === "plan")
              await setActual(hr.principal, w.csat.id, w.north.id, {
                period: day("2026-03-01"),
                value: 2,
              });
          },
        },
      );
      await expect(cutShort).rejects.toMatchObject({ status: 409 });
      // January's and February's chunks stay; March keeps the value entered by hand.
      expect((await actualsOf(w.csat.id)).map((a) => a.value)).toEqual([4, 4, 2]);
      const again = await uploadAndPreview(hr.cookie, csv);
      expect(again.upload.id).toBe(preview.upload.id);
      expect(again.plan!.counts).toEqual({ created: 0, updated: 1, unchanged: 2, error: 0 });
      expect(await commit(hr.cookie, again)).toMatchObject({ data: { ok: true, written: true } });
      expect((await actualsOf(w.csat.id)).map((a) => a.value)).toEqual([4, 4, 4]);
      const standing = await getDb().kpiDepartment.findUnique({
        where: { kpiId_departmentId: { kpiId: w.csat.id, departmentId: w.north.id } },
      });
      expect(standing).toMatchObject({ latestValue: 4, latestPeriod: day("2026-03-01") });
    } finally {
      restore();
    }
  });

  it("matches a template KPI by its name in either language, and reports an ambiguous name", async () => {
    const hr = await signedIn("HR");
    const w = await world(hr.principal);
    const template = await kpiWithPlan(
      hr.principal,
      [w.north.id],
      {},
      {
        template: "csat5",
        name: "kpis.templates.csat5.name",
      },
    );
    const twin = `Twin ${w.suffix}`;
    await kpiWithPlan(hr.principal, [w.north.id], {}, { name: twin });
    await kpiWithPlan(hr.principal, [w.north.id], {}, { name: twin.toUpperCase() });
    const csv = [
      HEADER,
      `North ${w.suffix},Customer satisfaction (1–5),2026-03,4`,
      `North ${w.suffix},客户满意度（1–5）,2026-04,4`,
      `North ${w.suffix},${twin},2026-04,4`,
    ].join("\n");
    const plan = (await uploadAndPreview(hr.cookie, csv)).plan!;
    expect(plan.rows.map((r) => r.outcome)).toEqual(["created", "created", "error"]);
    expect(plan.rows[2]!.problems[0]!.messageKey).toBe("kpis.import.errors.ambiguousKpi");
    expect(template.name).toBe("kpis.templates.csat5.name");
  });

  it("is HR's and admins': managers and employees get 403 on the page, template and errors", async () => {
    const department = await makeDepartment();
    const manager = await signedIn("MANAGER", [department.id]);
    const employee = await signedIn("EMPLOYEE");
    for (const who of [manager, employee]) {
      for (const [route, url] of [
        [importRoute, "/initiatives/kpis/import"],
        [importTemplateRoute, "/initiatives/kpis/import/template"],
        [importErrorsRoute, "/initiatives/kpis/import/errors?file=x"],
      ] as const)
        expect(
          await outcomeStatus(() => route.loader(loaderArgs(request(url, { cookie: who.cookie })))),
        ).toBe(403);
      expect(
        await outcomeStatus(() =>
          importRoute.action(actionArgs(uploadRequest(who.cookie, `${HEADER}\n`))),
        ),
      ).toBe(403);
    }
    expect(
      await getDb().kpiImportFile.count({
        where: { uploadedById: { in: [manager.user.id, employee.user.id] } },
      }),
    ).toBe(0);
    const admin = await signedIn("ADMIN");
    const page = await importRoute.loader(
      loaderArgs(request("/initiatives/kpis/import", { cookie: admin.cookie })),
    );
    expect(page.preview).toBeNull();
  });

  it("serves the template and a formula-safe error report with the reasons", async () => {
    const hr = await signedIn("HR");
    const w = await world(hr.principal);
    const template = (await importTemplateRoute.loader(
      loaderArgs(request("/initiatives/kpis/import/template", { cookie: hr.cookie })),
    )) as Response;
    expect(template.headers.get("Content-Disposition")).toMatch(
      /attachment; filename="uptake-kpi-actuals-template/,
    );
    const lines = (await template.text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe(HEADER);
    expect(lines[1]).toBe("Customer Service,Customer satisfaction (1–5),2026-03,4.2");

    const csv = [
      HEADER,
      `=HYPERLINK("http://x"),CSAT ${w.suffix},2026-03,4`,
      `North ${w.suffix},CSAT ${w.suffix},2026-03,7`,
      `North ${w.suffix},CSAT ${w.suffix},2026-04,4`,
    ].join("\n");
    const preview = await uploadAndPreview(hr.cookie, csv);
    const report = (await importErrorsRoute.loader(
      loaderArgs(
        request(`/initiatives/kpis/import/errors?file=${preview.upload.id}`, {
          cookie: hr.cookie,
        }),
      ),
    )) as Response;
    const rows = (await report.text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(rows[0]).toBe("Row,department,kpi,period,value,Problem");
    expect(rows[1]).toBe(
      `2,"'=HYPERLINK(""http://x"")",CSAT ${w.suffix},2026-03,4,department: Unknown department.`,
    );
    expect(rows[2]).toBe(
      `3,North ${w.suffix},CSAT ${w.suffix},2026-03,7,value: Out of range (1–5).`,
    );
    expect(rows).toHaveLength(4);
    // Another person's upload is not found.
    const other = await signedIn("HR");
    expect(
      await outcomeStatus(() =>
        importErrorsRoute.loader(
          loaderArgs(
            request(`/initiatives/kpis/import/errors?file=${preview.upload.id}`, {
              cookie: other.cookie,
            }),
          ),
        ),
      ),
    ).toBe(404);
  });

  // In Chinese: once both languages' instances exist (the KPI names are matched in both),
  // renderPage's English render picks up the last one initialised (a test-support quirk).
  it("renders the preview with each row's outcome and reason", async () => {
    const hr = await signedIn("HR");
    const w = await world(hr.principal);
    const csv = [
      HEADER,
      `North ${w.suffix},CSAT ${w.suffix},2026-03,4`,
      `North ${w.suffix},CSAT ${w.suffix},2026-04,7`,
    ].join("\n");
    const preview = await uploadAndPreview(hr.cookie, csv);
    const url = `/initiatives/kpis/import?file=${preview.upload.id}`;
    const page = (language: "en" | "zh") =>
      renderPage(
        createElement(KpiImportPage, { viewer: hr.principal, preview, actionData: undefined }),
        language,
        url,
      );
    const zh = textOf(await page("zh"));
    expect(zh).toContain("导入 KPI 实际值");
    expect(zh).toContain("超出范围（1–5）。");
    expect(zh).toContain("新增");
    expect(zh).toContain("确认并写入 1 个数值");
    expect(zh).toContain("尚未写入任何数据");
  });

  it("lets a 10 MB upload through the server's body limit (the page refuses more itself)", () => {
    expect(bodyLimitFor("/initiatives/kpis/import")).toBeGreaterThan(10 * 1024 * 1024);
    expect(bodyLimitFor("/initiatives/kpis/import.data")).toBeGreaterThan(10 * 1024 * 1024);
    expect(bodyLimitFor("/initiatives/kpis")).toBe(1024 * 1024);
  });
});
