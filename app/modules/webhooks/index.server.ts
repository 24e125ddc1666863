// The webhooks module's server surface (decision 045).
export { installWebhookSubscribers, recordWebhookEvents } from "./outbox.server";
export {
  BACKOFF_MS,
  DISABLE_AFTER_FAILING_MS,
  GIVE_UP_AFTER_MS,
  REQUEST_TIMEOUT_MS,
  backoffAfter,
  deliverDueWebhooks,
  enablePromptDelivery,
  pruneWebhookEvents,
  redeliver,
  runWebhookJob,
  sendSigned,
  sendTestEvent,
  startWebhookPolling,
} from "./delivery.server";
export {
  createSubscription,
  deleteSubscription,
  getSubscriptionPage,
  listSubscriptions,
  rotateSecret,
  setSubscriptionEnabled,
  updateSubscription,
} from "./subscriptions.server";
export { checkTarget, isPrivateAddress, UnsafeTargetError } from "./ssrf.server";
export { newMessageId } from "./messages.server";
export { seedWebhooksDemo } from "./demo.server";
// The payload of each event type, for the OpenAPI document's `webhooks` section.
export {
  TEST_EVENT_TYPE,
  testEventData,
  WEBHOOK_BODY_SCHEMAS,
  WEBHOOK_EVENT_DATA,
  WEBHOOK_EVENT_TYPES,
  webhookBodySchema,
  type WebhookEventType,
} from "./events";
