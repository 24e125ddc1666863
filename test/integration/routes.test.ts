import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import * as auditRoute from "~/routes/admin/audit";
import * as departmentsRoute from "~/routes/admin/departments";
import * as userEditRoute from "~/routes/admin/user-edit";
import * as userNewRoute from "~/routes/admin/user-new";
import * as usersRoute from "~/routes/admin/users";
import * as loginRoute from "~/routes/auth/login";
import * as healthRoute from "~/routes/healthz";
import * as homeRoute from "~/routes/home";
import * as notFoundRoute from "~/routes/not-found";
import * as settingsRoute from "~/routes/settings/index";
import {
  makeDepartment,
  makeUser,
  request,
  sessionCookie,
  thrownStatus,
} from "../support/factories";

const loaderArgs = (req: Request, params: Record<string, string> = {}) =>
  ({ request: req, params, context: {} }) as LoaderFunctionArgs;
const actionArgs = (req: Request, params: Record<string, string> = {}) =>
  ({ request: req, params, context: { clientAddress: "10.7.7.7" } }) as ActionFunctionArgs;

async function cookieFor(role: "EMPLOYEE" | "TRAINER" | "MANAGER" | "HR" | "ADMIN", extra = {}) {
  const user = await makeUser({ role, ...extra });
  return { user, cookie: (await sessionCookie(user.id)).cookie };
}

/** Status and body of a value returned by `data()` (single fetch) or a Response. */
function statusOf(result: unknown) {
  if (result instanceof Response) return result.status;
  return (result as { init?: { status?: number } }).init?.status ?? 200;
}

describe("route guards", () => {
  it("sends anonymous visitors to /login with the way back", async () => {
    const thrown = await homeRoute
      .loader(loaderArgs(request("/admin/users?q=x")))
      .catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(302);
    expect((thrown as Response).headers.get("Location")).toBe(
      "/login?redirectTo=%2Fadmin%2Fusers%3Fq%3Dx",
    );
  });

  it("gives 403 to every role the map does not allow, on loaders and actions alike", async () => {
    for (const role of ["EMPLOYEE", "TRAINER", "MANAGER"] as const) {
      const { cookie } = await cookieFor(role);
      expect(
        await thrownStatus(() =>
          usersRoute.loader(loaderArgs(request("/admin/users", { cookie }))),
        ),
      ).toBe(403);
      expect(
        await thrownStatus(() =>
          auditRoute.loader(loaderArgs(request("/admin/audit", { cookie }))),
        ),
      ).toBe(403);
      expect(
        await thrownStatus(() =>
          userNewRoute.action(
            actionArgs(request("/admin/users/new", { cookie, form: { name: "x" } })),
          ),
        ),
      ).toBe(403);
    }
    const hr = await cookieFor("HR");
    expect(
      await thrownStatus(() =>
        departmentsRoute.loader(loaderArgs(request("/admin/departments", { cookie: hr.cookie }))),
      ),
    ).toBe(403);
    const before = await getDb().department.count();
    expect(
      await thrownStatus(() =>
        departmentsRoute.action(
          actionArgs(
            request("/admin/departments", {
              cookie: hr.cookie,
              form: { intent: "create", name: "X", code: "X", parentId: "" },
            }),
          ),
        ),
      ),
    ).toBe(403);
    expect(await getDb().department.count()).toBe(before);
  });

  it("lets HR list users and admins read the audit log", async () => {
    const hr = await cookieFor("HR");
    const list = await usersRoute.loader(
      loaderArgs(request("/admin/users?q=zzz-nobody", { cookie: hr.cookie })),
    );
    expect(list).toMatchObject({ total: 0, canCreate: true });
    const admin = await cookieFor("ADMIN");
    expect(
      await auditRoute.loader(loaderArgs(request("/admin/audit", { cookie: admin.cookie }))),
    ).toHaveProperty("events");
  });

  it("sends a user with a temporary password to the change-password page first", async () => {
    const { cookie } = await cookieFor("EMPLOYEE", { mustChangePassword: true });
    const thrown = (await homeRoute
      .loader(loaderArgs(request("/", { cookie })))
      .catch((e: unknown) => e)) as Response;
    expect(thrown.headers.get("Location")).toBe("/settings/password");
  });

  it("answers 404 for an unknown user and an unknown URL", async () => {
    const admin = await cookieFor("ADMIN");
    expect(
      await thrownStatus(() =>
        userEditRoute.loader(
          loaderArgs(request("/admin/users/nope", { cookie: admin.cookie }), { userId: "nope" }),
        ),
      ),
    ).toBe(404);
    expect(await thrownStatus(() => notFoundRoute.loader())).toBe(404);
  });
});

describe("route actions", () => {
  it("returns field errors with 400 and writes nothing on invalid input", async () => {
    const admin = await cookieFor("ADMIN");
    const dept = await makeDepartment();
    const users = await getDb().user.count();
    const result = await userNewRoute.action(
      actionArgs(
        request("/admin/users/new", {
          cookie: admin.cookie,
          form: {
            name: "",
            email: "bad",
            role: "EMPLOYEE",
            departmentId: dept.id,
            temporaryPassword: "weak",
          },
        }),
      ),
    );
    expect(statusOf(result)).toBe(400);
    expect(
      (result as unknown as { data: { fieldErrors: Record<string, string> } }).data.fieldErrors,
    ).toMatchObject({
      name: "validation.required",
      email: "validation.email",
      temporaryPassword: "validation.passwordTooShort",
    });
    expect(await getDb().user.count()).toBe(users);
  });

  it("refuses moving a department into its own subtree with 400", async () => {
    const admin = await cookieFor("ADMIN");
    const top = await makeDepartment();
    const child = await makeDepartment({ parentId: top.id });
    const result = await departmentsRoute.action(
      actionArgs(
        request("/admin/departments", {
          cookie: admin.cookie,
          form: { intent: "move", id: top.id, parentId: child.id },
        }),
      ),
    );
    expect(statusOf(result)).toBe(400);
    expect(result).toMatchObject({
      data: { intent: "move", fieldErrors: { parentId: "org.department.moveIntoOwnSubtree" } },
    });
  });

  it("answers a sign-in attempt inside the throttling delay with 429 and a clear message", async () => {
    const user = await makeUser();
    const attempt = () =>
      loginRoute.action(
        actionArgs(
          request("/login", {
            form: { email: user.email, password: "wrong-one", redirectTo: "/" },
          }),
        ),
      );
    // Three free failures for one account from one address, then a growing delay (012).
    for (let i = 0; i < 3; i++) expect(statusOf(await attempt())).toBe(400);
    const fourth = await attempt();
    expect(statusOf(fourth)).toBe(429);
    expect(fourth).toMatchObject({ data: { formError: "auth.throttled" } });
  });

  it("redirects after sign-in only to a local path", async () => {
    const user = await makeUser();
    const result = (await loginRoute.action(
      actionArgs(
        request("/login", {
          form: { email: user.email, password: "correct-horse-42", redirectTo: "//evil.test/x" },
        }),
      ),
    )) as Response;
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/");
    expect(result.headers.get("Set-Cookie")).toContain("uptake_session=");
  });

  it("revokes the other sessions from /settings", async () => {
    const { user, cookie } = await cookieFor("EMPLOYEE");
    await sessionCookie(user.id);
    const result = await settingsRoute.action(
      actionArgs(request("/settings", { cookie, form: { intent: "revokeOthers" } })),
    );
    expect(result).toMatchObject({ data: { ok: true, revoked: 1 } });
    expect(await getDb().session.count({ where: { userId: user.id } })).toBe(1);
  });
});

describe("health", () => {
  it("reports the database as ok in JSON", async () => {
    const response = await healthRoute.loader();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: { status: "ok" } });
  });
});
