import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import * as importErrorsRoute from "~/routes/admin/import-errors";
import * as importTemplateRoute from "~/routes/admin/import-template";
import * as importRoute from "~/routes/admin/import";
import * as inviteRoute from "~/routes/invite";
import { INVITATION_MISSES } from "~/modules/org/index.server";
import { actionArgs, loaderArgs, outcomeStatus } from "../support/actions";
import { makeUser, request, sessionCookie, thrownStatus } from "../support/factories";

// The staff import's pages through their loaders and actions: upload (multipart) → preview
// → commit → error report; the template; the invitation link.

const HEADER = "email,name,department,job title,hire date,role,manager of,active";

async function signedIn(role: "HR" | "ADMIN" | "MANAGER") {
  const user = await makeUser({ role });
  return { user, cookie: (await sessionCookie(user.id)).cookie };
}

function uploadRequest(cookie: string, csv: string, fields: Record<string, string> = {}) {
  const body = new FormData();
  body.set("intent", "upload");
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  body.set("file", new File([csv], "staff.csv", { type: "text/csv" }));
  return new Request("http://localhost/admin/import", {
    method: "POST",
    headers: { Cookie: cookie },
    body,
  });
}

const commitRequest = (cookie: string, fields: Record<string, string>) =>
  request("/admin/import", { cookie, form: { intent: "commit", ...fields } });

/** Uploads `csv` and returns the preview the page would show. */
async function uploadAndPreview(cookie: string, csv: string, query = "") {
  const answer = (await importRoute.action(actionArgs(uploadRequest(cookie, csv)))) as Response;
  expect(answer.status).toBe(302);
  const location = answer.headers.get("Location")!;
  expect(location).toMatch(/^\/admin\/import\?file=\w+$/);
  const { preview } = await importRoute.loader(
    loaderArgs(request(`${location}${query}`, { cookie })),
  );
  return preview!;
}

describe("the import page", () => {
  it("uploads, previews without writing, commits once, and reports the rows in error", async () => {
    const { cookie } = await signedIn("HR");
    const csv = [
      HEADER,
      "web.one@example.test,Web One,Web/Team,Agent,2026-01-05,,,",
      "web.two@example.test,Web Two,Web,,,,,",
      "broken@example.test,Broken,Web,,31/12/2026,,,",
    ].join("\n");
    const users = await getDb().user.count();
    const preview = await uploadAndPreview(cookie, csv);
    expect(preview.plan!.counts).toMatchObject({ create: 2, error: 1, departments: 2 });
    expect(preview.plan!.rows.map((r) => r.email)).toEqual([
      "web.one@example.test",
      "web.two@example.test",
    ]);
    expect(await getDb().user.count()).toBe(users);

    const fields = {
      fileId: preview.upload.id,
      sha256: preview.upload.sha256,
      planDigest: preview.plan!.digest,
    };
    const committed = await importRoute.action(actionArgs(commitRequest(cookie, fields)));
    expect(committed).toMatchObject({
      data: { ok: true, intent: "commit", written: true, counts: { create: 2, error: 1 } },
    });
    expect(await getDb().user.count()).toBe(users + 2);
    // The same form again (a double submit): the plan changed, nothing more is written.
    expect(
      await outcomeStatus(() => importRoute.action(actionArgs(commitRequest(cookie, fields)))),
    ).toBe(409);
    expect(await getDb().user.count()).toBe(users + 2);

    const report = (await importErrorsRoute.loader(
      loaderArgs(request(`/admin/import/errors?file=${preview.upload.id}`, { cookie })),
    )) as Response;
    expect(report.headers.get("Content-Type")).toMatch(/text\/csv/);
    const lines = (await report.text()).split("\r\n");
    expect(lines[0]).toBe("Row,E-mail,Name,Column,Problem");
    expect(lines[1]).toMatch(/^4,broken@example.test,Broken,hire date,/);
  });

  it("refuses a missing file next to the field, and another person's upload with 404", async () => {
    const { cookie } = await signedIn("HR");
    const empty = await importRoute.action(actionArgs(uploadRequest(cookie, "")));
    expect(empty).toMatchObject({
      init: { status: 400 },
      data: { fieldErrors: { file: "org.import.fileRequired" } },
    });
    const preview = await uploadAndPreview(cookie, `${HEADER}\nx@example.test,X,Web,,,,,`);
    const other = await signedIn("HR");
    expect(
      await thrownStatus(() =>
        importRoute.loader(
          loaderArgs(request(`/admin/import?file=${preview.upload.id}`, { cookie: other.cookie })),
        ),
      ),
    ).toBe(404);
  });

  it("shows who would be deactivated and wants a second confirmation past the limit", async () => {
    const { cookie } = await signedIn("ADMIN");
    for (let i = 0; i < 3; i++) await makeUser({ email: `stay${i}@example.test` });
    const csv = `${HEADER}\nstay0@example.test,Stay Zero,Web,,,,,`;
    const preview = await uploadAndPreview(cookie, csv, "&deactivate=1");
    const plan = preview.plan!;
    expect(plan.needsConfirmation).toBe(true);
    expect(plan.deactivate.map((p) => p.email)).toEqual(
      expect.arrayContaining(["stay1@example.test", "stay2@example.test"]),
    );
    const fields = {
      fileId: preview.upload.id,
      sha256: preview.upload.sha256,
      planDigest: plan.digest,
      deactivateMissing: "on",
    };
    const refused = await importRoute.action(actionArgs(commitRequest(cookie, fields)));
    expect(refused).toMatchObject({
      init: { status: 400 },
      data: { fieldErrors: { confirmDeactivation: "org.import.confirmDeactivationRequired" } },
    });
    expect(await getDb().user.count({ where: { active: false } })).toBe(0);
    await importRoute.action(
      actionArgs(commitRequest(cookie, { ...fields, confirmDeactivation: "on" })),
    );
    expect(
      await getDb().user.count({ where: { email: "stay1@example.test", active: false } }),
    ).toBe(1);
  });

  it("serves the template, and is closed to roles without User: import", async () => {
    const { cookie } = await signedIn("HR");
    const template = (await importTemplateRoute.loader(
      loaderArgs(request("/admin/import/template", { cookie })),
    )) as Response;
    expect(template.headers.get("Content-Disposition")).toMatch(
      /attachment; filename="uptake-staff-import-template/,
    );
    expect((await template.text()).split("\r\n")[0]).toBe(HEADER);
    const manager = await signedIn("MANAGER");
    const asManager = { cookie: manager.cookie };
    expect(
      await thrownStatus(() => importRoute.loader(loaderArgs(request("/admin/import", asManager)))),
    ).toBe(403);
    expect(
      await thrownStatus(() =>
        importTemplateRoute.loader(loaderArgs(request("/admin/import/template", asManager))),
      ),
    ).toBe(403);
    expect(
      await thrownStatus(() =>
        importRoute.action(actionArgs(uploadRequest(manager.cookie, HEADER))),
      ),
    ).toBe(403);
  });
});

async function invitationToken(cookie: string, email: string) {
  const preview = await uploadAndPreview(cookie, `${HEADER}\n${email},Ivy Invited,Web,,,,,`);
  await importRoute.action(
    actionArgs(
      commitRequest(cookie, {
        fileId: preview.upload.id,
        sha256: preview.upload.sha256,
        planDigest: preview.plan!.digest,
      }),
    ),
  );
  const mail = await getDb().outboxEmail.findFirstOrThrow({ where: { toAddress: email } });
  return /\/invite\/([\w-]+)/.exec(mail.body)![1]!;
}

const invitePost = (token: string, form: Record<string, string>, address: string) =>
  inviteRoute.action({
    request: request(`/invite/${token}`, { form }),
    params: { token },
    context: { clientAddress: address },
  } as never);

describe("the invitation page", () => {
  it("sets a strong first password once, signs the person in, and then the link is dead", async () => {
    const { cookie } = await signedIn("HR");
    const token = await invitationToken(cookie, "ivy@example.test");
    const page = await inviteRoute.loader({
      request: request(`/invite/${token}`),
      params: { token },
      context: { clientAddress: "198.51.100.1" },
    } as never);
    expect(page.person).toEqual({ name: "Ivy Invited", email: "ivy@example.test" });

    const weak = await invitePost(
      token,
      { password: "Password123", confirmPassword: "Password123" },
      "198.51.100.1",
    );
    expect(weak).toMatchObject({
      init: { status: 400 },
      data: { fieldErrors: { password: expect.stringMatching(/^password\./) } },
    });
    const differ = await invitePost(
      token,
      { password: "Ivy-own-secret-9", confirmPassword: "x" },
      "198.51.100.1",
    );
    expect(differ).toMatchObject({
      data: { fieldErrors: { confirmPassword: "validation.passwordsDiffer" } },
    });

    const accepted = (await invitePost(
      token,
      { password: "Ivy-own-secret-9", confirmPassword: "Ivy-own-secret-9" },
      "198.51.100.1",
    )) as Response;
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("Location")).toBe("/");
    expect(accepted.headers.get("Set-Cookie")).toMatch(/session/);

    const again = await invitePost(
      token,
      { password: "Ivy-other-secret-8", confirmPassword: "Ivy-other-secret-8" },
      "198.51.100.1",
    );
    expect(again).toMatchObject({
      init: { status: 400 },
      data: { formError: "org.invitation.invalid" },
    });
    const dead = await inviteRoute.loader({
      request: request(`/invite/${token}`),
      params: { token },
      context: { clientAddress: "198.51.100.1" },
    } as never);
    expect(dead.person).toBeNull();
  });

  it("refuses an address that keeps opening dead links with 429", async () => {
    const open = (address: string) =>
      outcomeStatus(() =>
        inviteRoute.loader({
          request: request("/invite/guess"),
          params: { token: "guess" },
          context: { clientAddress: address },
        } as never),
      );
    for (let i = 0; i < INVITATION_MISSES.points; i++) expect(await open("203.0.113.50")).toBe(200);
    expect(await open("203.0.113.50")).toBe(429);
    expect(await open("203.0.113.51")).toBe(200);
  });
});
