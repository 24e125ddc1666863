import { z } from "zod";

// The webhook event types and the payload of each (decision 045). The body of every delivery
// is `{ type, timestamp, data }`; `data` follows the type's schema below. Payloads carry ids
// and the few fields an integrator needs, never password hashes, secrets or survey answers.
// Stable: a field is only ever added, never renamed or removed.

const id = z.string().min(1);
const isoTime = z.iso.datetime();

const person = z.object({
  person_id: id,
  email: z.string(),
  name: z.string(),
  role: z.string(),
  department_id: id.nullable(),
  job_title: z.string(),
  active: z.boolean(),
});

const certificate = z.object({
  certificate_id: id,
  enrolment_id: id,
  person_id: id,
  course_id: id,
  issued_at: isoTime,
  expires_at: isoTime.nullable(),
});

/** The `data` of each event type. */
export const WEBHOOK_EVENT_DATA = {
  "person.created": person,
  "person.updated": person,
  "person.deactivated": person,
  "enrolment.created": z.object({
    enrolment_id: id,
    person_id: id,
    course_id: id,
    due_at: isoTime.nullable(),
    self_enrolled: z.boolean(),
  }),
  "course.completed": z.object({
    enrolment_id: id,
    person_id: id,
    course_id: id,
    completed_at: isoTime,
  }),
  "certificate.issued": certificate,
  /** Sent once per certificate and expiry date, 30 days before it expires. */
  "certificate.expiring": certificate,
  /** authorId is null for an anonymous idea: an integrator never learns who wrote it. */
  "idea.created": z.object({ idea_id: id, author_id: id.nullable(), anonymous: z.boolean() }),
  "idea.status_changed": z.object({
    idea_id: id,
    from: z.string(),
    to: z.string(),
    actor_id: id,
  }),
  "kudos.sent": z.object({ kudos_id: id, from_id: id, to_id: id, points: z.number().int() }),
  "redemption.decided": z.object({
    redemption_id: id,
    person_id: id,
    reward_id: id,
    cost: z.number().int(),
    status: z.enum(["FULFILLED", "REJECTED", "CANCELLED"]),
    decided_by_id: id,
  }),
  "pulse.opened": z.object({
    pulse_id: id,
    initiative_id: id,
    opens_on: isoTime,
    closes_on: isoTime,
  }),
  /**
   * A pulse survey closed: its answers are final, and with them the initiative's readiness
   * (the latest answered pulse per department). Read the figures through the API.
   */
  "readiness.updated": z.object({
    initiative_id: id,
    pulse_id: id,
    reason: z.literal("pulse_closed"),
  }),
} as const;

export type WebhookEventType = keyof typeof WEBHOOK_EVENT_DATA;
export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENT_DATA) as WebhookEventType[];

/** "Send test event" sends this to one subscription; nobody subscribes to it. */
export const TEST_EVENT_TYPE = "webhook.test";
export const testEventData = z.object({ subscription_id: id, message: z.string() });

/** The body of a delivery of event type `type`: what the schema documents for integrators. */
export function webhookBodySchema<T extends WebhookEventType>(type: T) {
  return z.object({
    type: z.literal(type),
    timestamp: isoTime,
    data: WEBHOOK_EVENT_DATA[type],
  });
}

/** Every event's body, one schema per type (for the OpenAPI document's `webhooks`). */
export const WEBHOOK_BODY_SCHEMAS = Object.fromEntries(
  WEBHOOK_EVENT_TYPES.map((type) => [type, webhookBodySchema(type)]),
) as { [T in WebhookEventType]: ReturnType<typeof webhookBodySchema<T>> };

export type WebhookEventData<T extends WebhookEventType> = z.infer<(typeof WEBHOOK_EVENT_DATA)[T]>;

export const eventTypesSchema = z.array(z.enum(WEBHOOK_EVENT_TYPES as [WebhookEventType]));

export const DELIVERY_STATUSES = ["PENDING", "SUCCEEDED", "FAILED", "GIVEN_UP"] as const;
export type DeliveryStatusName = (typeof DELIVERY_STATUSES)[number];
