import { randomBytes } from "node:crypto";
import { createOnce } from "~/lib/create-once.server";
import { getDb, type DbTx, type Prisma } from "~/lib/db.server";
import { ConflictError, NotFoundError, ValidationError } from "~/lib/errors";
import { readJsonColumn } from "~/lib/json-column.server";
import { paginate } from "~/lib/pagination.server";
import { assertCan, type Principal } from "~/lib/permissions";
import { hasSecretKey, open, seal } from "~/lib/secret-box.server";
import { recordAudit } from "~/modules/audit/index.server";
import { eventTypesSchema, type DeliveryStatusName } from "./events";
import type { WebhookFormInput } from "./schemas";
import { checkTarget, UnsafeTargetError } from "./ssrf.server";

// Webhook subscriptions (decision 045): administrators only; every change audited. The
// signing secret is generated here, shown once, and kept sealed (lib/secret-box) because it
// must be read back to sign each delivery.

/** A new signing secret in the Standard Webhooks form: "whsec_" and 32 random bytes, base64. */
export const newSigningSecret = () => `whsec_${randomBytes(32).toString("base64")}`;

/** Production without UPTAKE_SECRET_KEY cannot keep a secret sealed: say so on the form. */
function assertSecretKey() {
  if (!hasSecretKey()) throw new ConflictError("webhooks.errors.noSecretKey");
}

export const secretOf = (subscription: { secretSealed: string }) => open(subscription.secretSealed);

/** Refuses a URL whose host is not allowed now, as a field error on `url`. */
async function assertReachable(url: string) {
  try {
    await checkTarget(new URL(url));
  } catch (error) {
    if (error instanceof UnsafeTargetError) {
      throw new ValidationError({ url: `webhooks.errors.target.${error.reason}` });
    }
    throw error;
  }
}

const auditView = (s: { url: string; description: string; eventTypes: readonly string[] }) => ({
  url: s.url,
  description: s.description,
  eventTypes: [...s.eventTypes],
});

export const eventTypesOf = (row: { eventTypes: unknown }) =>
  readJsonColumn("WebhookSubscription.eventTypes", eventTypesSchema, row.eventTypes);

/** Creates a subscription; the same createKey twice is the same subscription, secret null then. */
export async function createSubscription(
  actor: Principal,
  input: WebhookFormInput & { createKey: string },
) {
  assertCan(actor, "create", "Webhook");
  assertSecretKey();
  await assertReachable(input.url);
  const secret = newSigningSecret();
  return createOnce(
    () =>
      getDb().$transaction(async (tx) => {
        const subscription = await tx.webhookSubscription.create({
          data: {
            url: input.url,
            description: input.description,
            eventTypes: input.eventTypes,
            secretSealed: seal(secret),
            createKey: input.createKey,
            createdById: actor.id,
          },
        });
        await recordAudit(tx, {
          actorId: actor.id,
          action: "webhook.create",
          subjectType: "WebhookSubscription",
          subjectId: subscription.id,
          after: auditView(input),
        });
        return { id: subscription.id, secret: secret as string | null };
      }),
    async () => {
      const held = await getDb().webhookSubscription.findUnique({
        where: { createKey: input.createKey },
        select: { id: true },
      });
      return held ? { id: held.id, secret: null } : null;
    },
  );
}

async function findOrThrow(tx: DbTx, id: string) {
  const subscription = await tx.webhookSubscription.findUnique({ where: { id } });
  if (!subscription) throw new NotFoundError();
  return subscription;
}

export async function updateSubscription(actor: Principal, id: string, input: WebhookFormInput) {
  assertCan(actor, "update", "Webhook");
  await assertReachable(input.url);
  await getDb().$transaction(async (tx) => {
    const before = await findOrThrow(tx, id);
    await tx.webhookSubscription.update({
      where: { id },
      data: { url: input.url, description: input.description, eventTypes: input.eventTypes },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "webhook.update",
      subjectType: "WebhookSubscription",
      subjectId: id,
      before: auditView({ ...before, eventTypes: eventTypesOf(before) }),
      after: auditView(input),
    });
  });
}

/**
 * Enables or disables by hand. Enabling starts the failure count afresh; deliveries that
 * waited while it was disabled go out on the next pass (those given up stay given up).
 */
export async function setSubscriptionEnabled(actor: Principal, id: string, enabled: boolean) {
  assertCan(actor, "update", "Webhook");
  await getDb().$transaction(async (tx) => {
    const before = await findOrThrow(tx, id);
    if (before.enabled === enabled) return;
    await tx.webhookSubscription.update({
      where: { id },
      data: enabled
        ? {
            enabled,
            disabledReason: "",
            disabledAt: null,
            consecutiveFailures: 0,
            failingSince: null,
          }
        : { enabled, disabledReason: "manual", disabledAt: new Date() },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: enabled ? "webhook.enable" : "webhook.disable",
      subjectType: "WebhookSubscription",
      subjectId: id,
      before: { enabled: before.enabled },
      after: { enabled },
    });
  });
}

export async function deleteSubscription(actor: Principal, id: string) {
  assertCan(actor, "delete", "Webhook");
  await getDb().$transaction(async (tx) => {
    const before = await findOrThrow(tx, id);
    // Its deliveries go with it (cascade); events nobody else delivers are pruned with age.
    await tx.webhookSubscription.delete({ where: { id } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "webhook.delete",
      subjectType: "WebhookSubscription",
      subjectId: id,
      before: auditView({ ...before, eventTypes: eventTypesOf(before) }),
    });
  });
}

/** A new secret, shown once; the old one stops signing at once. */
export async function rotateSecret(actor: Principal, id: string) {
  assertCan(actor, "update", "Webhook");
  assertSecretKey();
  const secret = newSigningSecret();
  await getDb().$transaction(async (tx) => {
    await findOrThrow(tx, id);
    await tx.webhookSubscription.update({ where: { id }, data: { secretSealed: seal(secret) } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "webhook.rotateSecret",
      subjectType: "WebhookSubscription",
      subjectId: id,
    });
  });
  return { secret };
}

/** What the list and the subscription page show of a subscription. */
const subscriptionView = {
  id: true,
  url: true,
  description: true,
  eventTypes: true,
  enabled: true,
  disabledReason: true,
  disabledAt: true,
  consecutiveFailures: true,
  failingSince: true,
  lastDeliveryAt: true,
  createdAt: true,
} as const;

type SubscriptionRow = Prisma.WebhookSubscriptionGetPayload<{ select: typeof subscriptionView }>;

const iso = (date: Date | null) => date?.toISOString() ?? null;

const viewOf = (row: SubscriptionRow) => ({
  ...row,
  eventTypes: eventTypesOf(row),
  disabledAt: iso(row.disabledAt),
  failingSince: iso(row.failingSince),
  lastDeliveryAt: iso(row.lastDeliveryAt),
  createdAt: row.createdAt.toISOString(),
});

export type WebhookSubscriptionView = ReturnType<typeof viewOf>;

/** The list page: every subscription with its state and last delivery. */
export async function listSubscriptions(actor: Principal) {
  assertCan(actor, "read", "Webhook");
  const rows = await getDb().webhookSubscription.findMany({
    orderBy: { createdAt: "desc" },
    select: subscriptionView,
  });
  return rows.map(viewOf);
}

export const DELIVERY_PAGE_SIZE = 25;

/** The subscription page: its settings and a page of its delivery log, newest first. */
export async function getSubscriptionPage(actor: Principal, id: string, page: number) {
  assertCan(actor, "read", "Webhook");
  const db = getDb();
  const subscription = await db.webhookSubscription.findUnique({
    where: { id },
    select: subscriptionView,
  });
  if (!subscription) throw new NotFoundError();
  const { skip, take, summary } = paginate(page, DELIVERY_PAGE_SIZE);
  const [total, deliveries] = await Promise.all([
    db.webhookDelivery.count({ where: { subscriptionId: id } }),
    db.webhookDelivery.findMany({
      where: { subscriptionId: id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip,
      take,
      select: {
        id: true,
        eventId: true,
        status: true,
        attempts: true,
        nextAttemptAt: true,
        lastAttemptAt: true,
        lastResponseCode: true,
        lastError: true,
        durationMs: true,
        createdAt: true,
        event: { select: { type: true } },
      },
    }),
  ]);
  return {
    subscription: viewOf(subscription),
    deliveries: deliveries.map(({ event, ...d }) => ({
      ...d,
      status: d.status as DeliveryStatusName,
      eventType: event.type,
      nextAttemptAt: d.nextAttemptAt.toISOString(),
      lastAttemptAt: iso(d.lastAttemptAt),
      createdAt: d.createdAt.toISOString(),
    })),
    ...summary(total),
  };
}
