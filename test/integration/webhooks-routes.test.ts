import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { raise } from "~/lib/domain-events.server";
import * as listRoute from "~/routes/admin/webhooks";
import * as pageRoute from "~/routes/admin/webhook";
import { actionArgs, formPost, loaderArgs, outcomeStatus } from "../support/actions";
import { makeUser, request, sessionCookie } from "../support/factories";
import { startReceiver, type Receiver } from "../support/webhooks";

// The admin pages (decision 045): administrators only; the create form posts JSON through the
// form's schema; the secret is shown once; every change is audited; the log redelivers.

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());
afterEach(async () => {
  receiver.received.length = 0;
  await getDb().webhookSubscription.deleteMany();
  await getDb().webhookEvent.deleteMany();
});

const jsonPost = (url: string, cookie: string, body: object) =>
  new Request(new URL(url, "http://localhost"), {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });

async function signedIn(role: "ADMIN" | "HR") {
  const user = await makeUser({ role });
  return { user, cookie: (await sessionCookie(user.id)).cookie };
}

const result = async (work: Promise<unknown>) =>
  ((await work) as { data: Record<string, unknown> }).data;

describe("webhook admin pages", () => {
  it("are for administrators only", async () => {
    const { cookie } = await signedIn("HR");
    expect(
      await outcomeStatus(() =>
        listRoute.loader(loaderArgs(request("/admin/webhooks", { cookie }))),
      ),
    ).toBe(403);
    expect(
      await outcomeStatus(() =>
        listRoute.action(
          actionArgs(
            jsonPost("/admin/webhooks", cookie, { url: receiver.url, eventTypes: ["kudos.sent"] }),
          ),
        ),
      ),
    ).toBe(403);
    expect(await getDb().webhookSubscription.count()).toBe(0);
  });

  it("creates a subscription once per key, shows the secret once, and refuses bad input by field", async () => {
    const { user, cookie } = await signedIn("ADMIN");
    const form = {
      url: receiver.url,
      description: "HR system",
      eventTypes: ["kudos.sent"],
      createKey: "key-12345678",
    };
    const first = await result(
      listRoute.action(actionArgs(jsonPost("/admin/webhooks", cookie, form))),
    );
    expect(first).toMatchObject({ ok: true, secret: expect.stringMatching(/^whsec_/) });
    // A double submit is the same subscription, its secret not shown again.
    const again = await result(
      listRoute.action(actionArgs(jsonPost("/admin/webhooks", cookie, form))),
    );
    expect(again).toMatchObject({ ok: true, id: first.id, secret: null });
    expect(await getDb().webhookSubscription.count()).toBe(1);
    const stored = await getDb().webhookSubscription.findFirstOrThrow();
    expect(stored.secretSealed).not.toContain(String(first.secret).slice(6, 20));
    expect(
      await getDb().auditEvent.count({ where: { action: "webhook.create", actorId: user.id } }),
    ).toBe(1);

    const bad = await result(
      listRoute.action(
        actionArgs(
          jsonPost("/admin/webhooks", cookie, {
            url: "ftp://x",
            eventTypes: [],
            createKey: "key-87654321",
          }),
        ),
      ),
    );
    expect(bad).toMatchObject({
      ok: false,
      fieldErrors: { url: "webhooks.errors.url", eventTypes: "webhooks.errors.noEvents" },
    });
    const unresolvable = await result(
      listRoute.action(
        actionArgs(
          jsonPost("/admin/webhooks", cookie, {
            url: "https://nowhere.invalid/x",
            eventTypes: ["kudos.sent"],
            createKey: "key-11112222",
          }),
        ),
      ),
    );
    expect(unresolvable).toMatchObject({
      fieldErrors: { url: "webhooks.errors.target.unresolvable" },
    });
    expect(await getDb().webhookSubscription.count()).toBe(1);

    const list = (await listRoute.loader(loaderArgs(request("/admin/webhooks", { cookie })))) as {
      subscriptions: { url: string; eventTypes: string[] }[];
    };
    expect(list.subscriptions).toMatchObject([{ url: receiver.url, eventTypes: ["kudos.sent"] }]);
    expect(JSON.stringify(list)).not.toContain("secret");
  });

  it("edits, disables, rotates, redelivers and deletes from the subscription page, with its log", async () => {
    const { cookie } = await signedIn("ADMIN");
    const created = await result(
      listRoute.action(
        actionArgs(
          jsonPost("/admin/webhooks", cookie, {
            url: receiver.url,
            eventTypes: ["kudos.sent"],
            createKey: "key-page-0001",
          }),
        ),
      ),
    );
    const id = String(created.id);
    const url = `/admin/webhooks/${id}`;
    const post = (form: Record<string, string>) =>
      pageRoute.action(actionArgs(formPost(url, cookie, form), { webhookId: id }));

    expect(await result(post({ intent: "send-test" }))).toMatchObject({ ok: true, succeeded: 1 });
    const [from, to] = [await makeUser(), await makeUser()];
    await getDb().$transaction((tx) =>
      raise(tx, "kudos.sent", {
        kudosId: "k",
        fromId: from.id,
        toId: to.id,
        points: 1,
        at: new Date(),
      }),
    );
    const page = (await pageRoute.loader(
      loaderArgs(request(url, { cookie }), { webhookId: id }),
    )) as {
      deliveries: {
        id: string;
        eventType: string;
        status: string;
        lastResponseCode: number | null;
      }[];
      total: number;
    };
    expect(page.total).toBe(2);
    // Newest first: the kudos (not yet sent), then the test event (delivered).
    expect(page.deliveries.map((d) => [d.eventType, d.status])).toEqual([
      ["kudos.sent", "PENDING"],
      ["webhook.test", "SUCCEEDED"],
    ]);
    expect(
      await result(post({ intent: "redeliver", deliveryId: page.deliveries[0]!.id })),
    ).toMatchObject({
      succeeded: 1,
    });
    expect(receiver.received.map((r) => JSON.parse(r.body).type)).toEqual([
      "webhook.test",
      "kudos.sent",
    ]);

    const rotated = await result(post({ intent: "rotate-secret" }));
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);

    const edited = await result(
      pageRoute.action(
        actionArgs(
          jsonPost(url, cookie, {
            intent: "update",
            url: `${receiver.url}/v2`,
            description: "Moved",
            eventTypes: ["person.created", "kudos.sent"],
          }),
          { webhookId: id },
        ),
      ),
    );
    expect(edited).toMatchObject({ ok: true });
    expect(await getDb().webhookSubscription.findUniqueOrThrow({ where: { id } })).toMatchObject({
      url: `${receiver.url}/v2`,
      description: "Moved",
      eventTypes: ["kudos.sent", "person.created"],
    });

    await post({ intent: "disable" });
    expect(await result(post({ intent: "send-test" }))).toMatchObject({
      ok: false,
      formError: "webhooks.errors.disabled",
    });
    await post({ intent: "enable" });
    const deleted = (await post({ intent: "delete" })) as Response;
    expect(deleted.status).toBe(302);
    expect(await getDb().webhookSubscription.count()).toBe(0);
    const actions = await getDb().auditEvent.findMany({
      where: { subjectId: id },
      orderBy: { createdAt: "asc" },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual([
      "webhook.create",
      "webhook.test",
      "webhook.redeliver",
      "webhook.rotateSecret",
      "webhook.update",
      "webhook.disable",
      "webhook.enable",
      "webhook.delete",
    ]);
    expect(
      await outcomeStatus(() =>
        pageRoute.loader(loaderArgs(request(url, { cookie }), { webhookId: id })),
      ),
    ).toBe(404);
  });
});
