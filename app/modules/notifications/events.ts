import { z } from "zod";

// Notification event types. Messages are templates (`notifications.events.<TYPE>.*`) filled
// with the stored params, so each reader sees them in their own language.
export const NOTIFICATION_EVENTS = [
  "ASSIGNED",
  "DUE_SOON",
  "OVERDUE",
  "CERT_EXPIRING",
  "REMINDER",
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export type NoticeParams = Record<string, string | number>;

/** The e-mail preferences form: one checkbox per event type, checked = send e-mail. */
export const emailPreferencesSchema = z.object(
  Object.fromEntries(NOTIFICATION_EVENTS.map((event) => [event, z.boolean()])) as Record<
    NotificationEvent,
    z.ZodBoolean
  >,
);
export type EmailPreferencesInput = z.infer<typeof emailPreferencesSchema>;

export const notificationActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: z.string().min(1).max(40) }),
  z.object({ intent: z.literal("read-all") }),
]);

export const notificationListSchema = z.object({
  page: z.coerce.number().int().min(1).max(100000).catch(1),
});
