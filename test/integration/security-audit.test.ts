import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import {
  pruneSecurityEvents,
  recordSecurityEvent,
  securityEventsSettled,
} from "~/lib/security-events.server";
import { listAuditEvents } from "~/modules/audit/index.server";
import { auditQuerySchema } from "~/modules/audit";
import { loader as auditLoader } from "~/routes/admin/audit";
import { action as loginAction } from "~/routes/auth/login";
import { action as logoutAction } from "~/routes/auth/logout";
import { loader as ideasExport } from "~/routes/ideas/export";
import { loader as departmentReport } from "~/routes/reports/department";
import { loader as reportsExport } from "~/routes/reports/export";
import {
  makeDepartment,
  makeUser,
  request,
  sessionCookie,
  TEST_PASSWORD,
} from "../support/factories";

const CHROME =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
// What the production handler stamps on every request (scripts/remix-handler.mjs).
const from = (address: string) => ({ "X-Uptake-Peer": address, "User-Agent": CHROME });

const eventsOf = (actorId: string) =>
  getDb().auditEvent.findMany({
    where: { actorId, action: { startsWith: "security." } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });

async function settle<T>(work: () => Promise<T>): Promise<T | Response> {
  try {
    return await work();
  } catch (thrown) {
    return thrown as Response;
  } finally {
    await securityEventsSettled();
  }
}

describe("security events in the audit log", () => {
  it("records a failed sign-in, a sign-in and a sign-out with address and user agent", async () => {
    const user = await makeUser();
    const context = { clientAddress: "198.51.100.20" };
    await loginAction({
      request: request("/login", {
        form: { email: user.email, password: "wrong-password" },
        headers: { "User-Agent": CHROME },
      }),
      params: {},
      context,
    });
    const signedIn = (await loginAction({
      request: request("/login", {
        form: { email: user.email, password: TEST_PASSWORD },
        headers: { "User-Agent": CHROME },
      }),
      params: {},
      context,
    })) as Response;
    const cookie = signedIn.headers.get("Set-Cookie")!.split(";")[0]!;
    await logoutAction({
      request: request("/logout", { cookie, form: {}, headers: { "User-Agent": CHROME } }),
      params: {},
      context,
    });
    const events = await eventsOf(user.id);
    expect(events.map((e) => [e.action, e.ipAddress, e.userAgent])).toEqual([
      ["security.signInFailed", "198.51.100.20", CHROME],
      ["security.signIn", "198.51.100.20", CHROME],
      ["security.signOut", "198.51.100.20", CHROME],
    ]);
    // An unknown e-mail is recorded against the address it was tried for.
    await loginAction({
      request: request("/login", { form: { email: "ghost@example.test", password: "x" } }),
      params: {},
      context,
    });
    expect(
      await getDb().auditEvent.count({
        where: {
          action: "security.signInFailed",
          subjectType: "Email",
          subjectId: "ghost@example.test",
        },
      }),
    ).toBe(1);
  });

  it("records a refused (403) request with who, what, where from", async () => {
    const employee = await makeUser({ role: "EMPLOYEE" });
    const { cookie } = await sessionCookie(employee.id);
    const result = await settle(() =>
      auditLoader({
        request: request("/admin/audit", { cookie, headers: from("203.0.113.7") }),
        params: {},
        context: {},
      }),
    );
    expect((result as { init?: { status?: number } }).init?.status).toBe(403);
    const [event] = await eventsOf(employee.id);
    expect(event).toMatchObject({
      action: "security.forbidden",
      subjectType: "AuditEvent",
      subjectId: "/admin/audit",
      ipAddress: "203.0.113.7",
      userAgent: CHROME,
    });
    expect(event!.after).toMatchObject({ action: "read", method: "GET" });
  });

  it("records a refusal raised inside a module (a manager outside their tree)", async () => {
    const inside = await makeDepartment();
    const outside = await makeDepartment();
    const manager = await makeUser({
      role: "MANAGER",
      departmentId: inside.id,
      manages: [inside.id],
    });
    const { cookie } = await sessionCookie(manager.id);
    const result = await settle(() =>
      departmentReport({
        request: request(`/reports/departments/${outside.id}`, {
          cookie,
          headers: from("203.0.113.9"),
        }),
        params: { departmentId: outside.id },
        context: {},
      }),
    );
    expect((result as { init?: { status?: number } }).init?.status).toBe(403);
    const events = await eventsOf(manager.id);
    expect(events.map((e) => [e.action, e.subjectId, e.ipAddress, e.userAgent])).toEqual([
      ["security.forbidden", `/reports/departments/${outside.id}`, "203.0.113.9", CHROME],
    ]);
  });

  it("records CSV exports of personal data (reports and ideas)", async () => {
    const hr = await makeUser({ role: "HR" });
    const { cookie } = await sessionCookie(hr.id);
    const report = await settle(() =>
      reportsExport({
        request: request("/reports/export/enrolments?sort=name", {
          cookie,
          headers: from("203.0.113.8"),
        }),
        params: { table: "enrolments" },
        context: { clientAddress: "203.0.113.8" },
      }),
    );
    const ideas = await settle(() =>
      ideasExport({
        request: request("/ideas/export", { cookie, headers: from("203.0.113.8") }),
        params: {},
        context: { clientAddress: "203.0.113.8" },
      }),
    );
    expect((report as Response).status).toBe(200);
    expect((ideas as Response).status).toBe(200);
    await (report as Response).text();
    await (ideas as Response).text();
    const events = await eventsOf(hr.id);
    expect(events.map((e) => [e.action, e.subjectType, e.subjectId, e.ipAddress])).toEqual([
      ["security.export", "Report", "enrolments", "203.0.113.8"],
      ["security.export", "Idea", "board", "203.0.113.8"],
    ]);
    expect(events[0]!.after).toMatchObject({ query: "?sort=name" });
  });

  it("filters by event type: security events, data changes, one action", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const client = { ipAddress: "10.9.0.1", userAgent: CHROME };
    await recordSecurityEvent({ type: "signIn", actorId: admin.id, client });
    await recordSecurityEvent({ type: "twoFactor.enabled", actorId: admin.id, client });
    await getDb().auditEvent.create({
      data: { actorId: admin.id, action: "user.update", subjectType: "User", subjectId: admin.id },
    });
    const query = (input: Record<string, string>) =>
      auditQuerySchema.parse({ actor: admin.id, ...input });
    const actions = async (input: Record<string, string>) =>
      (await listAuditEvents(query(input))).events.map((e) => e.action).sort();
    expect(await actions({ event: "security" })).toEqual([
      "security.signIn",
      "security.twoFactor.enabled",
    ]);
    expect(await actions({ event: "changes" })).toEqual(["user.update"]);
    expect(await actions({ event: "security.signIn" })).toEqual(["security.signIn"]);
    const page = await listAuditEvents(query({ event: "security.signIn" }));
    expect(page.events[0]).toMatchObject({
      ipAddress: "10.9.0.1",
      device: { browser: "Chrome", os: "Windows" },
    });
    expect(page.eventTypes).toEqual(
      expect.arrayContaining(["security.signIn", "security.twoFactor.enabled", "user.update"]),
    );
  });

  it("prunes security events past the retention period and keeps data changes", async () => {
    const user = await makeUser();
    const now = new Date("2027-06-01T00:00:00Z");
    const old = new Date(now.getTime() - 366 * 86_400_000);
    const recent = new Date(now.getTime() - 364 * 86_400_000);
    const client = { ipAddress: "10.9.0.2", userAgent: "" };
    await recordSecurityEvent({ type: "signIn", actorId: user.id, client, at: old });
    await recordSecurityEvent({ type: "signOut", actorId: user.id, client, at: recent });
    await getDb().auditEvent.create({
      data: {
        actorId: user.id,
        action: "user.update",
        subjectType: "User",
        subjectId: user.id,
        createdAt: old,
      },
    });
    expect(await pruneSecurityEvents(now)).toBe(1);
    const left = await getDb().auditEvent.findMany({ where: { actorId: user.id } });
    expect(left.map((e) => e.action).sort()).toEqual(["security.signOut", "user.update"]);
  });
});
