import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { overrideChunkSizes } from "~/lib/chunks.server";
import { getDb } from "~/lib/db.server";
import {
  applyAllRules,
  createRule,
  fellDueWhere,
  overdueAsOf,
  rebuildProgressStats,
  sendManualReminders,
  sendScheduledReminders,
  sweepOverdue,
} from "~/modules/learning/index.server";
import * as healthRoute from "~/routes/healthz";
import { makeDepartment, makeUser, principalFor } from "../support/factories";
import { openEnrolments, publishedCourse, ruleForm } from "../support/learning";
import { allowInserts, raisedBy, refuseInserts } from "../support/refuse-inserts";

// Decision 027: long writes run in chunks, each its own short transaction, idempotent and
// resumable. Chunks of 3 cross several boundaries with 7 people; a trigger refuses the
// writes of a later chunk, as a crash or a full disk would, and a second run finishes.

const PEOPLE = 7;
const CHUNK = 3;
let restoreChunkSizes: () => void;

beforeEach(() => {
  restoreChunkSizes = overrideChunkSizes({
    reminders: CHUNK,
    sweepRows: CHUNK,
    ruleEnrolments: CHUNK,
    renewals: CHUNK,
    recountPairs: CHUNK,
  });
});
afterEach(() => restoreChunkSizes());

/** A department of seven people and a published course, with HR's principal. */
async function department() {
  const hr = await principalFor("HR");
  const course = await publishedCourse(await principalFor("TRAINER"));
  const dept = await makeDepartment();
  const people = [];
  for (let i = 0; i < PEOPLE; i++) people.push(await makeUser({ departmentId: dept.id }));
  const rule = () =>
    createRule(hr, ruleForm(course.id, { targetType: "DEPARTMENT", departmentId: dept.id }));
  return { hr, course, dept, people, rule };
}

/** Seven departments of one person each, each with a rule for the same course. */
async function departmentsOfOne() {
  const hr = await principalFor("HR");
  const course = await publishedCourse(await principalFor("TRAINER"));
  const departments: string[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const dept = await makeDepartment();
    await makeUser({ departmentId: dept.id });
    departments.push(dept.id);
    await createRule(hr, ruleForm(course.id, { targetType: "DEPARTMENT", departmentId: dept.id }));
  }
  return { course, departments };
}

/** Lets the table take `rows` more rows, then refuses inserts until allowed again. */
async function failAfter(table: string, rows: number) {
  const count = await getDb().$queryRawUnsafe<{ n: number | bigint }[]>(
    `SELECT COUNT(*) AS n FROM "${table}"`,
  );
  await refuseInserts(table, "cut_off", "cut off", { fromRowCount: Number(count[0]!.n) + rows });
}

const notificationsOf = async (userIds: string[], type: string) =>
  Promise.all(
    userIds.map((userId) =>
      getDb().notification.count({ where: { userId, type: type as "REMINDER" } }),
    ),
  );

describe("a rule applied to more people than a chunk", () => {
  it("enrols each once, with counters, and a run cut off halfway is finished by the job", async () => {
    const { course, dept, people, rule } = await department();
    await failAfter("Enrolment", CHUNK);
    await expect(rule()).rejects.toSatisfy(raisedBy("cut off"));
    expect(await openEnrolments(course.id)).toHaveLength(CHUNK);

    await allowInserts("Enrolment", "cut_off");
    await applyAllRules();
    await applyAllRules();
    const open = await openEnrolments(course.id);
    expect(open.map((e) => e.userId).sort()).toEqual(people.map((p) => p.id).sort());
    const total = await getDb().progressTotal.findUniqueOrThrow({
      where: { departmentId_courseId: { departmentId: dept.id, courseId: course.id } },
    });
    expect(total.assigned).toBe(PEOPLE);
  });
});

describe("reminders to more people than a chunk", () => {
  it("HR's reminder reaches each once; cut off halfway and sent again, nobody twice or missed", async () => {
    const { hr, course, people, rule } = await department();
    await rule();
    const enrolmentIds = (await openEnrolments(course.id)).map((e) => e.id);
    const sender = { ...hr, name: "HR" };
    await failAfter("ReminderLog", CHUNK);
    await expect(sendManualReminders(sender, enrolmentIds)).rejects.toSatisfy(raisedBy("cut off"));
    expect(
      (
        await notificationsOf(
          people.map((p) => p.id),
          "REMINDER",
        )
      ).filter(Boolean),
    ).toHaveLength(CHUNK);

    await allowInserts("ReminderLog", "cut_off");
    expect(await sendManualReminders(sender, enrolmentIds)).toEqual({
      sent: PEOPLE - CHUNK,
      skipped: CHUNK,
    });
    expect(await sendManualReminders(sender, enrolmentIds)).toEqual({ sent: 0, skipped: PEOPLE });
    expect(
      await notificationsOf(
        people.map((p) => p.id),
        "REMINDER",
      ),
    ).toEqual(people.map(() => 1));
    expect(await getDb().auditEvent.count({ where: { action: "reminder.send" } })).toBe(PEOPLE);
  });

  it("the job's reminders: cut off halfway, the next run sends the rest once", async () => {
    const { people, rule } = await department();
    await rule();
    await failAfter("ReminderLog", CHUNK + 1);
    await expect(sendScheduledReminders()).rejects.toSatisfy(raisedBy("cut off"));
    await allowInserts("ReminderLog", "cut_off");
    await sendScheduledReminders();
    await sendScheduledReminders();
    expect(
      await notificationsOf(
        people.map((p) => p.id),
        "ASSIGNED",
      ),
    ).toEqual(people.map(() => 1));
  });
});

describe("the counters' full recount in chunks of pairs", () => {
  it("heals every pair; cut off halfway, the next run finishes", async () => {
    const { course, departments } = await departmentsOfOne();
    // Counters a write path missed: the recount rebuilds them, and drops a pair with no
    // enrolments left.
    await getDb().progressTotal.deleteMany({ where: { courseId: course.id } });
    const empty = await makeDepartment();
    await getDb().progressTotal.create({
      data: { departmentId: empty.id, courseId: course.id, assigned: 4 },
    });
    await failAfter("ProgressTotal", CHUNK + 1);
    await expect(rebuildProgressStats()).rejects.toSatisfy(raisedBy("cut off"));
    await allowInserts("ProgressTotal", "cut_off");
    await rebuildProgressStats();
    const totals = await getDb().progressTotal.findMany({
      where: { courseId: course.id },
      orderBy: { departmentId: "asc" },
    });
    expect(totals.map((t) => [t.departmentId, t.assigned])).toEqual(
      departments.sort().map((id) => [id, 1]),
    );
  });
});

describe("the overdue sweep in slices of time", () => {
  it("leaves the counts right at every commit, and a sweep cut off goes on from there", async () => {
    const { course, departments } = await departmentsOfOne();
    const db = getDb();
    const now = new Date();
    const lastSweep = new Date(now.getTime() - 3600_000);
    await overdueAsOf(db);
    await db.reportState.update({ where: { id: "reports" }, data: { overdueAsOf: lastSweep } });
    // Each fell due at its own minute since the last sweep (written past the module).
    for (const [i, departmentId] of departments.entries()) {
      await db.enrolment.updateMany({
        where: { departmentId, courseId: course.id },
        data: { dueAt: new Date(lastSweep.getTime() + (i + 1) * 60_000) },
      });
    }
    await db.progressTotal.deleteMany({ where: { courseId: course.id } });
    /** What a report reader sees: stored overdue plus what fell due since the stored moment. */
    const overdueSeen = async () => {
      const asOf = await overdueAsOf(db);
      return Promise.all(
        departments.map(async (departmentId) => {
          const stored = await db.progressTotal.findUnique({
            where: { departmentId_courseId: { departmentId, courseId: course.id } },
          });
          const since = await db.enrolment.count({
            where: { departmentId, courseId: course.id, ...fellDueWhere(asOf, now) },
          });
          return (stored?.overdue ?? 0) + since;
        }),
      );
    };

    await failAfter("ProgressTotal", CHUNK);
    await expect(sweepOverdue(now)).rejects.toSatisfy(raisedBy("cut off"));
    const stoppedAt = await overdueAsOf(db);
    expect(stoppedAt > lastSweep && stoppedAt < now).toBe(true);
    expect(await overdueSeen()).toEqual(departments.map(() => 1));

    await allowInserts("ProgressTotal", "cut_off");
    await sweepOverdue(now);
    expect((await overdueAsOf(db)).getTime()).toBe(now.getTime());
    expect(await overdueSeen()).toEqual(departments.map(() => 1));
    const totals = await db.progressTotal.findMany({ where: { courseId: course.id } });
    expect(totals.map((t) => t.overdue)).toEqual(departments.map(() => 1));
  });
});

describe("/healthz", () => {
  it("reports the event-loop delay, and a blocked loop shows in it", async () => {
    // The first check starts the monitor (the server entry starts it at boot).
    await healthRoute.loader();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const blockedUntil = performance.now() + 150;
    while (performance.now() < blockedUntil) {
      // Holds the event loop, as a long synchronous write would.
    }
    await new Promise((resolve) => setTimeout(resolve, 30));
    const health = await (await healthRoute.loader()).json();
    expect(health.eventLoopDelayMs).toEqual({
      p99: expect.any(Number),
      max: expect.any(Number),
      windowSeconds: expect.any(Number),
    });
    expect(health.eventLoopDelayMs.max).toBeGreaterThanOrEqual(100);
  });
});
