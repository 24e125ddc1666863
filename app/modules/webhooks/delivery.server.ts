import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { yieldToEventLoop } from "~/lib/chunks.server";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "~/lib/dates";
import { getDb, type DbTx } from "~/lib/db.server";
import { ConflictError, NotFoundError } from "~/lib/errors";
import { logger } from "~/lib/logger.server";
import { assertCan, type Principal } from "~/lib/permissions";
import { recordAudit } from "~/modules/audit/index.server";
import { notify } from "~/modules/notifications/index.server";
import { activeUserIdsWithRole } from "~/modules/org/index.server";
import { TEST_EVENT_TYPE } from "./events";
import { bodyOf, newMessageId } from "./messages.server";
import { postChecked, UnsafeTargetError, type TargetOptions } from "./ssrf.server";
import { secretOf } from "./subscriptions.server";

// Delivery (decision 045). A pass claims due deliveries with one conditional UPDATE (a claim
// token and a claim expiry), so two servers never send one delivery at once; it signs each
// body per Standard Webhooks, POSTs it (no redirects, a timeout) and records the outcome under
// its token. Failures retry on a schedule for at least 24 hours, then the delivery is given up;
// an endpoint with nothing but failures for 24 hours when a delivery gives up is disabled and
// every administrator told.

/** Waits after the 1st, 2nd, … failed attempt; the last repeats until the give-up. */
export const BACKOFF_MS = [
  30_000,
  2 * MINUTE_MS,
  10 * MINUTE_MS,
  HOUR_MS,
  3 * HOUR_MS,
  6 * HOUR_MS,
  12 * HOUR_MS,
];
/** A delivery failing this long after its first attempt is given up (no more retries). */
export const GIVE_UP_AFTER_MS = DAY_MS;
/** …and its endpoint disabled when it has answered nothing with a 2xx for this long. */
export const DISABLE_AFTER_FAILING_MS = DAY_MS;
export const REQUEST_TIMEOUT_MS = 10_000;
/** A claim outlives the slowest request of a batch; a pass that dies frees its rows after it. */
const CLAIM_MS = 2 * MINUTE_MS;
const BATCH = 50;
/** Requests in flight at once per pass (each is I/O; the loop stays free). */
const CONCURRENCY = 10;
const ERROR_MAX = 300;

export const backoffAfter = (attempts: number) =>
  BACKOFF_MS[Math.min(Math.max(attempts, 1), BACKOFF_MS.length) - 1]!;

const claimable = (now: Date) => ({
  OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }],
});

type Claimed = Awaited<ReturnType<typeof claim>>[number];

/** Claims up to `limit` due deliveries (or the ones named) for this pass. */
async function claim(now: Date, limit: number, ids?: readonly string[]) {
  const db = getDb();
  const candidates = ids
    ? [...ids]
    : (
        await db.webhookDelivery.findMany({
          where: {
            status: { in: ["PENDING", "FAILED"] },
            nextAttemptAt: { lte: now },
            subscription: { enabled: true },
            ...claimable(now),
          },
          orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
          take: limit,
          select: { id: true },
        })
      ).map((d) => d.id);
  if (candidates.length === 0) return [];
  const token = randomUUID();
  await db.webhookDelivery.updateMany({
    where: {
      id: { in: candidates },
      status: { in: ["PENDING", "FAILED"] },
      subscription: { enabled: true },
      ...claimable(now),
    },
    data: { claimToken: token, claimedUntil: new Date(now.getTime() + CLAIM_MS) },
  });
  return db.webhookDelivery.findMany({
    where: { claimToken: token },
    select: {
      id: true,
      attempts: true,
      firstAttemptAt: true,
      claimToken: true,
      event: { select: { id: true, body: true } },
      subscription: { select: { id: true, url: true, secretSealed: true } },
    },
  });
}

export interface AttemptOutcome {
  ok: boolean;
  status: number | null;
  error: string;
  durationMs: number;
}

const shortError = (error: unknown): string => {
  if (error instanceof UnsafeTargetError) return `refused: ${error.message}`;
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"))
    return `timed out after ${REQUEST_TIMEOUT_MS / 1000} s`;
  const code = (error as { code?: string }).code;
  return (code ? `${code}: ` : "") + String((error as Error).message ?? error);
};

/** One signed POST; never throws. */
export async function sendSigned(
  target: { url: string; secret: string },
  message: { id: string; body: string },
  options: TargetOptions & { timeoutMs?: number } = {},
): Promise<AttemptOutcome> {
  const started = performance.now();
  // The signature's time is the sending moment (receivers refuse old timestamps).
  const sentAt = new Date();
  const headers = {
    "content-type": "application/json",
    "user-agent": "Uptake-Webhooks/1",
    "webhook-id": message.id,
    "webhook-timestamp": Math.floor(sentAt.getTime() / 1000).toString(),
    "webhook-signature": new Webhook(target.secret).sign(message.id, sentAt, message.body),
  };
  try {
    const response = await postChecked(new URL(target.url), message.body, headers, {
      ...options,
      timeoutMs: options.timeoutMs ?? REQUEST_TIMEOUT_MS,
    });
    const ok = response.status >= 200 && response.status < 300;
    return {
      ok,
      status: response.status,
      error: ok
        ? ""
        : response.status >= 300 && response.status < 400
          ? `redirect not followed (${response.status})`
          : `HTTP ${response.status}${response.bodyStart ? `: ${response.bodyStart}` : ""}`,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    return {
      ok: false,
      status: null,
      error: shortError(error),
      durationMs: Math.round(performance.now() - started),
    };
  }
}

/** Writes an attempt's outcome under the pass's claim (a lapsed claim taken over writes nothing). */
async function record(delivery: Claimed, outcome: AttemptOutcome, now: Date) {
  const attempts = delivery.attempts + 1;
  const firstAttemptAt = delivery.firstAttemptAt ?? now;
  const givenUp = !outcome.ok && now.getTime() - firstAttemptAt.getTime() >= GIVE_UP_AFTER_MS;
  const status = outcome.ok ? "SUCCEEDED" : givenUp ? "GIVEN_UP" : "FAILED";
  const disabled = await getDb().$transaction(async (tx) => {
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: delivery.id, claimToken: delivery.claimToken },
      data: {
        status,
        attempts,
        firstAttemptAt,
        lastAttemptAt: now,
        lastResponseCode: outcome.status,
        lastError: outcome.error.slice(0, ERROR_MAX),
        durationMs: outcome.durationMs,
        nextAttemptAt: status === "FAILED" ? new Date(now.getTime() + backoffAfter(attempts)) : now,
        claimToken: null,
        claimedUntil: null,
      },
    });
    if (count === 0) return null;
    const subscriptionId = delivery.subscription.id;
    if (outcome.ok) {
      await tx.webhookSubscription.update({
        where: { id: subscriptionId },
        data: { consecutiveFailures: 0, failingSince: null, lastDeliveryAt: now },
      });
      return null;
    }
    const subscription = await tx.webhookSubscription.update({
      where: { id: subscriptionId },
      data: { consecutiveFailures: { increment: 1 }, lastDeliveryAt: now },
      select: { failingSince: true, consecutiveFailures: true },
    });
    // The run of failures starts with this one unless one was already running.
    const failingSince = subscription.failingSince ?? now;
    if (!subscription.failingSince) {
      await tx.webhookSubscription.update({
        where: { id: subscriptionId },
        data: { failingSince },
      });
    }
    if (givenUp && now.getTime() - failingSince.getTime() >= DISABLE_AFTER_FAILING_MS) {
      return disableForFailures(tx, subscriptionId, subscription.consecutiveFailures, now);
    }
    return null;
  });
  if (disabled) await notifyAdmins(disabled);
  return status;
}

/** The automatic disable, once (conditional on still enabled), audited with no actor. */
async function disableForFailures(tx: DbTx, id: string, failures: number, now: Date) {
  const { count } = await tx.webhookSubscription.updateMany({
    where: { id, enabled: true },
    data: { enabled: false, disabledReason: "failures", disabledAt: now },
  });
  if (count === 0) return null;
  await recordAudit(tx, {
    actorId: null,
    action: "webhook.autoDisable",
    subjectType: "WebhookSubscription",
    subjectId: id,
    before: { enabled: true },
    after: { enabled: false, consecutiveFailures: failures },
  });
  const { url } = await tx.webhookSubscription.findUniqueOrThrow({
    where: { id },
    select: { url: true },
  });
  return { id, url, failures };
}

/** In-app, and by e-mail (an operations notice, no opt-out), to every active administrator. */
async function notifyAdmins(disabled: { id: string; url: string; failures: number }) {
  const admins = await activeUserIdsWithRole("ADMIN");
  await getDb().$transaction((tx) =>
    notify(
      tx,
      admins.map((userId) => ({
        userId,
        type: "WEBHOOK_DISABLED" as const,
        params: { url: disabled.url, failures: disabled.failures },
        link: `/admin/webhooks/${disabled.id}`,
      })),
    ),
  );
}

export interface DeliveryReport {
  succeeded: number;
  failed: number;
  givenUp: number;
}

/** Sends claimed deliveries, CONCURRENCY at a time, recording each. */
async function sendClaimed(
  claimed: Claimed[],
  now: Date,
  report: DeliveryReport,
  options: TargetOptions,
) {
  let next = 0;
  const worker = async () => {
    while (next < claimed.length) {
      const delivery = claimed[next++]!;
      let secret: string;
      try {
        secret = secretOf(delivery.subscription);
      } catch (error) {
        logger.error(
          { err: error, subscription: delivery.subscription.id },
          "webhook secret unreadable",
        );
        continue;
      }
      const outcome = await sendSigned(
        { url: delivery.subscription.url, secret },
        { id: delivery.event.id, body: delivery.event.body },
        options,
      );
      const status = await record(delivery, outcome, now);
      if (status === "SUCCEEDED") report.succeeded += 1;
      else if (status === "FAILED") report.failed += 1;
      else if (status === "GIVEN_UP") report.givenUp += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, claimed.length) }, worker));
}

/**
 * Delivers what is due, a batch at a time, until nothing is due or `budgetMs` has passed.
 * `now` places the pass in time (tests move it; the servers use the clock).
 */
export async function deliverDueWebhooks(
  now: Date = new Date(),
  { budgetMs = MINUTE_MS, ...options }: TargetOptions & { budgetMs?: number } = {},
): Promise<DeliveryReport> {
  const report: DeliveryReport = { succeeded: 0, failed: 0, givenUp: 0 };
  const deadline = Date.now() + budgetMs;
  for (;;) {
    const claimed = await claim(now, BATCH);
    if (claimed.length === 0) break;
    await sendClaimed(claimed, now, report, options);
    await yieldToEventLoop();
    if (Date.now() > deadline) break;
  }
  return report;
}

async function deliverNow(ids: string[], options: TargetOptions = {}) {
  const report: DeliveryReport = { succeeded: 0, failed: 0, givenUp: 0 };
  const now = new Date();
  await sendClaimed(await claim(now, ids.length, ids), now, report, options);
  return report;
}

async function enabledSubscription(id: string) {
  const subscription = await getDb().webhookSubscription.findUnique({
    where: { id },
    select: { id: true, enabled: true },
  });
  if (!subscription) throw new NotFoundError();
  if (!subscription.enabled) throw new ConflictError("webhooks.errors.disabled");
  return subscription;
}

/**
 * "Redeliver": the delivery goes again now, with a fresh 24-hour retry window if it fails.
 * A delivery being sent at this moment is left to that send (a double click sends once).
 */
export async function redeliver(actor: Principal, subscriptionId: string, deliveryId: string) {
  assertCan(actor, "update", "Webhook");
  await enabledSubscription(subscriptionId);
  const now = new Date();
  const queued = await getDb().$transaction(async (tx) => {
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: deliveryId, subscriptionId, ...claimable(now) },
      data: { status: "PENDING", nextAttemptAt: now, firstAttemptAt: null },
    });
    if (count === 0) {
      const exists = await tx.webhookDelivery.count({ where: { id: deliveryId, subscriptionId } });
      if (exists === 0) throw new NotFoundError();
      return false;
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "webhook.redeliver",
      subjectType: "WebhookSubscription",
      subjectId: subscriptionId,
      after: { deliveryId },
    });
    return true;
  });
  return queued ? deliverNow([deliveryId]) : { succeeded: 0, failed: 0, givenUp: 0 };
}

/** "Send test event": a webhook.test event to this subscription only, sent at once. */
export async function sendTestEvent(actor: Principal, subscriptionId: string) {
  assertCan(actor, "update", "Webhook");
  await enabledSubscription(subscriptionId);
  const now = new Date();
  const id = newMessageId(now.getTime());
  const deliveryId = await getDb().$transaction(async (tx) => {
    await tx.webhookEvent.create({
      data: {
        id,
        type: TEST_EVENT_TYPE,
        body: bodyOf({
          type: TEST_EVENT_TYPE,
          at: now,
          data: { subscription_id: subscriptionId, message: "A test event from Uptake." },
        }),
        createdAt: now,
      },
    });
    const delivery = await tx.webhookDelivery.create({
      data: { subscriptionId, eventId: id, nextAttemptAt: now, createdAt: now },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "webhook.test",
      subjectType: "WebhookSubscription",
      subjectId: subscriptionId,
      after: { eventId: id },
    });
    return delivery.id;
  });
  return deliverNow([deliveryId]);
}

/** Events older than this are deleted once none of their deliveries is still to be sent. */
export const EVENT_RETENTION_MS = 30 * DAY_MS;

export async function pruneWebhookEvents(now: Date = new Date()) {
  const { count } = await getDb().webhookEvent.deleteMany({
    where: {
      createdAt: { lt: new Date(now.getTime() - EVENT_RETENTION_MS) },
      deliveries: { none: { status: { in: ["PENDING", "FAILED"] } } },
    },
  });
  return count;
}

/** The periodic job: what is due, then the old events. */
export async function runWebhookJob(now: Date = new Date()) {
  const delivered = await deliverDueWebhooks(now);
  return { ...delivered, pruned: await pruneWebhookEvents(now) };
}

// Prompt delivery in a server process: a change that wrote deliveries asks for a pass soon after
// its transaction commits (the periodic passes remain the guarantee).
let promptDelivery = false;
let kickTimer: NodeJS.Timeout | undefined;

export function enablePromptDelivery() {
  promptDelivery = true;
}

/** Runs a pass shortly (coalescing kicks), and a second later for a slow commit. */
export function kickDelivery() {
  if (!promptDelivery || kickTimer) return;
  const pass = () =>
    deliverDueWebhooks(new Date(), { budgetMs: 10_000 }).catch((error: unknown) =>
      logger.error({ err: error }, "webhook delivery pass failed"),
    );
  kickTimer = setTimeout(() => {
    kickTimer = undefined;
    void pass().then(() => setTimeout(() => void pass(), 2_000).unref());
  }, 200);
  kickTimer.unref();
}

/** Polls for due retries between the jobs' ticks (every server may: claims are per row). */
export function startWebhookPolling(intervalMs = 15_000) {
  const state = globalThis as { __uptakeWebhookPolling?: boolean };
  if (state.__uptakeWebhookPolling) return;
  state.__uptakeWebhookPolling = true;
  setInterval(() => {
    deliverDueWebhooks(new Date(), { budgetMs: intervalMs }).catch((error: unknown) =>
      logger.error({ err: error }, "webhook delivery pass failed"),
    );
  }, intervalMs).unref();
}
