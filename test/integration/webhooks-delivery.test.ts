import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { raise } from "~/lib/domain-events.server";
import { ValidationError } from "~/lib/errors";
import {
  BACKOFF_MS,
  checkTarget,
  createSubscription,
  deliverDueWebhooks,
  GIVE_UP_AFTER_MS,
  isPrivateAddress,
  redeliver,
  sendSigned,
  sendTestEvent,
  UnsafeTargetError,
} from "~/modules/webhooks/index.server";
import { makeUser, principalFor } from "../support/factories";
import { startReceiver, subscribe, type Receiver } from "../support/webhooks";

// Delivery (decision 045) to a real receiver on 127.0.0.1: signed per Standard Webhooks,
// retried on the backoff schedule for 24 hours then given up, the endpoint disabled with the
// administrators told, claimed once by concurrent passes, and the SSRF rules.

let receiver: Receiver;

beforeAll(async () => {
  receiver = await startReceiver();
});

afterEach(async () => {
  receiver.received.length = 0;
  receiver.answer(200);
  receiver.delay(0);
  await getDb().webhookSubscription.deleteMany();
  await getDb().webhookEvent.deleteMany();
});

afterAll(() => receiver.close());

/** A kudos raised as the incentives module does, committed. */
async function kudosEvent(points = 5) {
  const [from, to] = [await makeUser(), await makeUser()];
  await getDb().$transaction((tx) =>
    raise(tx, "kudos.sent", {
      kudosId: `kudos-${from.id}`,
      fromId: from.id,
      toId: to.id,
      points,
      at: new Date(),
    }),
  );
  return { fromId: from.id, toId: to.id };
}

const deliveries = () =>
  getDb().webhookDelivery.findMany({ orderBy: { createdAt: "asc" }, include: { event: true } });

describe("webhook delivery", () => {
  it("signs each delivery so a Standard Webhooks receiver verifies it", async () => {
    const admin = await principalFor("ADMIN");
    const { id, secret } = await subscribe(admin, receiver.url, ["kudos.sent"]);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const { fromId, toId } = await kudosEvent(7);

    expect(await deliverDueWebhooks()).toEqual({ succeeded: 1, failed: 0, givenUp: 0 });
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    const verified = new Webhook(secret).verify(request!.body, request!.headers as never);
    expect(verified).toMatchObject({
      type: "kudos.sent",
      data: { from_id: fromId, to_id: toId, points: 7 },
    });
    // Another secret does not verify it.
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 1).toString("base64")}`).verify(
        request!.body,
        request!.headers as never,
      ),
    ).toThrow();
    const [delivery] = await deliveries();
    expect(request!.headers["webhook-id"]).toBe(delivery!.eventId);
    expect(request!.headers["content-type"]).toBe("application/json");
    expect(delivery).toMatchObject({
      status: "SUCCEEDED",
      attempts: 1,
      lastResponseCode: 200,
      lastError: "",
      claimToken: null,
    });
    // Nothing due any more: a second pass sends nothing.
    expect(await deliverDueWebhooks()).toEqual({ succeeded: 0, failed: 0, givenUp: 0 });
    expect(receiver.received).toHaveLength(1);
    const subscription = await getDb().webhookSubscription.findUniqueOrThrow({ where: { id } });
    expect(subscription.lastDeliveryAt).not.toBeNull();
  });

  it("retries on the backoff schedule for at least 24 hours, then gives up", async () => {
    const admin = await principalFor("ADMIN");
    await subscribe(admin, receiver.url, ["kudos.sent"]);
    receiver.answer(500);
    await kudosEvent();
    const start = new Date();
    let now = start;
    const waits: number[] = [];
    for (let attempt = 1; ; attempt++) {
      const report = await deliverDueWebhooks(now);
      expect(receiver.received).toHaveLength(attempt);
      const [delivery] = await deliveries();
      expect(delivery!.attempts).toBe(attempt);
      expect(delivery!.lastResponseCode).toBe(500);
      expect(delivery!.lastError).toContain("HTTP 500");
      if (delivery!.status === "GIVEN_UP") {
        expect(report.givenUp).toBe(1);
        break;
      }
      expect(delivery!.status).toBe("FAILED");
      const wait = delivery!.nextAttemptAt.getTime() - now.getTime();
      waits.push(wait);
      // Not sent again before its time…
      await deliverDueWebhooks(new Date(delivery!.nextAttemptAt.getTime() - 1000));
      expect(receiver.received).toHaveLength(attempt);
      // …and sent when it comes.
      now = delivery!.nextAttemptAt;
    }
    expect(waits.slice(0, BACKOFF_MS.length)).toEqual(BACKOFF_MS);
    expect(now.getTime() - start.getTime()).toBeGreaterThanOrEqual(GIVE_UP_AFTER_MS);
    // Given up: no more automatic attempts, however late.
    await deliverDueWebhooks(new Date(now.getTime() + 7 * GIVE_UP_AFTER_MS));
    const attempts = receiver.received.length;
    expect(attempts).toBeGreaterThanOrEqual(8);

    // A manual redelivery goes at once and succeeds now that the receiver is back.
    receiver.answer(204);
    const [delivery] = await deliveries();
    const subscription = await getDb().webhookSubscription.findFirstOrThrow();
    if (!subscription.enabled) {
      await getDb().webhookSubscription.update({
        where: { id: subscription.id },
        data: { enabled: true },
      });
    }
    expect(await redeliver(admin, subscription.id, delivery!.id)).toMatchObject({ succeeded: 1 });
    expect(receiver.received).toHaveLength(attempts + 1);
    // Every delivery of one event carries the same webhook-id.
    expect(new Set(receiver.received.map((r) => r.headers["webhook-id"])).size).toBe(1);
    expect((await deliveries())[0]).toMatchObject({ status: "SUCCEEDED", lastResponseCode: 204 });
  });

  it("disables an endpoint failing for 24 hours and tells every administrator", async () => {
    const admin = await principalFor("ADMIN");
    const otherAdmin = await principalFor("ADMIN");
    const { id } = await subscribe(admin, receiver.url, ["kudos.sent"]);
    receiver.answer(503);
    await kudosEvent();
    let now = new Date();
    for (;;) {
      await deliverDueWebhooks(now);
      const [delivery] = await deliveries();
      if (delivery!.status === "GIVEN_UP") break;
      now = delivery!.nextAttemptAt;
    }
    const subscription = await getDb().webhookSubscription.findUniqueOrThrow({ where: { id } });
    expect(subscription).toMatchObject({ enabled: false, disabledReason: "failures" });
    expect(subscription.consecutiveFailures).toBe(receiver.received.length);
    for (const userId of [admin.id, otherAdmin.id]) {
      const notices = await getDb().notification.findMany({
        where: { userId, type: "WEBHOOK_DISABLED" },
      });
      expect(notices).toHaveLength(1);
      expect(notices[0]!.link).toBe(`/admin/webhooks/${id}`);
      expect(
        await getDb().outboxEmail.count({ where: { userId, eventType: "WEBHOOK_DISABLED" } }),
      ).toBe(1);
    }
    expect(
      await getDb().auditEvent.count({ where: { action: "webhook.autoDisable", subjectId: id } }),
    ).toBe(1);
    // Disabled: new events wait, nothing is sent.
    receiver.received.length = 0;
    await kudosEvent();
    await deliverDueWebhooks(new Date(now.getTime() + GIVE_UP_AFTER_MS));
    expect(receiver.received).toEqual([]);
  });

  it("keeps an endpoint that answered in the last 24 hours enabled when a delivery gives up", async () => {
    const admin = await principalFor("ADMIN");
    const { id } = await subscribe(admin, receiver.url, ["kudos.sent"]);
    receiver.answer(500);
    await kudosEvent();
    const start = new Date();
    await deliverDueWebhooks(start);
    // 23 hours later the endpoint answers another event…
    receiver.answer(200);
    await kudosEvent();
    const later = new Date(start.getTime() + 23 * 3_600_000);
    await getDb().webhookDelivery.updateMany({
      where: { status: "PENDING" },
      data: { nextAttemptAt: later },
    });
    const first = (await deliveries())[0]!;
    await getDb().webhookDelivery.update({
      where: { id: first.id },
      data: { nextAttemptAt: new Date(later.getTime() + 1000) },
    });
    await deliverDueWebhooks(later);
    // …then fails the first one's last retry, past its 24 hours: given up, not disabled.
    receiver.answer(500);
    await deliverDueWebhooks(new Date(start.getTime() + GIVE_UP_AFTER_MS + 1000));
    expect((await deliveries()).map((d) => d.status)).toEqual(["GIVEN_UP", "SUCCEEDED"]);
    expect(await getDb().webhookSubscription.findUniqueOrThrow({ where: { id } })).toMatchObject({
      enabled: true,
      consecutiveFailures: 1,
    });
  });

  it("claims each delivery once when passes run at the same moment", async () => {
    const admin = await principalFor("ADMIN");
    await subscribe(admin, receiver.url, ["kudos.sent"]);
    await subscribe(admin, receiver.url, ["kudos.sent"]);
    receiver.delay(30);
    for (let i = 0; i < 10; i++) await kudosEvent();
    const reports = await Promise.all([0, 1, 2, 3].map(() => deliverDueWebhooks()));
    expect(reports.reduce((sum, r) => sum + r.succeeded, 0)).toBe(20);
    expect(receiver.received).toHaveLength(20);
    const pairs = receiver.received.map((r) => `${r.headers["webhook-id"]}`);
    // 10 events × 2 subscriptions: each event twice, never more.
    expect(new Set(pairs).size).toBe(10);
    expect((await deliveries()).every((d) => d.status === "SUCCEEDED" && d.attempts === 1)).toBe(
      true,
    );
  });

  it("does not follow a redirect: a 3xx is a failed attempt", async () => {
    const admin = await principalFor("ADMIN");
    await subscribe(admin, receiver.url, ["kudos.sent"]);
    receiver.answer(302, { location: `${receiver.url}/elsewhere` });
    await kudosEvent();
    expect(await deliverDueWebhooks()).toMatchObject({ failed: 1 });
    expect(receiver.received.map((r) => r.path)).toEqual(["/hooks"]);
    expect((await deliveries())[0]).toMatchObject({
      status: "FAILED",
      lastResponseCode: 302,
      lastError: "redirect not followed (302)",
    });
  });

  it("gives up on a receiver that does not answer within the timeout", async () => {
    receiver.delay(2_000);
    const outcome = await sendSigned(
      { url: receiver.url, secret: `whsec_${Buffer.alloc(32, 7).toString("base64")}` },
      { id: "msg_timeout", body: "{}" },
      { timeoutMs: 200 },
    );
    expect(outcome).toMatchObject({ ok: false, status: null });
    expect(outcome.error).toMatch(/timed out/);
    expect(outcome.durationMs).toBeLessThan(1_500);
  });

  it("sends a test event to one subscription at once", async () => {
    const admin = await principalFor("ADMIN");
    const { id, secret } = await subscribe(admin, receiver.url, ["kudos.sent"]);
    await subscribe(admin, receiver.url, ["kudos.sent"]);
    expect(await sendTestEvent(admin, id)).toMatchObject({ succeeded: 1 });
    expect(receiver.received).toHaveLength(1);
    const body = new Webhook(secret).verify(
      receiver.received[0]!.body,
      receiver.received[0]!.headers as never,
    );
    expect(body).toMatchObject({ type: "webhook.test", data: { subscription_id: id } });
  });
});

describe("SSRF guard", () => {
  const refused = async (
    url: string,
    resolve?: (host: string) => Promise<never[] | { address: string; family: number }[]>,
  ) => {
    try {
      await checkTarget(new URL(url), { allowPrivate: false, resolve });
    } catch (error) {
      if (error instanceof UnsafeTargetError) return error.reason;
      throw error;
    }
    return "allowed";
  };

  it("refuses private, loopback, link-local and other inside addresses", async () => {
    for (const url of [
      "http://127.0.0.1/",
      "http://127.1.2.3:8080/",
      "http://10.0.0.5/",
      "http://172.16.0.1/",
      "http://172.31.255.255/",
      "http://192.168.1.1/",
      "http://169.254.169.254/latest/meta-data",
      "http://100.64.0.1/",
      "http://0.0.0.0/",
      "http://[::1]/",
      "http://[::]/",
      "http://[fe80::1]/",
      "http://[fd12:3456::1]/",
      "http://[::ffff:127.0.0.1]/",
      "http://[::ffff:a9fe:a9fe]/",
      "http://[::ffff:10.1.2.3]/",
    ]) {
      expect(await refused(url), url).toBe("address");
    }
    expect(await refused("http://93.184.215.14/")).toBe("allowed");
    expect(await refused("https://[2606:4700::1111]/")).toBe("allowed");
    expect(isPrivateAddress("172.32.0.1")).toBe(false);
    expect(isPrivateAddress("100.128.0.1")).toBe(false);
  });

  it("refuses a host name that resolves to a loopback address, and one inside among public ones", async () => {
    expect(await refused("http://localhost:3000/")).toBe("address");
    const rebinding = async () => [
      { address: "93.184.215.14", family: 4 },
      { address: "127.0.0.1", family: 4 },
    ];
    expect(await refused("http://rebind.example.test/", rebinding)).toBe("address");
    const inside = async () => [{ address: "::1", family: 6 }];
    expect(await refused("http://six.example.test/", inside)).toBe("address");
    expect(await refused("ftp://example.com/")).toBe("scheme");
    expect(await refused("http://user:pw@example.com/")).toBe("credentials");
    expect(await refused("http://nowhere.invalid/")).toBe("unresolvable");
  });

  it("connects to the address it checked, not to a second lookup's answer", async () => {
    // The name resolves only through the check's resolver: reaching the receiver proves the
    // socket used the checked address (a DNS answer changed in between cannot redirect it).
    const checked = async () => [{ address: "127.0.0.1", family: 4 }];
    const port = new URL(receiver.url).port;
    const outcome = await sendSigned(
      {
        url: `http://only-checked.invalid:${port}/hooks`,
        secret: `whsec_${Buffer.alloc(32, 3).toString("base64")}`,
      },
      { id: "msg_checked", body: "{}" },
      { resolve: checked, allowPrivate: true },
    );
    expect(outcome).toMatchObject({ ok: true, status: 200 });
    expect(receiver.received.map((r) => r.headers.host)).toEqual([`only-checked.invalid:${port}`]);
  });

  it("refuses at delivery too, sending nothing, unless private addresses are allowed", async () => {
    const admin = await principalFor("ADMIN");
    await subscribe(admin, receiver.url, ["kudos.sent"]);
    await kudosEvent();
    expect(await deliverDueWebhooks(new Date(), { allowPrivate: false })).toMatchObject({
      failed: 1,
    });
    expect(receiver.received).toEqual([]);
    expect((await deliveries())[0]!.lastError).toMatch(
      /^refused: 127\.0\.0\.1 is a private address/,
    );
  });

  it("refuses a URL whose host does not resolve when the subscription is saved", async () => {
    const admin = await principalFor("ADMIN");
    const saving = createSubscription(admin, {
      url: "https://nowhere.invalid/hooks",
      description: "",
      eventTypes: ["kudos.sent"],
      createKey: "unresolvable-key",
    });
    await expect(saving).rejects.toBeInstanceOf(ValidationError);
    await expect(saving).rejects.toMatchObject({
      fieldErrors: { url: "webhooks.errors.target.unresolvable" },
    });
    expect(await getDb().webhookSubscription.count()).toBe(0);
  });
});
