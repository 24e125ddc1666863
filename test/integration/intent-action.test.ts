import { redirect } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { withIntent } from "~/lib/actions";
import { formAction, intentAction } from "~/lib/actions.server";
import { getDb } from "~/lib/db.server";
import { ConflictError, ForbiddenError } from "~/lib/errors";
import * as departmentsRoute from "~/routes/admin/departments";
import * as settingsRoute from "~/routes/settings/index";
import { departmentCreateSchema, departmentRenameSchema } from "~/modules/org";
import { createDepartment } from "~/modules/org/index.server";
import { actionArgs } from "../support/actions";
import { makeDepartment, makeUser, request, sessionCookie } from "../support/factories";

// The one intent dispatch (lib/actions.server.ts, decision 018): the union's schema for the
// posted intent parses the fields, then that intent's handler alone runs.

const forms = z.discriminatedUnion("intent", [
  withIntent("create", departmentCreateSchema),
  withIntent("rename", departmentRenameSchema),
  z.object({ intent: z.literal("fail") }),
]);

/** A page with three forms whose handlers write departments, recording which ran. */
function departmentAction(req: Request, authorize?: (intent: string) => void) {
  const ran: string[] = [];
  const result = intentAction(
    req,
    forms,
    {
      create: async (input) => {
        ran.push("create");
        const created = await createDepartment(null, input);
        return { createdId: created.id, fields: Object.keys(input).sort() };
      },
      rename: async () => {
        ran.push("rename");
        return redirect("/renamed");
      },
      fail: async () => {
        ran.push("fail");
        throw new ConflictError("org.department.notEmpty");
      },
    },
    { authorize },
  );
  return { ran, result };
}

const post = (form: Record<string, string>) => request("/page", { form });
const unique = () => crypto.randomUUID().slice(0, 6).toUpperCase();

/** What an action threw (a data() error or a Response), or null when it returned. */
async function thrownBy(work: Promise<unknown>) {
  try {
    await work;
    return null;
  } catch (thrown) {
    return thrown as { data?: unknown; init?: { status?: number } } | Response;
  }
}

describe("intentAction", () => {
  it("runs only the posted intent's handler, with its parsed fields (without the intent)", async () => {
    const code = `C${unique()}`;
    const { ran, result } = departmentAction(
      post({ intent: "create", name: " Care ", code: code.toLowerCase(), parentId: "" }),
    );
    const answer = (await result) as { data: Record<string, unknown>; init: unknown };
    expect(ran).toEqual(["create"]);
    expect(answer.data).toMatchObject({
      ok: true,
      intent: "create",
      fields: ["code", "name", "parentId"],
    });
    const created = await getDb().department.findUniqueOrThrow({ where: { code } });
    expect(created).toMatchObject({ id: answer.data.createdId, name: "Care", parentId: null });
  });

  it("returns a handler's redirect as it is", async () => {
    const department = await makeDepartment();
    const { result } = departmentAction(
      post({ intent: "rename", id: department.id, name: "New name", code: "NEW" }),
    );
    const answer = (await result) as Response;
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe("/renamed");
  });

  it("answers invalid fields with 400 and the field errors for that intent, running nothing", async () => {
    const before = await getDb().department.count();
    const { ran, result } = departmentAction(
      post({ intent: "create", name: "", code: "not a code!", parentId: "" }),
    );
    expect(await result).toMatchObject({
      data: {
        ok: false,
        intent: "create",
        formError: "errors.invalid",
        fieldErrors: { name: "validation.required", code: "validation.departmentCode" },
      },
      init: { status: 400 },
    });
    expect(ran).toEqual([]);
    expect(await getDb().department.count()).toBe(before);
  });

  it("refuses an unknown or missing intent with 400 through the error page, running nothing", async () => {
    const before = await getDb().department.count();
    const posts: Record<string, string>[] = [
      { intent: "drop-everything", name: "X", code: "X" },
      { name: "X", code: "X" },
      { intent: "", name: "X", code: "X" },
    ];
    for (const form of posts) {
      const { ran, result } = departmentAction(post(form));
      expect(await thrownBy(result)).toMatchObject({
        data: { messageKey: "errors.unknownIntent" },
        init: { status: 400 },
      });
      expect(ran).toEqual([]);
    }
    expect(await getDb().department.count()).toBe(before);
  });

  it("maps a module's refusal to the form's failure, with the intent it answers", async () => {
    const { ran, result } = departmentAction(post({ intent: "fail" }));
    expect(await result).toMatchObject({
      data: { ok: false, intent: "fail", formError: "org.department.notEmpty" },
      init: { status: 409 },
    });
    expect(ran).toEqual(["fail"]);
  });

  it("asks `authorize` for the intent before parsing its fields", async () => {
    const asked: string[] = [];
    const { ran, result } = departmentAction(post({ intent: "create", name: "" }), (intent) => {
      asked.push(intent);
      throw new ForbiddenError();
    });
    expect(await thrownBy(result)).toMatchObject({
      data: { messageKey: "errors.forbidden" },
      init: { status: 403 },
    });
    expect(asked).toEqual(["create"]);
    expect(ran).toEqual([]);
  });

  it("takes a JSON body only on pages that send one (settings' e-mail preferences)", async () => {
    const json = (body: unknown) =>
      new Request("http://localhost/page", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    const { result } = departmentAction(json({ intent: "create", name: "X", code: "X" }));
    expect((await thrownBy(result)) as Response).toMatchObject({ init: { status: 415 } });

    const user = await makeUser();
    const { cookie } = await sessionCookie(user.id);
    const preferences = { ASSIGNED: false, DUE_SOON: true, OVERDUE: true, CERT_EXPIRING: true };
    const settingsPost = (body: unknown) =>
      new Request("http://localhost/settings", {
        method: "POST",
        headers: { "Content-Type": "application/json", Cookie: cookie },
        body: JSON.stringify(body),
      });
    const saved = await settingsRoute.action(
      actionArgs(
        settingsPost({
          intent: "emailPreferences",
          ...preferences,
          REMINDER: true,
          IDEA_STATUS: true,
          IDEA_HIDDEN: true,
          IDEA_COMMENT_HIDDEN: true,
          KUDOS_RECEIVED: true,
          REDEMPTION_STATUS: true,
          BADGE_EARNED: true,
          POINTS_ADJUSTED: true,
          PULSE_OPENED: true,
          PULSE_REMINDER: true,
          RISK_REVIEW_DUE: true,
        }),
      ),
    );
    expect(saved).toMatchObject({ data: { ok: true, intent: "emailPreferences" } });
    const off = await getDb().emailOptOut.findMany({ where: { userId: user.id } });
    expect(off.map((row) => row.eventType)).toEqual(["ASSIGNED"]);
    for (const body of [[1, 2], "emailPreferences", { ASSIGNED: true }]) {
      expect(await thrownBy(settingsRoute.action(actionArgs(settingsPost(body))))).toMatchObject({
        data: { messageKey: "errors.unknownIntent" },
      });
    }
  });

  it("is what the departments page answers an intent it does not have with", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const { cookie } = await sessionCookie(admin.id);
    const before = await getDb().department.count();
    const form = { intent: "merge", id: (await makeDepartment()).id, name: "X", code: "X" };
    expect(
      await thrownBy(
        departmentsRoute.action(actionArgs(request("/admin/departments", { cookie, form }))),
      ),
    ).toMatchObject({ data: { messageKey: "errors.unknownIntent" }, init: { status: 400 } });
    expect(await getDb().department.count()).toBe(before + 1);
  });
});

describe("formAction", () => {
  const schema = z.object({ name: z.string().trim().min(1, "validation.required") });

  it("runs the handler with the parsed form and answers { ok: true, ...data }", async () => {
    const answer = await formAction(post({ name: " Ada " }), schema, (input) => ({
      greeting: `Hello ${input.name}`,
    }));
    expect(answer).toMatchObject({ data: { ok: true, greeting: "Hello Ada" } });
  });

  it("answers invalid input with 400 and field errors, without running the handler", async () => {
    let ran = false;
    const answer = await formAction(post({ name: "  " }), schema, () => {
      ran = true;
    });
    expect(answer).toMatchObject({
      data: { ok: false, fieldErrors: { name: "validation.required" } },
      init: { status: 400 },
    });
    expect(ran).toBe(false);
  });

  it("reads a JSON body only when the form posts one", async () => {
    const json = () =>
      new Request("http://localhost/page", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name: "Ada" }),
      });
    const greet = (input: { name: string }) => ({ greeting: `Hello ${input.name}` });
    expect(await formAction(json(), schema, greet, { json: true })).toMatchObject({
      data: { ok: true, greeting: "Hello Ada" },
    });
    expect(await thrownBy(formAction(json(), schema, greet))).toMatchObject({
      init: { status: 415 },
    });
  });
});

describe("the types of intentAction", () => {
  it("wants one handler per intent, typed with that intent's fields", () => {
    const req = () => post({ intent: "fail" });
    // @ts-expect-error: the "fail" intent has no handler.
    void intentAction(req(), forms, { create: () => {}, rename: () => {} }).catch(() => {});
    void intentAction(req(), forms, {
      // @ts-expect-error: "rename" has no parentId field (that is "create"'s).
      rename: (input) => input.parentId,
      create: () => {},
      fail: () => {},
    }).catch(() => {});
    expect(forms.options).toHaveLength(3);
  });
});
