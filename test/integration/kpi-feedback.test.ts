import { MantineProvider } from "@mantine/core";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import {
  createStaticHandler,
  createStaticRouter,
  StaticRouterProvider,
} from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { getFixedT } from "~/lib/i18n.server";
import type { Principal, Role } from "~/lib/permissions";
import { theme } from "~/lib/ui/theme";
import { feedbackIdeaDraft, kpiDefinitionSchema, logFeedbackSchema } from "~/modules/kpis";
import {
  addKpiDepartments,
  createKpi,
  feedbackForIdea,
  logFeedback,
  turnFeedbackIntoIdea,
} from "~/modules/kpis/index.server";
import * as ideaRoute from "~/routes/ideas/detail";
import * as detailRoute from "~/routes/initiatives/feedback-detail";
import * as exportRoute from "~/routes/initiatives/feedback-export";
import * as listRoute from "~/routes/initiatives/feedback";
import * as newRoute from "~/routes/initiatives/feedback-new";
import { actionArgs, formPost, loaderArgs, outcomeStatus } from "../support/actions";
import { makeDepartment, makeUser, request, sessionCookie } from "../support/factories";

// Customer feedback items (issue 16, item 6): logged by HR anywhere and by managers in their
// tree, listed and exported with filters, and turned into exactly one improvement idea that
// links back to the item (details only for those who may read it).

async function signedIn(role: Role, manages: string[] = []) {
  const user = await makeUser({ role, manages });
  const principal: Principal = { id: user.id, role, scopeDepartmentIds: manages };
  return { user, principal, cookie: (await sessionCookie(user.id)).cookie };
}

/** Service (with its desk below it) and Finance; a KPI for Service's tree, one for Finance. */
async function setting() {
  const hr = await signedIn("HR");
  const service = await makeDepartment({ name: "Service" });
  const desk = await makeDepartment({ name: "Desk North", parentId: service.id });
  const finance = await makeDepartment({ name: "Finance" });
  const kpi = async (name: string, departmentIds: string[]) => {
    const created = await createKpi(
      hr.principal,
      kpiDefinitionSchema.parse({
        name,
        direction: "HIGHER_IS_BETTER",
        precision: "1",
        period: "MONTHLY",
      }),
    );
    await addKpiDepartments(hr.principal, created.id, { departmentIds });
    return created;
  };
  const satisfaction = await kpi("kpis.templates.csat5.name", [service.id, desk.id]);
  const invoices = await kpi("Invoice accuracy", [finance.id]);
  return { hr, service, desk, finance, satisfaction, invoices };
}

const validForm = (departmentId: string, extra: Record<string, string> = {}) => ({
  departmentId,
  receivedOn: "2026-03-04",
  channel: "PHONE",
  sentiment: "NEGATIVE",
  text: "Waited 40 minutes on hold.",
  ...extra,
});

type Answer = { ok: boolean; fieldErrors?: Record<string, string> };
const answerOf = (result: unknown) => (result as { data: Answer }).data;

const postNew = (cookie: string, form: Record<string, string>) =>
  newRoute.action(actionArgs(formPost("/initiatives/feedback/new", cookie, form)));

const itemsIn = (departmentIds: string[]) =>
  getDb().customerFeedback.findMany({ where: { departmentId: { in: departmentIds } } });

const log = (actor: Principal, form: Record<string, string>) =>
  logFeedback(actor, logFeedbackSchema.parse(form));

describe("logging feedback", () => {
  it("says what is wrong next to each field and writes nothing while anything is", async () => {
    const { hr, service, finance, invoices } = await setting();
    const empty = await postNew(hr.cookie, {});
    expect(await outcomeStatus(() => Promise.resolve(empty))).toBe(400);
    expect(answerOf(empty).fieldErrors).toEqual({
      departmentId: "validation.required",
      receivedOn: "validation.required",
      channel: "validation.required",
      sentiment: "validation.required",
      text: "validation.required",
    });
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ receivedOn: "2026-02-30" }, { receivedOn: "validation.date" }],
      [{ receivedOn: "2999-01-01" }, { receivedOn: "kpis.feedback.errors.future" }],
      [{ channel: "FAX" }, { channel: "validation.required" }],
      [{ sentiment: "ANGRY" }, { sentiment: "validation.required" }],
      [{ text: "x".repeat(2001) }, { text: "validation.tooLong" }],
      // Only control characters and spaces: nothing is left once cleaned.
      [{ text: " \u0007\u202e \r\n " }, { text: "validation.required" }],
      // A KPI of another department.
      [{ kpiId: invoices.id }, { kpiId: "kpis.feedback.errors.kpiNotForDepartment" }],
      [{ kpiId: "missing" }, { kpiId: "kpis.feedback.errors.kpiNotForDepartment" }],
    ];
    for (const [change, errors] of cases) {
      const result = await postNew(hr.cookie, validForm(service.id, change));
      expect(answerOf(result)?.fieldErrors, JSON.stringify(change)).toEqual(errors);
    }
    const missingDepartment = await postNew(hr.cookie, validForm("no-such-department"));
    expect(answerOf(missingDepartment).fieldErrors).toEqual({ departmentId: "validation.invalid" });
    expect(await itemsIn([service.id, finance.id])).toEqual([]);

    // Valid: stored cleaned (one kind of line end, no control characters), audited.
    const ok = await postNew(
      hr.cookie,
      validForm(service.id, { text: "  Slow\r\n\r\n\r\n\r\nreply\u0007\u202e  " }),
    );
    const [item] = await itemsIn([service.id]);
    expect((ok as Response).headers.get("Location")).toBe(`/initiatives/feedback/${item!.id}`);
    expect(item).toMatchObject({ text: "Slow\n\nreply", channel: "PHONE", kpiId: null });
    expect(item!.receivedOn.toISOString()).toBe("2026-03-04T00:00:00.000Z");
    const audit = await getDb().auditEvent.findMany({
      where: { subjectType: "CustomerFeedback", subjectId: item!.id },
    });
    expect(audit.map((event) => [event.action, event.actorId])).toEqual([
      ["kpi.feedback.create", hr.user.id],
    ]);
  });

  it("keeps one item for one form posted twice, or three times at once", async () => {
    const { hr, service } = await setting();
    const form = validForm(service.id, { submissionKey: crypto.randomUUID() });
    const first = await postNew(hr.cookie, form);
    const again = await Promise.all([1, 2, 3].map(() => postNew(hr.cookie, form)));
    const locations = [first, ...again].map((r) => (r as Response).headers.get("Location"));
    expect(new Set(locations).size).toBe(1);
    expect(await itemsIn([service.id])).toHaveLength(1);
    // A new page load (a new key) is a new item.
    await postNew(hr.cookie, { ...form, submissionKey: crypto.randomUUID() });
    expect(await itemsIn([service.id])).toHaveLength(2);
  });

  it("lets a manager log for their tree only (404 outside it), and refuses employees (403)", async () => {
    const { service, desk, finance, satisfaction } = await setting();
    const manager = await signedIn("MANAGER", [service.id, desk.id]);
    const inTree = await postNew(
      manager.cookie,
      validForm(desk.id, { kpiId: satisfaction.id, channel: "EMAIL" }),
    );
    expect(await outcomeStatus(() => Promise.resolve(inTree))).toBe(302);
    // Outside the tree: 404, as for every record outside a manager's departments, so the
    // answer says nothing about whether the department exists.
    expect(await outcomeStatus(() => postNew(manager.cookie, validForm(finance.id)))).toBe(404);
    expect(await itemsIn([finance.id])).toEqual([]);
    const form = await newRoute.loader(
      loaderArgs(request("/initiatives/feedback/new", { cookie: manager.cookie })),
    );
    expect(form.choices.departments.map((d) => d.name)).toEqual(["Service", "Desk North"]);
    expect(form.choices.kpis.map((k) => [k.id, k.departmentIds.sort()])).toEqual([
      [satisfaction.id, [service.id, desk.id].sort()],
    ]);

    const employee = await signedIn("EMPLOYEE");
    const [item] = await itemsIn([desk.id]);
    for (const work of [
      () =>
        listRoute.loader(loaderArgs(request("/initiatives/feedback", { cookie: employee.cookie }))),
      () =>
        newRoute.loader(
          loaderArgs(request("/initiatives/feedback/new", { cookie: employee.cookie })),
        ),
      () => postNew(employee.cookie, validForm(desk.id)),
      () =>
        detailRoute.loader(
          loaderArgs(request(`/initiatives/feedback/${item!.id}`, { cookie: employee.cookie }), {
            feedbackId: item!.id,
          }),
        ),
      () =>
        exportRoute.loader(
          loaderArgs(request("/initiatives/feedback/export", { cookie: employee.cookie })),
        ),
    ])
      expect(await outcomeStatus(work)).toBe(403);
    expect(await itemsIn([desk.id])).toHaveLength(1);
    // Another manager's item is not found.
    const other = await signedIn("MANAGER", [finance.id]);
    expect(
      await outcomeStatus(() =>
        detailRoute.loader(
          loaderArgs(request(`/initiatives/feedback/${item!.id}`, { cookie: other.cookie }), {
            feedbackId: item!.id,
          }),
        ),
      ),
    ).toBe(404);
  });
});

describe("the feedback list", () => {
  it("filters by department with its sub-departments, sentiment, channel, KPI and dates, within the viewer's reach", async () => {
    const { hr, service, desk, finance, satisfaction } = await setting();
    const a = await log(hr.principal, validForm(service.id, { receivedOn: "2026-01-10" }));
    const b = await log(
      hr.principal,
      validForm(desk.id, {
        receivedOn: "2026-02-10",
        sentiment: "POSITIVE",
        channel: "CHAT",
        kpiId: satisfaction.id,
      }),
    );
    const c = await log(hr.principal, validForm(finance.id, { receivedOn: "2026-03-10" }));
    const ids = async (cookie: string, query: string) => {
      const data = await listRoute.loader(
        loaderArgs(request(`/initiatives/feedback?${query}`, { cookie })),
      );
      return data.rows.map((row) => row.id).filter((id) => [a.id, b.id, c.id].includes(id));
    };
    // Newest first.
    expect(await ids(hr.cookie, "")).toEqual([c.id, b.id, a.id]);
    expect(await ids(hr.cookie, `department=${service.id}`)).toEqual([b.id, a.id]);
    expect(await ids(hr.cookie, `department=${desk.id}`)).toEqual([b.id]);
    expect(await ids(hr.cookie, "sentiment=POSITIVE")).toEqual([b.id]);
    expect(await ids(hr.cookie, "channel=PHONE")).toEqual([c.id, a.id]);
    expect(await ids(hr.cookie, `kpi=${satisfaction.id}`)).toEqual([b.id]);
    expect(await ids(hr.cookie, "from=2026-02-10")).toEqual([c.id, b.id]);
    expect(await ids(hr.cookie, "to=2026-02-10")).toEqual([b.id, a.id]);
    expect(await ids(hr.cookie, "from=2026-02-01&to=2026-02-28")).toEqual([b.id]);
    // Garbage filters are no filters, never an error.
    expect(await ids(hr.cookie, "sentiment=ANGRY&from=yesterday&page=x")).toEqual([
      c.id,
      b.id,
      a.id,
    ]);
    const hrList = await listRoute.loader(
      loaderArgs(request(`/initiatives/feedback?department=${desk.id}`, { cookie: hr.cookie })),
    );
    expect(hrList.rows[0]).toMatchObject({
      departmentName: "Desk North",
      kpiName: "kpis.templates.csat5.name",
      sentiment: "POSITIVE",
      excerpt: "Waited 40 minutes on hold.",
    });
    expect(hrList.page.total).toBe(1);

    // A manager of the desk: the desk only, even when filtering by its parent or elsewhere.
    const manager = await signedIn("MANAGER", [desk.id]);
    expect(await ids(manager.cookie, "")).toEqual([b.id]);
    expect(await ids(manager.cookie, `department=${service.id}`)).toEqual([b.id]);
    expect(await ids(manager.cookie, `department=${finance.id}`)).toEqual([]);
  });

  it("exports the filtered list as formula-safe CSV", async () => {
    const { hr, service, finance } = await setting();
    await log(
      hr.principal,
      validForm(service.id, { text: '=HYPERLINK("http://evil.test","click")' }),
    );
    await log(hr.principal, validForm(finance.id, { text: "Finance only" }));
    const response = (await exportRoute.loader(
      loaderArgs(
        request(`/initiatives/feedback/export?department=${service.id}&page=3`, {
          cookie: hr.cookie,
        }),
      ),
    )) as Response;
    expect(response.headers.get("Content-Type")).toContain("text/csv");
    const lines = (await response.text())
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines).toEqual([
      "Received on,Department,Channel,Sentiment,What the customer said,KPI,Idea",
      `2026-03-04,Service,Phone,Negative,"'=HYPERLINK(""http://evil.test"",""click"")",,`,
    ]);
  });
});

/** The draft the detail page prefills, as a reader of English sees it. */
async function draftFor(feedbackId: string) {
  const item = await getDb().customerFeedback.findUniqueOrThrow({
    where: { id: feedbackId },
    include: { kpi: true },
  });
  const department = await getDb().department.findUniqueOrThrow({
    where: { id: item.departmentId },
  });
  return feedbackIdeaDraft(
    { ...item, departmentName: department.name, kpiName: item.kpi?.name ?? null },
    await getFixedT("en"),
    "en",
  );
}

const pointsFor = (userId: string) =>
  getDb().pointsEntry.findMany({ where: { userId, sourceType: "IDEA_SUBMITTED" } });

describe("turning feedback into an idea", () => {
  it("makes exactly one idea, even for parallel clicks by two people, and links the item to it", async () => {
    const { hr, service, satisfaction } = await setting();
    const item = await log(hr.principal, validForm(service.id, { kpiId: satisfaction.id }));
    const draft = await draftFor(item.id);
    expect(draft.title).toBe("Customer feedback (Service): Waited 40 minutes on hold.");
    expect(draft.problem).toBe(
      "> Waited 40 minutes on hold.\n\n" +
        "Negative feedback by Phone to Service, received on Mar 4, 2026.\n\n" +
        "Linked KPI: Customer satisfaction (1–5).",
    );
    const manager = await signedIn("MANAGER", [service.id]);
    const results = await Promise.all([
      turnFeedbackIntoIdea(hr.principal, item.id, draft),
      turnFeedbackIntoIdea(hr.principal, item.id, draft),
      turnFeedbackIntoIdea(manager.principal, item.id, draft),
    ]);
    const ideaIds = new Set(results.map((result) => result.ideaId));
    expect(ideaIds.size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    const [ideaId] = [...ideaIds];
    const ideas = await getDb().idea.findMany({ where: { title: draft.title } });
    expect(ideas.map((idea) => idea.id)).toEqual([ideaId]);
    expect(ideas[0]).toMatchObject({
      category: "CUSTOMER_EXPERIENCE",
      departmentId: service.id,
      problem: draft.problem,
      anonymous: false,
    });
    const author = ideas[0]!.authorId;
    expect([hr.user.id, manager.user.id]).toContain(author);
    expect((await getDb().customerFeedback.findUnique({ where: { id: item.id } }))!.ideaId).toBe(
      ideaId,
    );
    // idea.submitted once: one audit entry of the idea, its points once, for its author only.
    const created = await getDb().auditEvent.findMany({
      where: { action: "idea.create", subjectId: ideaId },
    });
    expect(created).toHaveLength(1);
    expect(await pointsFor(author)).toHaveLength(1);
    const other = author === hr.user.id ? manager.user.id : hr.user.id;
    expect(await pointsFor(other)).toEqual([]);
    const linked = await getDb().auditEvent.findMany({
      where: { action: "kpi.feedback.idea", subjectId: item.id },
    });
    expect(linked.map((event) => event.after)).toEqual([{ ideaId }]);
  });

  it("answers a second post with the same idea, and refuses those who may not (403) or see no item (404)", async () => {
    const { hr, service, finance } = await setting();
    const item = await log(hr.principal, validForm(service.id));
    const draft = await draftFor(item.id);
    const post = (cookie: string, form: Record<string, string>) =>
      detailRoute.action(
        actionArgs(formPost(`/initiatives/feedback/${item.id}`, cookie, form), {
          feedbackId: item.id,
        }),
      );
    const invalid = await post(hr.cookie, {
      intent: "idea",
      title: "",
      problem: "x",
      proposal: "",
    });
    expect(answerOf(invalid).fieldErrors).toEqual({
      title: "validation.required",
      proposal: "validation.required",
    });
    expect((await getDb().customerFeedback.findUnique({ where: { id: item.id } }))!.ideaId).toBe(
      null,
    );
    const employee = await signedIn("EMPLOYEE");
    expect(await outcomeStatus(() => post(employee.cookie, { intent: "idea", ...draft }))).toBe(
      403,
    );
    const outsider = await signedIn("MANAGER", [finance.id]);
    expect(await outcomeStatus(() => post(outsider.cookie, { intent: "idea", ...draft }))).toBe(
      404,
    );
    const first = (await post(hr.cookie, { intent: "idea", ...draft })) as Response;
    const second = (await post(hr.cookie, {
      intent: "idea",
      ...draft,
      title: "Edited after",
    })) as Response;
    const location = first.headers.get("Location");
    expect(location).toMatch(/^\/ideas\/\w+$/);
    expect(second.headers.get("Location")).toBe(location);
    expect(await getDb().idea.count({ where: { departmentId: service.id } })).toBe(1);
    // The page then links to the idea and offers no second one.
    const page = await detailRoute.loader(
      loaderArgs(request(`/initiatives/feedback/${item.id}`, { cookie: hr.cookie }), {
        feedbackId: item.id,
      }),
    );
    expect(page.item.ideaId).toBe(location!.split("/")[2]);
    expect(page.canTurnIntoIdea).toBe(false);
  });
});

/** The idea page as the server renders it for the signed-in viewer (its text only). */
async function ideaPageText(ideaId: string, cookie: string) {
  const url = `http://localhost/ideas/${ideaId}`;
  const handler = createStaticHandler([
    {
      path: "/ideas/:ideaId",
      // As the browser receives it: serialised.
      loader: async ({ params }) =>
        JSON.parse(
          JSON.stringify(
            await ideaRoute.loader(loaderArgs(request(url, { cookie }), params as never)),
          ),
        ),
      Component: ideaRoute.default,
    },
  ]);
  const context = await handler.query(new Request(url));
  if (context instanceof Response) throw new Error("unexpected redirect");
  const router = createStaticRouter(handler.dataRoutes, context);
  const t = await getFixedT("en");
  const html = renderToString(
    createElement(
      I18nextProvider,
      { i18n: (t as unknown as { i18n: never }).i18n },
      createElement(
        MantineProvider,
        { theme },
        createElement(StaticRouterProvider, { router, context }),
      ),
    ),
  );
  return html.replace(/<style[^>]*>.*?<\/style>/gs, "");
}

describe("the idea's link back", () => {
  it("shows HR and the item's managers the item, and others only where the idea came from", async () => {
    const { hr, service, finance } = await setting();
    const item = await log(
      hr.principal,
      validForm(service.id, { text: "Nobody called back about my refund." }),
    );
    const manager = await signedIn("MANAGER", [service.id]);
    const { ideaId } = await turnFeedbackIntoIdea(
      manager.principal,
      item.id,
      await draftFor(item.id),
    );
    expect(await feedbackForIdea(ideaId)).toMatchObject({
      id: item.id,
      departmentName: "Service",
      channel: "PHONE",
      sentiment: "NEGATIVE",
      excerpt: "Nobody called back about my refund.",
    });
    const link = `href="/initiatives/feedback/${item.id}"`;
    for (const viewer of [hr, manager]) {
      const html = await ideaPageText(ideaId, viewer.cookie);
      expect(html).toContain("Raised from customer feedback");
      expect(html).toContain(link);
      expect(html).toContain("Service · Phone · Mar 4, 2026");
    }
    // An employee (or a manager elsewhere) sees the idea and where it came from, no details.
    for (const viewer of [await signedIn("EMPLOYEE"), await signedIn("MANAGER", [finance.id])]) {
      const data = await ideaRoute.loader(
        loaderArgs(request(`/ideas/${ideaId}`, { cookie: viewer.cookie }), { ideaId }),
      );
      expect(data.origin).toEqual({ shown: false });
      const html = await ideaPageText(ideaId, viewer.cookie);
      expect(html).toContain("Raised from customer feedback");
      expect(html).not.toContain(link);
      expect(html).not.toContain("Service · Phone");
    }
    // Other ideas say nothing of feedback.
    expect(await feedbackForIdea("no-such-idea")).toBeNull();
  });
});

describe("deleting feedback", () => {
  it("lets HR delete an item (audited with what it said), not a manager", async () => {
    const { hr, service } = await setting();
    const item = await log(hr.principal, validForm(service.id));
    const post = (cookie: string) =>
      detailRoute.action(
        actionArgs(formPost(`/initiatives/feedback/${item.id}`, cookie, { intent: "delete" }), {
          feedbackId: item.id,
        }),
      );
    const manager = await signedIn("MANAGER", [service.id]);
    expect(await outcomeStatus(() => post(manager.cookie))).toBe(403);
    expect(await outcomeStatus(() => post(hr.cookie))).toBe(302);
    expect(await itemsIn([service.id])).toEqual([]);
    const audit = await getDb().auditEvent.findFirstOrThrow({
      where: { action: "kpi.feedback.delete", subjectId: item.id },
    });
    expect(audit.before).toMatchObject({
      text: "Waited 40 minutes on hold.",
      departmentId: service.id,
    });
  });
});
