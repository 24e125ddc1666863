import { randomBytes } from "node:crypto";
import type { WebhookEventData, WebhookEventType } from "./events";

/** A webhook-id: "msg_" and 26 base-32 characters, time-ordered (sortable like the log). */
export function newMessageId(now = Date.now()): string {
  const time = now.toString(32).padStart(10, "0");
  const random = BigInt(`0x${randomBytes(10).toString("hex")}`)
    .toString(32)
    .padStart(16, "0");
  return `msg_${time}${random}`;
}

export interface OutgoingEvent<T extends WebhookEventType = WebhookEventType> {
  type: T;
  at: Date;
  data: WebhookEventData<T>;
}

export const bodyOf = (event: { type: string; at: Date; data: unknown }) =>
  JSON.stringify({ type: event.type, timestamp: event.at.toISOString(), data: event.data });
