import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { raise } from "~/lib/domain-events.server";
import { statementCount } from "~/lib/statement-count.server";
import { changeStatus, createIdea } from "~/modules/ideas/index.server";
import { ideaSchema } from "~/modules/ideas";
import { setUserActive } from "~/modules/org/index.server";
import {
  recordWebhookEvents,
  setSubscriptionEnabled,
  WEBHOOK_BODY_SCHEMAS,
  type WebhookEventType,
} from "~/modules/webhooks/index.server";
import { makeUser, principalFor } from "../support/factories";
import { subscribe } from "../support/webhooks";

// The outbox (decision 045): the domain event's subscriber writes the WebhookEvent and its
// deliveries in the transaction of the change, on SQLite and PostgreSQL.

// Nothing listens on this port: these tests only look at the outbox, they deliver nothing.
const URL = "http://127.0.0.1:9/hooks";

afterEach(async () => {
  await getDb().webhookSubscription.deleteMany();
  await getDb().webhookEvent.deleteMany();
});

const outbox = () =>
  getDb().webhookEvent.findMany({
    orderBy: { id: "asc" },
    include: { deliveries: { select: { subscriptionId: true, status: true } } },
  });

const bodyOf = (event: { type: string; body: string }) =>
  WEBHOOK_BODY_SCHEMAS[event.type as WebhookEventType].parse(JSON.parse(event.body));

describe("webhook outbox", () => {
  it("writes an idea's status change with one delivery per subscription to its type", async () => {
    const admin = await principalFor("ADMIN");
    const author = await principalFor("EMPLOYEE");
    const both = await subscribe(admin, URL, ["idea.status_changed", "idea.created"]);
    const created = await subscribe(admin, URL, ["idea.created"]);
    await subscribe(admin, URL, ["kudos.sent"]);
    const ideaId = await createIdea(
      author,
      ideaSchema.parse({
        title: "Shorter forms",
        problem: "Too long.",
        proposal: "Cut them.",
        category: "PROCESS_STEP",
        anonymous: "on",
      }),
    );
    await changeStatus(admin, ideaId, "UNDER_REVIEW", "");

    const events = await outbox();
    expect(events.map((e) => e.type)).toEqual(["idea.created", "idea.status_changed"]);
    expect(events[0]!.id).toMatch(/^msg_[0-9a-v]{26}$/);
    // The anonymous author is never sent.
    expect(bodyOf(events[0]!)).toMatchObject({
      type: "idea.created",
      data: { idea_id: ideaId, author_id: null, anonymous: true },
    });
    expect(events[0]!.deliveries.map((d) => d.subscriptionId).sort()).toEqual(
      [both.id, created.id].sort(),
    );
    expect(bodyOf(events[1]!)).toMatchObject({
      type: "idea.status_changed",
      data: { idea_id: ideaId, from: "SUBMITTED", to: "UNDER_REVIEW", actor_id: admin.id },
    });
    expect(events[1]!.deliveries).toEqual([{ subscriptionId: both.id, status: "PENDING" }]);
  });

  it("emits nothing for a change that rolls back", async () => {
    const admin = await principalFor("ADMIN");
    await subscribe(admin, URL, ["kudos.sent"]);
    const [from, to] = [await makeUser(), await makeUser()];
    await expect(
      getDb().$transaction(async (tx) => {
        await raise(tx, "kudos.sent", {
          kudosId: "k1",
          fromId: from.id,
          toId: to.id,
          points: 5,
          at: new Date(),
        });
        // The subscriber wrote the outbox in this transaction; now the change fails.
        expect(await tx.webhookEvent.count()).toBe(1);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await outbox()).toEqual([]);
    expect(await getDb().webhookDelivery.count()).toBe(0);
  });

  it("writes a person's deactivation through org's one path, and nothing for disabled subscriptions", async () => {
    const admin = await principalFor("ADMIN");
    const live = await subscribe(admin, URL, ["person.deactivated"]);
    const off = await subscribe(admin, URL, ["person.deactivated"]);
    await setSubscriptionEnabled(admin, off.id, false);
    const leaver = await makeUser({ name: "Lee Leaver" });
    await setUserActive(admin, leaver.id, false);
    const events = await outbox();
    expect(events).toHaveLength(1);
    expect(bodyOf(events[0]!).data).toEqual({
      person_id: leaver.id,
      email: leaver.email,
      name: "Lee Leaver",
      role: "EMPLOYEE",
      department_id: leaver.departmentId,
      job_title: "",
      active: false,
    });
    expect(events[0]!.body).not.toContain("passwordHash");
    expect(events[0]!.deliveries.map((d) => d.subscriptionId)).toEqual([live.id]);
  });

  it("writes nothing when nobody subscribes to the type", async () => {
    const admin = await principalFor("ADMIN");
    await subscribe(admin, URL, ["kudos.sent"]);
    const leaver = await makeUser();
    await setUserActive(admin, leaver.id, false);
    expect(await outbox()).toEqual([]);
  });

  it("records a bulk change in the same statements for 3 events as for 300", async () => {
    const admin = await principalFor("ADMIN");
    await subscribe(admin, URL, ["kudos.sent"]);
    await subscribe(admin, URL, ["kudos.sent"]);
    const kudos = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        at: new Date(),
        data: { kudos_id: `k${i}`, from_id: "a", to_id: "b", points: 1 },
      }));
    const measure = async (n: number) => {
      const before = statementCount();
      await getDb().$transaction((tx) => recordWebhookEvents(tx, "kudos.sent", kudos(n)));
      return statementCount() - before;
    };
    const small = await measure(3);
    const large = await measure(300);
    expect(large).toBe(small);
    expect(await getDb().webhookDelivery.count()).toBe(2 * 303);
  });
});
