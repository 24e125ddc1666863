import crypto from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { addDays } from "~/lib/dates";
import { getDb } from "~/lib/db.server";
import {
  approveRedemption,
  requestRedemption,
  writeEntry,
} from "~/modules/incentives/index.server";
import { closePulse, openPulse } from "~/modules/initiatives/index.server";
import {
  createRule,
  recordManualCompletion,
  sendScheduledReminders,
} from "~/modules/learning/index.server";
import { commitStaffImport, parseStaffCsv } from "~/modules/org/index.server";
import { WEBHOOK_BODY_SCHEMAS, type WebhookEventType } from "~/modules/webhooks/index.server";
import { makeDepartment, makeUser, principalFor } from "../support/factories";
import { publishedCourse, ruleForm } from "../support/learning";
import { makeInitiative, makePulse } from "../support/pulses";
import { subscribe } from "../support/webhooks";

// Each event type is raised by the module that owns the change, once, through its one path
// (decision 045), and reaches the outbox with the payload its schema documents.

const URL = "http://127.0.0.1:9/hooks";

afterEach(async () => {
  await getDb().webhookSubscription.deleteMany();
  await getDb().webhookEvent.deleteMany();
});

/** The outbox's events of these types, their bodies parsed by the documented schemas. */
async function sent(...types: WebhookEventType[]) {
  const events = await getDb().webhookEvent.findMany({
    where: { type: { in: types } },
    orderBy: { id: "asc" },
  });
  return events.map((e) =>
    WEBHOOK_BODY_SCHEMAS[e.type as WebhookEventType].parse(JSON.parse(e.body)),
  );
}

describe("webhook events from their owners", () => {
  it("a staff import raises person.created, .updated and .deactivated for each person", async () => {
    const admin = await principalFor("ADMIN");
    await subscribe(admin, URL, ["person.created", "person.updated", "person.deactivated"]);
    const department = await makeDepartment({ name: "Webhook Dept" });
    const stays = await makeUser({ departmentId: department.id, email: "stays@example.test" });
    const leaves = await makeUser({ departmentId: department.id, email: "leaves@example.test" });
    const header = "email,name,department,job title,hire date,role,manager of,active";
    const rows = [
      header,
      ...["a", "b", "c"].map(
        (n) => `new-${n}@example.test,New ${n},Webhook Dept,Clerk,,EMPLOYEE,,yes`,
      ),
      `stays@example.test,Stays Renamed,Webhook Dept,Lead,,EMPLOYEE,,yes`,
      `leaves@example.test,${leaves.name},Webhook Dept,,,EMPLOYEE,,no`,
    ].join("\n");
    const parsed = parseStaffCsv(rows);
    if (!parsed.ok) throw new Error(parsed.problem.messageKey);
    await commitStaffImport(admin, parsed.rows, {
      deactivateMissing: false,
      confirmDeactivation: false,
      source: { id: "webhooks", sha256: "0".repeat(64) },
    });
    const bodies = await sent("person.created", "person.updated", "person.deactivated");
    const byType = (type: string) => bodies.filter((b) => b.type === type).map((b) => b.data);
    expect(
      byType("person.created")
        .map((d) => (d as { email: string }).email)
        .sort(),
    ).toEqual(["new-a@example.test", "new-b@example.test", "new-c@example.test"]);
    expect(byType("person.updated")).toMatchObject([
      { person_id: stays.id, name: "Stays Renamed", job_title: "Lead", active: true },
    ]);
    expect(byType("person.deactivated")).toMatchObject([{ person_id: leaves.id, active: false }]);
  });

  it("learning raises enrolment.created, course.completed, certificate.issued, and certificate.expiring once", async () => {
    const admin = await principalFor("ADMIN");
    await subscribe(admin, URL, [
      "enrolment.created",
      "course.completed",
      "certificate.issued",
      "certificate.expiring",
    ]);
    const hr = await principalFor("HR");
    const course = await publishedCourse(await principalFor("TRAINER"), 1, 0);
    const learner = await makeUser();
    await createRule(
      hr,
      ruleForm(course.id, { targetType: "PEOPLE", userIds: learner.id, dueDays: "30" }),
    );
    const [created] = await sent("enrolment.created");
    expect(created).toMatchObject({
      type: "enrolment.created",
      data: { person_id: learner.id, course_id: course.id, self_enrolled: false },
    });
    const enrolmentId = (created!.data as { enrolment_id: string }).enrolment_id;
    await recordManualCompletion(hr, { enrolmentId, note: "Classroom session" });
    const [completed] = await sent("course.completed");
    expect(completed!.data).toMatchObject({
      enrolment_id: enrolmentId,
      person_id: learner.id,
      course_id: course.id,
    });
    const certificate = await getDb().certificate.findUniqueOrThrow({ where: { enrolmentId } });
    expect((await sent("certificate.issued")).map((b) => b.data)).toEqual([
      {
        certificate_id: certificate.id,
        enrolment_id: enrolmentId,
        person_id: learner.id,
        course_id: course.id,
        issued_at: certificate.issuedAt.toISOString(),
        expires_at: null,
      },
    ]);
    // It expires in 10 days: the reminder job raises certificate.expiring, once.
    const expiresAt = addDays(new Date(), 10);
    await getDb().enrolment.update({ where: { id: enrolmentId }, data: { expiresAt } });
    await getDb().certificate.update({ where: { id: certificate.id }, data: { expiresAt } });
    await sendScheduledReminders();
    await sendScheduledReminders();
    expect((await sent("certificate.expiring")).map((b) => b.data)).toEqual([
      expect.objectContaining({
        certificate_id: certificate.id,
        expires_at: expiresAt.toISOString(),
      }),
    ]);
  });

  it("incentives raise redemption.decided when a request is approved", async () => {
    const admin = await principalFor("ADMIN");
    await subscribe(admin, URL, ["redemption.decided"]);
    const hr = await principalFor("HR");
    const employee = await principalFor("EMPLOYEE");
    await getDb().$transaction((tx) =>
      writeEntry(tx, {
        userId: employee.id,
        points: 100,
        kind: "ADJUSTMENT",
        sourceType: "ADJUSTMENT",
        sourceId: crypto.randomUUID(),
        reason: "Grant",
        at: new Date(),
      }),
    );
    const reward = await getDb().reward.create({
      data: { name: "Mug", active: true, cost: 40, stock: null },
    });
    const redemptionId = await requestRedemption(employee, {
      rewardId: reward.id,
      requestKey: crypto.randomUUID(),
    });
    await approveRedemption(hr, redemptionId, "Collect at reception");
    expect((await sent("redemption.decided")).map((b) => b.data)).toEqual([
      {
        redemption_id: redemptionId,
        person_id: employee.id,
        reward_id: reward.id,
        cost: 40,
        status: "FULFILLED",
        decided_by_id: hr.id,
      },
    ]);
  });

  it("initiatives raise pulse.opened, and readiness.updated when the pulse closes", async () => {
    const admin = await principalFor("ADMIN");
    await subscribe(admin, URL, ["pulse.opened", "readiness.updated"]);
    const hr = await principalFor("HR");
    const department = await makeDepartment();
    const initiative = await makeInitiative([department.id]);
    const pulse = await makePulse(hr, initiative.id);
    await openPulse(hr, pulse.id);
    await openPulse(hr, pulse.id);
    await closePulse(hr, pulse.id);
    const bodies = await sent("pulse.opened", "readiness.updated");
    expect(bodies.map((b) => [b.type, b.data])).toEqual([
      [
        "pulse.opened",
        {
          pulse_id: pulse.id,
          initiative_id: initiative.id,
          opens_on: pulse.opensOn.toISOString(),
          closes_on: pulse.closesOn.toISOString(),
        },
      ],
      [
        "readiness.updated",
        { initiative_id: initiative.id, pulse_id: pulse.id, reason: "pulse_closed" },
      ],
    ]);
  });
});
