import { insertRows, MAX_BOUND_PARAMETERS } from "~/lib/bulk-insert.server";
import { yieldToEventLoop } from "~/lib/chunks.server";
import type { DbTx } from "~/lib/db.server";
import {
  subscribeBatch,
  type CertificateChange,
  type DomainEvents,
  type DomainEventType,
  type PersonChange,
} from "~/lib/domain-events.server";
import { readJsonColumn } from "~/lib/json-column.server";
import { kickDelivery } from "./delivery.server";
import { eventTypesSchema, type WebhookEventData, type WebhookEventType } from "./events";
import { bodyOf, newMessageId, type OutgoingEvent } from "./messages.server";

// The outbox (decision 045): a domain event becomes a WebhookEvent and one WebhookDelivery per
// enabled subscription to its type, written by the subscriber in the transaction of the change,
// so a rolled-back change sends nothing and a committed one is never lost. With nobody
// subscribed nothing is written.

/** Each transaction's enabled subscriptions, read once however many events it raises. */
const subscriptionsByTransaction = new WeakMap<
  DbTx,
  Promise<{ id: string; eventTypes: WebhookEventType[] }[]>
>();

/** The enabled subscriptions to `type` (a handful of rows: read whole, filtered here). */
async function subscribersTo(tx: DbTx, type: WebhookEventType) {
  let enabled = subscriptionsByTransaction.get(tx);
  if (!enabled) {
    enabled = tx.webhookSubscription
      .findMany({ where: { enabled: true }, select: { id: true, eventTypes: true } })
      .then((rows) =>
        rows.map((s) => ({
          id: s.id,
          eventTypes: readJsonColumn(
            "WebhookSubscription.eventTypes",
            eventTypesSchema,
            s.eventTypes,
          ),
        })),
      );
    subscriptionsByTransaction.set(tx, enabled);
  }
  return (await enabled).filter((s) => s.eventTypes.includes(type)).map((s) => s.id);
}

/** Events per insert: an import's 20,000 people are 40 chunks, yielding between them. */
const EVENT_CHUNK = 500;

/** Writes events of one type to the outbox with their deliveries, inside the caller's transaction. */
export async function recordWebhookEvents<T extends WebhookEventType>(
  tx: DbTx,
  type: T,
  events: readonly Omit<OutgoingEvent<T>, "type">[],
): Promise<number> {
  if (events.length === 0) return 0;
  const subscriptionIds = await subscribersTo(tx, type);
  if (subscriptionIds.length === 0) return 0;
  const now = new Date();
  const rows = events.map((event) => ({
    id: newMessageId(now.getTime()),
    type,
    body: bodyOf({ type, ...event }),
    createdAt: now,
  }));
  for (let i = 0; i < rows.length; i += EVENT_CHUNK) {
    const chunk = rows.slice(i, i + EVENT_CHUNK);
    await insertRows(tx, "WebhookEvent", chunk, {
      id: null,
      parametersPerStatement: MAX_BOUND_PARAMETERS,
    });
    await insertRows(
      tx,
      "WebhookDelivery",
      subscriptionIds.flatMap((subscriptionId) =>
        chunk.map((event) => ({
          subscriptionId,
          eventId: event.id,
          nextAttemptAt: now,
          createdAt: now,
        })),
      ),
      { parametersPerStatement: MAX_BOUND_PARAMETERS },
    );
    if (i + EVENT_CHUNK < rows.length) await yieldToEventLoop();
  }
  kickDelivery();
  return rows.length * subscriptionIds.length;
}

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

const person = (e: PersonChange) => ({
  person_id: e.userId,
  email: e.email,
  name: e.name,
  role: e.role,
  department_id: e.departmentId,
  job_title: e.jobTitle,
  active: e.active,
});

const certificate = (e: CertificateChange) => ({
  certificate_id: e.certificateId,
  enrolment_id: e.enrolmentId,
  person_id: e.userId,
  course_id: e.courseId,
  issued_at: iso(e.issuedAt),
  expires_at: isoOrNull(e.expiresAt),
});

/** Which domain event is which webhook event, and its payload. */
type Mapping = {
  [K in DomainEventType]?: {
    [T in WebhookEventType]: { type: T; data: (event: DomainEvents[K]) => WebhookEventData<T> };
  }[WebhookEventType];
};

const MAPPINGS: Mapping = {
  "person.created": { type: "person.created", data: person },
  "person.updated": { type: "person.updated", data: person },
  "person.deactivated": { type: "person.deactivated", data: person },
  "enrolment.created": {
    type: "enrolment.created",
    data: (e) => ({
      enrolment_id: e.enrolmentId,
      person_id: e.userId,
      course_id: e.courseId,
      due_at: isoOrNull(e.dueAt),
      self_enrolled: e.selfEnrolled,
    }),
  },
  "course.completed": {
    type: "course.completed",
    data: (e) => ({
      enrolment_id: e.enrolmentId,
      person_id: e.userId,
      course_id: e.courseId,
      completed_at: iso(e.at),
    }),
  },
  "certificate.issued": { type: "certificate.issued", data: certificate },
  "certificate.expiring": { type: "certificate.expiring", data: certificate },
  "idea.submitted": {
    type: "idea.created",
    data: (e) => ({
      idea_id: e.ideaId,
      author_id: e.anonymous ? null : e.authorId,
      anonymous: e.anonymous,
    }),
  },
  "idea.status_changed": {
    type: "idea.status_changed",
    data: (e) => ({ idea_id: e.ideaId, from: e.from, to: e.to, actor_id: e.actorId }),
  },
  "kudos.sent": {
    type: "kudos.sent",
    data: (e) => ({ kudos_id: e.kudosId, from_id: e.fromId, to_id: e.toId, points: e.points }),
  },
  "redemption.decided": {
    type: "redemption.decided",
    data: (e) => ({
      redemption_id: e.redemptionId,
      person_id: e.userId,
      reward_id: e.rewardId,
      cost: e.cost,
      status: e.status,
      decided_by_id: e.decidedById,
    }),
  },
  "pulse.opened": {
    type: "pulse.opened",
    data: (e) => ({
      pulse_id: e.pulseId,
      initiative_id: e.initiativeId,
      opens_on: iso(e.opensOn),
      closes_on: iso(e.closesOn),
    }),
  },
  "pulse.closed": {
    type: "readiness.updated",
    data: (e) => ({ initiative_id: e.initiativeId, pulse_id: e.pulseId, reason: "pulse_closed" }),
  },
};

/** Wires every mapped domain event to the outbox (called from app/subscribers.server.ts). */
export function installWebhookSubscribers(): void {
  for (const [domainType, mapping] of Object.entries(MAPPINGS)) {
    const { type, data } = mapping as {
      type: WebhookEventType;
      data: (event: { at: Date }) => WebhookEventData<WebhookEventType>;
    };
    subscribeBatch(domainType as DomainEventType, (tx, events) =>
      recordWebhookEvents(
        tx,
        type,
        (events as readonly { at: Date }[]).map((event) => ({ at: event.at, data: data(event) })),
      ).then(() => undefined),
    );
  }
}
