import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { ImportPage, type ImportPreview } from "~/modules/org";
import { renderPage, textOf } from "../support/render";

// The import kit (app/lib/ui/import-kit.tsx) as the staff import draws it: the preview's
// counts, rows, error report and commit form, and the commit's result. (The KPI import's
// page is rendered in kpi-import.test.ts.)
const upload = { id: "f1", fileName: "staff.csv", sha256: "a".repeat(64) };
const plan: NonNullable<ImportPreview["plan"]> = {
  counts: { create: 1, update: 0, unchanged: 0, error: 1, departments: 0, deactivate: 2 },
  digest: "b".repeat(64),
  activeStaff: 10,
  deactivationLimit: 1,
  needsConfirmation: true,
  departments: [],
  deactivate: [],
  rows: [
    {
      row: 3,
      email: "bad@x.test",
      name: "Bad Row",
      kind: "error",
      changes: [],
      problems: [{ column: "hire date", messageKey: "org.import.problems.badDate" }],
    },
  ],
  page: 1,
  pageCount: 1,
};

const page = (preview: ImportPreview | null, actionData?: unknown, url = "/admin/import") =>
  renderPage(createElement(ImportPage, { preview, actionData: actionData as never }), "en", url);

describe("the import kit on the staff import page", () => {
  it("shows the preview's counts, rows in error, error report and commit form", async () => {
    const html = await page(
      { upload, problem: null, plan },
      undefined,
      "/admin/import?file=f1&deactivate=1&kind=error",
    );
    expect(html).toContain('data-testid="import-preview"');
    expect(html).toMatch(/<a [^>]*aria-current="true"[^>]*kind=error/);
    expect(html).toContain('data-testid="import-count-departments"');
    expect(html).toMatch(/data-testid="import-rows"[\s\S]*<tr><td>3<\/td><td>bad@x.test<\/td>/);
    expect(html).toContain('href="/admin/import/errors?file=f1"');
    expect(html).toContain('name="intent" value="commit"');
    for (const name of ["fileId", "sha256", "planDigest", "deactivateMissing"])
      expect(html).toMatch(new RegExp(`type="hidden" name="${name}"`));
    expect(html).toContain('name="confirmDeactivation"');
    expect(html).toContain('name="intent" value="upload"');
    const text = textOf(html);
    expect(text).toContain("staff.csv");
    expect(text).toContain("Download the error report");
    expect(text).toContain("Import now");
  });

  it("says there is nothing to do instead of the commit form", async () => {
    const counts = { create: 0, update: 0, unchanged: 1, error: 0, departments: 0, deactivate: 0 };
    const html = await page({ upload, problem: null, plan: { ...plan, counts, rows: [] } });
    expect(html).toContain('data-testid="import-nothing"');
    expect(html).not.toContain('value="commit"');
  });

  it("shows the commit's result instead of the preview", async () => {
    const html = await page(
      { upload, problem: null, plan },
      { ok: true, intent: "commit", fileId: "f1", counts: plan.counts, written: true },
    );
    expect(html).toContain('data-testid="import-result"');
    expect(html).not.toContain('data-testid="import-preview"');
    expect(html).toContain('href="/admin/users"');
    expect(html).toContain('href="/admin/import/errors?file=f1"');
  });
});
