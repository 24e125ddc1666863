import type { LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { PICKER_PAGE_SIZE, selectedReportOptions } from "~/modules/reports/index.server";
import * as dashboardRoute from "~/routes/reports/dashboard";
import * as optionsRoute from "~/routes/reports/options";
import { makeCourse } from "../support/courses";
import {
  makeDepartment,
  makeUser,
  principalFor,
  request,
  sessionCookie,
} from "../support/factories";
import { publishedCourse } from "../support/learning";

// The report filters' department and course pickers load their options from
// /reports/options (decision 030): searched, paginated, and scoped like the reports.

const loaderArgs = (req: Request) =>
  ({ request: req, params: {}, context: {} }) as LoaderFunctionArgs;

async function cookieOf(data: Parameters<typeof makeUser>[0]) {
  const user = await makeUser(data);
  return (await sessionCookie(user.id)).cookie;
}

async function options(cookie: string, query: string) {
  const response = (await optionsRoute.loader(
    loaderArgs(request(`/reports/options?${query}`, { cookie })),
  )) as Response;
  expect(response).toBeInstanceOf(Response);
  return {
    status: response.status,
    body: (await response.json()) as {
      options: { value: string; label: string }[];
      hasMore: boolean;
    },
  };
}

async function refusal(cookie: string, query: string) {
  try {
    await optionsRoute.loader(loaderArgs(request(`/reports/options?${query}`, { cookie })));
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
  throw new Error("expected a refusal");
}

describe("report filter pickers", () => {
  it("search departments case-insensitively, a page at a time, ordered by name", async () => {
    const names = Array.from(
      { length: PICKER_PAGE_SIZE + 5 },
      (_, i) => `Pickerdept ${String(i).padStart(2, "0")}`,
    );
    for (const name of names) await makeDepartment({ name });
    const hr = await cookieOf({ role: "HR" });

    const first = await options(hr, "kind=department&q=PICKERDEPT");
    expect(first.status).toBe(200);
    expect(first.body.options.map((o) => o.label)).toEqual(names.slice(0, PICKER_PAGE_SIZE));
    expect(first.body.hasMore).toBe(true);
    const second = await options(hr, "kind=department&q=pickerdept&page=2");
    expect(second.body.options.map((o) => o.label)).toEqual(names.slice(PICKER_PAGE_SIZE));
    expect(second.body.hasMore).toBe(false);
    const one = await options(hr, "kind=department&q=dept 07");
    expect(one.body.options).toEqual([
      {
        value: (await getDb().department.findFirstOrThrow({ where: { name: names[7] } })).id,
        label: names[7],
      },
    ]);
  });

  it("offer a manager only the departments of their tree", async () => {
    const tree = await makeDepartment({ name: "Scoped Tree" });
    const branch = await makeDepartment({ name: "Scoped Branch", parentId: tree.id });
    await makeDepartment({ name: "Scoped Elsewhere" });
    const manager = await cookieOf({ role: "MANAGER", departmentId: tree.id, manages: [tree.id] });
    const found = await options(manager, "kind=department&q=scoped");
    expect(found.body.options.map((o) => o.value).sort()).toEqual([tree.id, branch.id].sort());
  });

  it("list published courses but not drafts", async () => {
    const trainer = await principalFor("TRAINER");
    const published = await publishedCourse(trainer);
    const draft = await makeCourse(trainer);
    await getDb().course.update({
      where: { id: published.id },
      data: { title: "Zebra published" },
    });
    await getDb().course.update({ where: { id: draft.id }, data: { title: "Zebra draft" } });
    const hr = await cookieOf({ role: "HR" });
    const found = await options(hr, "kind=course&q=zebra");
    expect(found.body.options).toEqual([{ value: published.id, label: "Zebra published" }]);
  });

  it("refuse a role without reports (403) and an unknown list (400)", async () => {
    expect(await refusal(await cookieOf({ role: "EMPLOYEE" }), "kind=department")).toBe(403);
    expect(await refusal(await cookieOf({ role: "HR" }), "kind=salaries")).toBe(400);
  });

  it("leave the dashboard with the chosen department's name only, not every option", async () => {
    const chosen = await makeDepartment({ name: "Chosen One" });
    await makeDepartment({ name: "Not Shipped" });
    const hr = await cookieOf({ role: "HR" });
    const data = await dashboardRoute.loader(
      loaderArgs(request(`/reports?department=${chosen.id}`, { cookie: hr })),
    );
    expect(data.selected).toEqual({
      department: { value: chosen.id, label: "Chosen One" },
      course: null,
    });
    expect(JSON.stringify(data)).not.toContain("Not Shipped");
  });

  it("show no name for a chosen department outside a manager's tree", async () => {
    const own = await makeDepartment();
    const other = await makeDepartment({ name: "Outside Tree" });
    const manager = await principalFor("MANAGER");
    const selected = await selectedReportOptions(
      { ...manager, scopeDepartmentIds: [own.id] },
      { department: other.id },
    );
    expect(selected.department).toBeNull();
  });
});
