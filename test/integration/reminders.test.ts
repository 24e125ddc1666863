import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { NotFoundError } from "~/lib/errors";
import {
  markLessonDone,
  getPlayer,
  sendManualReminders,
  sendScheduledReminders,
  createRule,
} from "~/modules/learning/index.server";
import { NOTIFICATION_EVENTS } from "~/modules/notifications";
import {
  deliverOutbox,
  listNotifications,
  markAllRead,
  markRead,
  setEmailPreferences,
  unreadCount,
} from "~/modules/notifications/index.server";
import * as departmentRoute from "~/routes/reports/department";
import * as exportRoute from "~/routes/reports/export";
import * as dashboardRoute from "~/routes/reports/dashboard";
import * as overdueRoute from "~/routes/reports/overdue";
import {
  makeDepartment,
  makeUser,
  principalFor,
  request,
  sessionCookie,
  thrownStatus,
} from "../support/factories";
import { publishedCourse, ruleForm } from "../support/learning";
import {
  decodeBody,
  decodeHeader,
  parse,
  startSmtpServer,
  type SmtpCapture,
} from "../support/smtp";

const DAY = 24 * 3600 * 1000;
const ALL_EMAIL = Object.fromEntries(NOTIFICATION_EVENTS.map((event) => [event, true])) as Record<
  (typeof NOTIFICATION_EVENTS)[number],
  boolean
>;

let smtp: SmtpCapture;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.close();
});

const loaderArgs = (req: Request, params: Record<string, string> = {}) =>
  ({ request: req, params, context: {} }) as LoaderFunctionArgs;

async function counts(userIds: string[]) {
  const db = getDb();
  const [notifications, emails, logs] = await Promise.all([
    db.notification.count({ where: { userId: { in: userIds } } }),
    db.outboxEmail.count({ where: { userId: { in: userIds } } }),
    db.reminderLog.count({ where: { enrolment: { userId: { in: userIds } } } }),
  ]);
  return { notifications, emails, logs };
}

async function typesFor(userId: string) {
  const rows = await getDb().notification.findMany({ where: { userId }, select: { type: true } });
  return rows.map((r) => r.type).sort();
}

/** Three people and one course: due in two days, overdue by ten days, and a valid completion expiring in 20 days. */
async function scenario() {
  const now = new Date();
  const hr = await principalFor("HR");
  const trainer = await principalFor("TRAINER");
  const course = await publishedCourse(trainer, 1, 0);
  const soon = await makeUser({ name: "Sam Soon" });
  const late = await makeUser({ name: "Lee Late" });
  const certified = await makeUser({ name: "Cam Cert" });
  await createRule(
    hr,
    ruleForm(course.id, { targetType: "PEOPLE", userIds: soon.id, dueDays: "2" }),
    now,
  );
  await createRule(
    hr,
    ruleForm(course.id, { targetType: "PEOPLE", userIds: late.id, dueDays: "10" }),
    new Date(now.getTime() - 20 * DAY),
  );
  await createRule(
    hr,
    ruleForm(course.id, {
      targetType: "PEOPLE",
      userIds: certified.id,
      dueDays: "30",
      recurrenceMonths: "12",
    }),
    new Date(now.getTime() - 400 * DAY),
  );
  const lesson = (await getPlayer(certified.id, course.id)).lessons[0]!;
  await markLessonDone(certified.id, course.id, lesson.id, new Date(now.getTime() - 345 * DAY));
  return { now, hr, course, soon, late, certified };
}

describe("the reminder job", () => {
  it("sends each notice once, then the overdue one weekly", async () => {
    const s = await scenario();
    const ids = [s.soon.id, s.late.id, s.certified.id];
    const first = await sendScheduledReminders(s.now);
    expect(first).toMatchObject({ DUE_SOON: 1, OVERDUE: 1, CERT_EXPIRING: 1 });
    expect(await typesFor(s.soon.id)).toEqual(["ASSIGNED", "DUE_SOON"]);
    expect(await typesFor(s.late.id)).toEqual(["OVERDUE"]); // assigned 20 days ago: not announced now
    expect(await typesFor(s.certified.id)).toEqual(["CERT_EXPIRING"]);
    const after = await counts(ids);
    expect(after.emails).toBe(after.notifications);

    // Running again (or on a second server) sends nothing new.
    const again = await sendScheduledReminders(new Date(s.now.getTime() + 60_000));
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
    expect(await counts(ids)).toEqual(after);

    // A week later: the overdue one gets its weekly notice; the due-soon one is now overdue.
    await sendScheduledReminders(new Date(s.now.getTime() + 7 * DAY + 60_000));
    expect(await typesFor(s.late.id)).toEqual(["OVERDUE", "OVERDUE"]);
    expect(await typesFor(s.soon.id)).toEqual(["ASSIGNED", "DUE_SOON", "OVERDUE"]);
  });

  it("two runs started together in one process send each notice once", async () => {
    const s = await scenario();
    await Promise.all([sendScheduledReminders(s.now), sendScheduledReminders(s.now)]);
    expect(await typesFor(s.late.id)).toEqual(["OVERDUE"]);
    expect(await typesFor(s.soon.id)).toEqual(["ASSIGNED", "DUE_SOON"]);
  });

  it("respects e-mail opt-outs but keeps the in-app notification", async () => {
    const s = await scenario();
    await setEmailPreferences(s.soon.id, { ...ALL_EMAIL, DUE_SOON: false });
    await sendScheduledReminders(s.now);
    expect(await typesFor(s.soon.id)).toEqual(["ASSIGNED", "DUE_SOON"]);
    const emails = await getDb().outboxEmail.findMany({ where: { userId: s.soon.id } });
    expect(emails.map((e) => e.eventType)).toEqual(["ASSIGNED"]);
  });
});

describe("the periodic jobs", () => {
  it("send the certificate-expiry notice even though recertification already renewed it", async () => {
    const { runJobs } = await import("~/modules/ops/jobs.server");
    const s = await scenario();
    await runJobs(s.now);
    expect(await typesFor(s.certified.id)).toContain("CERT_EXPIRING");
    // The renewal exists (recertification runs first), and the notice went anyway.
    expect(
      await getDb().enrolment.count({
        where: { userId: s.certified.id, previousEnrolmentId: { not: null } },
      }),
    ).toBe(1);
    const before = await counts([s.soon.id, s.late.id, s.certified.id]);
    await runJobs(new Date(s.now.getTime() + 60_000));
    expect(await counts([s.soon.id, s.late.id, s.certified.id])).toEqual(before);
  });
});

describe("reminders from HR and managers", () => {
  it("are delivered by e-mail in the recipient's language, once per day", async () => {
    const s = await scenario();
    await getDb().user.update({ where: { id: s.late.id }, data: { preferredLanguage: "zh" } });
    const hrUser = await getDb().user.findUniqueOrThrow({ where: { id: s.hr.id } });
    const enrolment = await getDb().enrolment.findFirstOrThrow({ where: { userId: s.late.id } });
    const done = await getDb().enrolment.findFirstOrThrow({ where: { userId: s.certified.id } });

    const sent = await sendManualReminders({ ...s.hr, name: hrUser.name }, [enrolment.id, done.id]);
    expect(sent).toEqual({ sent: 1, skipped: 1 }); // the completed one is not reminded
    const twice = await sendManualReminders({ ...s.hr, name: hrUser.name }, [enrolment.id]);
    expect(twice).toEqual({ sent: 0, skipped: 1 });
    expect(await typesFor(s.late.id)).toEqual(["REMINDER"]);
    const audit = await getDb().auditEvent.findMany({
      where: { action: "reminder.send", subjectId: enrolment.id },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(s.hr.id);

    smtp.received.length = 0;
    await getDb().outboxEmail.updateMany({
      where: { userId: { not: s.late.id } },
      data: { status: "SENT" },
    });
    const result = await deliverOutbox({ smtpUrl: smtp.url });
    expect(result).toMatchObject({ sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const message = smtp.received[0]!;
    expect(message.recipients).toEqual([
      (await getDb().user.findUniqueOrThrow({ where: { id: s.late.id } })).email,
    ]);
    const { headers } = parse(message.raw);
    expect(decodeHeader(headers.get("subject")!)).toBe(`[Uptake] 提醒：${s.course.title}`);
    expect(headers.get("content-language")).toBe("zh");
    const body = decodeBody(message.raw);
    expect(body).toContain(`${hrUser.name} 提醒您完成“${s.course.title}”`);
    expect(body).toContain("/learn/");
  });
});

describe("the notification centre", () => {
  it("counts unread, marks one or all read, and keeps others' notifications private", async () => {
    const s = await scenario();
    await sendScheduledReminders(s.now);
    expect(await unreadCount(s.soon.id)).toBe(2);
    const list = await listNotifications(s.soon.id, 1);
    expect(list.notifications[0]!.params).toMatchObject({ course: s.course.title });
    const link = await markRead(s.soon.id, list.notifications[0]!.id);
    expect(link).toBe(`/learn/${s.course.id}`);
    expect(await unreadCount(s.soon.id)).toBe(1);
    await expect(markRead(s.late.id, list.notifications[1]!.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await markAllRead(s.soon.id)).toBe(1);
    expect(await unreadCount(s.soon.id)).toBe(0);
  });
});

describe("report routes", () => {
  it("give 403 to employees and to managers outside their tree, and export CSV with a BOM", async () => {
    const inside = await makeDepartment();
    const outside = await makeDepartment();
    const employee = await makeUser();
    const manager = await makeUser({
      role: "MANAGER",
      departmentId: inside.id,
      manages: [inside.id],
    });
    const hr = await makeUser({ role: "HR" });
    const cookie = async (id: string) => (await sessionCookie(id)).cookie;

    expect(
      await thrownStatus(async () =>
        dashboardRoute.loader(
          loaderArgs(request("/reports", { cookie: await cookie(employee.id) })),
        ),
      ),
    ).toBe(403);
    const managerCookie = await cookie(manager.id);
    expect(
      await thrownStatus(() =>
        departmentRoute.loader(
          loaderArgs(request(`/reports/departments/${outside.id}`, { cookie: managerCookie }), {
            departmentId: outside.id,
          }),
        ),
      ),
    ).toBe(403);
    const own = await departmentRoute.loader(
      loaderArgs(request(`/reports/departments/${inside.id}`, { cookie: managerCookie }), {
        departmentId: inside.id,
      }),
    );
    expect(own.department.id).toBe(inside.id);
    expect(
      await thrownStatus(() =>
        departmentRoute.loader(
          loaderArgs(request(`/reports/departments/nope`, { cookie: managerCookie }), {
            departmentId: "nope",
          }),
        ),
      ),
    ).toBe(404);
    // Employees cannot send reminders.
    expect(
      await thrownStatus(async () =>
        overdueRoute.action({
          request: new Request("http://localhost/reports/overdue", {
            method: "POST",
            headers: { Cookie: await cookie(employee.id), "Content-Type": "application/json" },
            body: JSON.stringify({ intent: "remind", enrolmentIds: ["x"] }),
          }),
          params: {},
          context: {},
        } as ActionFunctionArgs),
      ),
    ).toBe(403);

    const response = (await exportRoute.loader(
      loaderArgs(request("/reports/export/departments", { cookie: await cookie(hr.id) }), {
        table: "departments",
      }),
    )) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(
      /attachment; filename="uptake-departments-/,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(
      await thrownStatus(async () =>
        exportRoute.loader(
          loaderArgs(request("/reports/export/everything", { cookie: await cookie(hr.id) }), {
            table: "everything",
          }),
        ),
      ),
      // An export that does not exist is missing, not bad input (issue 10, item 11).
    ).toBe(404);
  });

  it("refuses an empty selection with a field message and sends nothing", async () => {
    const hr = await makeUser({ role: "HR" });
    const before = await getDb().notification.count();
    const result = await overdueRoute.action({
      request: new Request("http://localhost/reports/overdue", {
        method: "POST",
        headers: {
          Cookie: (await sessionCookie(hr.id)).cookie,
          "Content-Type": "application/json",
        },
        body: JSON.stringify({ intent: "remind", enrolmentIds: [] }),
      }),
      params: {},
      context: {},
    } as ActionFunctionArgs);
    expect(result).toMatchObject({
      data: { ok: false, fieldErrors: { enrolmentIds: "reports.remind.noneSelected" } },
    });
    expect(await getDb().notification.count()).toBe(before);
  });
});
