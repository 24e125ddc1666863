import { createElement } from "react";
import { describe, expect, it } from "vitest";

import {
  InitiativeEditPage,
  InitiativeOverviewPage,
  type EditData,
  type OverviewData,
} from "~/modules/initiatives";
import { getDb } from "~/lib/db.server";
import type { Role } from "~/lib/permissions";
import { createInitiative, setTargets } from "~/modules/initiatives/index.server";
import * as detailRoute from "~/routes/initiatives/detail";
import * as editRoute from "~/routes/initiatives/edit";
import * as listRoute from "~/routes/initiatives/index";
import * as newRoute from "~/routes/initiatives/new";
import * as coursesPicker from "~/routes/initiatives/published-courses";
import { actionArgs, formPost, loaderArgs, outcomeStatus } from "../support/actions";
import { makeDepartment, makeUser, request, sessionCookie } from "../support/factories";
import { publishedCourse } from "../support/learning";
import { renderPage, textOf } from "../support/render";

// The initiatives pages (decision 040): who may open what (403 for employees, 404 outside a
// manager's tree), one initiative per submission, the stale-form refusal and phase errors
// next to their fields with nothing written.

async function signedIn(role: Role, data: Parameters<typeof makeUser>[0] = {}) {
  const user = await makeUser({ role, ...data });
  return {
    user,
    principal: { id: user.id, role, scopeDepartmentIds: [] as string[] },
    cookie: (await sessionCookie(user.id)).cookie,
  };
}

const jsonPost = (url: string, cookie: string, body: unknown) =>
  new Request(new URL(url, "http://localhost"), {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });

type Answer = { ok: boolean; fieldErrors?: Record<string, string>; formError?: string };
const answerOf = (result: unknown) => (result as { data: Answer }).data ?? (result as Answer);

async function targeted(
  hr: { id: string; role: Role; scopeDepartmentIds: string[] },
  departmentId: string,
) {
  const initiative = await createInitiative(hr, {
    name: `Initiative ${departmentId.slice(-4)}`,
    goal: "",
    ownerId: "",
    status: "ACTIVE",
    startDate: new Date("2026-09-01T00:00:00.000Z"),
  });
  await setTargets(hr, initiative.id, {
    revision: 0,
    targets: [{ departmentId, includeSubDepartments: true }],
  });
  return initiative;
}

describe("initiative routes", () => {
  it("refuses employees (403) and keeps a manager to initiatives reaching their tree (404 outside)", async () => {
    const hr = await signedIn("HR");
    const [mine, theirs] = [await makeDepartment(), await makeDepartment()];
    const inside = await targeted(hr.principal, mine.id);
    const outside = await targeted(hr.principal, theirs.id);
    const employee = await signedIn("EMPLOYEE", { departmentId: mine.id });
    expect(
      await outcomeStatus(() =>
        listRoute.loader(loaderArgs(request("/initiatives", { cookie: employee.cookie }))),
      ),
    ).toBe(403);
    expect(
      await outcomeStatus(() =>
        detailRoute.loader(
          loaderArgs(request(`/initiatives/${inside.id}`, { cookie: employee.cookie }), {
            initiativeId: inside.id,
          }),
        ),
      ),
    ).toBe(403);

    const manager = await signedIn("MANAGER", { departmentId: mine.id, manages: [mine.id] });
    const list = (await listRoute.loader(
      loaderArgs(request("/initiatives", { cookie: manager.cookie })),
    )) as { initiatives: { id: string }[]; canCreate: boolean };
    expect(list.initiatives.map((i) => i.id)).toEqual([inside.id]);
    expect(list.canCreate).toBe(false);
    expect(
      await outcomeStatus(() =>
        detailRoute.loader(
          loaderArgs(request(`/initiatives/${outside.id}`, { cookie: manager.cookie }), {
            initiativeId: outside.id,
          }),
        ),
      ),
    ).toBe(404);
    const page = (await detailRoute.loader(
      loaderArgs(request(`/initiatives/${inside.id}`, { cookie: manager.cookie }), {
        initiativeId: inside.id,
      }),
    )) as { phases: unknown[]; canEdit: boolean };
    expect(page.phases).toHaveLength(3);
    expect(page.canEdit).toBe(false);
    // A manager may not edit (403), nothing written.
    expect(
      await outcomeStatus(() =>
        editRoute.action(
          actionArgs(
            formPost(`/initiatives/${inside.id}/edit`, manager.cookie, {
              intent: "removeCourse",
              courseId: "x",
            }),
            { initiativeId: inside.id },
          ),
        ),
      ),
    ).toBe(403);
    expect(
      await outcomeStatus(() =>
        coursesPicker.loader(
          loaderArgs(request("/initiatives/published-courses?q=a", { cookie: manager.cookie })),
        ),
      ),
    ).toBe(403);
  });

  it("creates one initiative for a double submit, with the template phases", async () => {
    const hr = await signedIn("HR");
    const form = {
      name: "Double click",
      goal: "Fewer complaints",
      ownerId: hr.user.id,
      status: "PLANNED",
      startDate: "2026-03-01",
      submissionKey: crypto.randomUUID(),
    };
    const statuses = await Promise.all(
      [1, 2].map(() =>
        outcomeStatus(() =>
          newRoute.action(actionArgs(formPost("/initiatives/new", hr.cookie, form))),
        ),
      ),
    );
    expect(statuses).toEqual([302, 302]);
    const rows = await getDb().initiative.findMany({
      where: { name: "Double click" },
      include: { phases: true },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.phases).toHaveLength(3);

    const bad = await newRoute.action(
      actionArgs(
        formPost("/initiatives/new", hr.cookie, {
          ...form,
          name: "",
          startDate: "2026-02-31",
          submissionKey: "other",
        }),
      ),
    );
    expect(answerOf(bad).fieldErrors).toEqual({
      name: "validation.required",
      startDate: "validation.date",
    });
    expect(await getDb().initiative.count({ where: { createKey: { not: null } } })).toBe(1);
  });

  it("refuses a stale details form with a message, and overlapping phases next to the field, writing nothing", async () => {
    const hr = await signedIn("HR");
    const department = await makeDepartment();
    const initiative = await targeted(hr.principal, department.id); // revision 1 now
    const url = `/initiatives/${initiative.id}/edit`;
    const params = { initiativeId: initiative.id };
    const details = {
      intent: "details",
      name: "Renamed",
      goal: "",
      ownerId: "",
      status: "ACTIVE",
      startDate: "2026-09-01",
    };
    const stale = await editRoute.action(
      actionArgs(formPost(url, hr.cookie, { ...details, revision: "0" }), params),
    );
    expect(await outcomeStatus(async () => stale)).toBe(409);
    expect(answerOf(stale).formError).toBe("initiatives.errors.stale");
    expect(
      (await getDb().initiative.findUniqueOrThrow({ where: { id: initiative.id } })).name,
    ).not.toBe("Renamed");
    expect(
      await outcomeStatus(() =>
        editRoute.action(
          actionArgs(formPost(url, hr.cookie, { ...details, revision: "1" }), params),
        ),
      ),
    ).toBe(200);
    expect(
      (await getDb().initiative.findUniqueOrThrow({ where: { id: initiative.id } })).name,
    ).toBe("Renamed");

    const phases = await getDb().initiativePhase.findMany({
      where: { initiativeId: initiative.id },
      orderBy: { position: "asc" },
    });
    const overlapping = await editRoute.action(
      actionArgs(
        jsonPost(url, hr.cookie, {
          intent: "phases",
          revision: "2",
          phases: [
            {
              id: phases[0]!.id,
              name: "One",
              storedName: "",
              startsOn: "2026-09-01",
              endsOn: "2026-12-31",
            },
            {
              id: phases[1]!.id,
              name: "Two",
              storedName: "",
              startsOn: "2026-12-01",
              endsOn: "2027-02-28",
            },
          ],
        }),
        params,
      ),
    );
    expect(await outcomeStatus(async () => overlapping)).toBe(400);
    expect(answerOf(overlapping).fieldErrors).toEqual({
      "phases.1.startsOn": "initiatives.phases.overlaps",
    });
    expect(
      await getDb().initiativePhase.findMany({
        where: { initiativeId: initiative.id },
        orderBy: { position: "asc" },
      }),
    ).toEqual(phases);
  });

  it("adds a required course from the edit page and shows it on the overview", async () => {
    const hr = await signedIn("HR");
    const department = await makeDepartment();
    const initiative = await targeted(hr.principal, department.id);
    const course = await publishedCourse(hr.principal, 1, 0);
    const params = { initiativeId: initiative.id };
    const post = () =>
      editRoute.action(
        actionArgs(
          formPost(`/initiatives/${initiative.id}/edit`, hr.cookie, {
            intent: "addCourse",
            courseId: course.id,
            dueDate: "",
          }),
          params,
        ),
      );
    expect(await outcomeStatus(post)).toBe(200);
    expect(await outcomeStatus(post)).toBe(200);
    expect(
      await getDb().assignmentRule.count({ where: { courseId: course.id, removedAt: null } }),
    ).toBe(1);
    const page = (await detailRoute.loader(
      loaderArgs(request(`/initiatives/${initiative.id}`, { cookie: hr.cookie }), params),
    )) as { courses: { courseId: string; title: string; effectiveDueDate: string | null }[] };
    expect(page.courses).toEqual([
      expect.objectContaining({
        courseId: course.id,
        title: course.title,
        effectiveDueDate: "2027-02-28T00:00:00.000Z",
      }),
    ]);
  });

  it("renders the overview (timeline with a text list, today marker) and the edit page, in both languages", async () => {
    const hr = await signedIn("HR");
    const department = await makeDepartment({ name: "Service desk" });
    await makeDepartment({ name: "Service desk night shift", parentId: department.id });
    const initiative = await targeted(hr.principal, department.id);
    const course = await publishedCourse(hr.principal, 1, 0);
    const params = { initiativeId: initiative.id };
    await editRoute.action(
      actionArgs(
        formPost(`/initiatives/${initiative.id}/edit`, hr.cookie, {
          intent: "addCourse",
          courseId: course.id,
          dueDate: "",
        }),
        params,
      ),
    );
    await getDb().pulse.create({
      data: {
        initiativeId: initiative.id,
        title: "First pulse",
        status: "OPEN",
        opensOn: new Date("2026-11-20T00:00:00.000Z"),
        closesOn: new Date("2026-12-10T00:00:00.000Z"),
        statements: "{}",
      },
    });
    const overview = (await detailRoute.loader(
      loaderArgs(request(`/initiatives/${initiative.id}`, { cookie: hr.cookie }), params),
    )) as OverviewData & {
      user: { id: string; role: Role; scopeDepartmentIds: readonly string[] };
    };
    const en = textOf(
      await renderPage(
        createElement(InitiativeOverviewPage, {
          user: overview.user,
          data: overview,
          canEdit: true,
        }),
        "en",
      ),
    );
    expect(en).toContain("Rollout and training");
    expect(en).toContain("Service desk");
    expect(en).toContain(course.title);
    expect(en).toContain("Pulse “First pulse” (open)");
    expect(en).toContain("Today");
    const edit = (await editRoute.loader(
      loaderArgs(request(`/initiatives/${initiative.id}/edit`, { cookie: hr.cookie }), params),
    )) as EditData;
    const html = await renderPage(
      createElement(InitiativeEditPage, { data: edit, actionData: undefined }),
      "en",
    );
    expect(html).toContain('value="Analysis and design"');
    expect(textOf(html)).toContain("Include sub-departments");
    expect(html).toContain(`aria-label="Remove ${course.title}"`);
    const zh = textOf(
      await renderPage(
        createElement(InitiativeOverviewPage, {
          user: overview.user,
          data: overview,
          canEdit: true,
        }),
        "zh",
      ),
    );
    expect(zh).toContain("时间线");
  });
});
