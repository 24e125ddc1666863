import { z } from "zod";
import { pageField } from "~/lib/fields";

// Notification event types. Messages are templates (`notifications.events.<TYPE>.*`) filled
// with the stored params, so each reader sees them in their own language.
export const NOTIFICATION_EVENTS = [
  "ASSIGNED",
  "DUE_SOON",
  "OVERDUE",
  "CERT_EXPIRING",
  "REMINDER",
  "IDEA_STATUS",
  "IDEA_HIDDEN",
  "IDEA_COMMENT_HIDDEN",
  "KUDOS_RECEIVED",
  "REDEMPTION_STATUS",
  "BADGE_EARNED",
  "POINTS_ADJUSTED",
  "PULSE_OPENED",
  "PULSE_REMINDER",
  "RISK_REVIEW_DUE",
] as const;
/** Security notices (a password reset by someone else, an invitation): always e-mailed, no opt-out. */
export const SECURITY_NOTICES = ["PASSWORD_RESET", "INVITATION"] as const;
/** Operations notices to administrators (backups out of date, a webhook disabled): always e-mailed, no opt-out. */
export const OPERATIONS_NOTICES = ["BACKUP_STALE", "WEBHOOK_DISABLED"] as const;
type PreferenceEvent = (typeof NOTIFICATION_EVENTS)[number];
export type NotificationEvent =
  PreferenceEvent | (typeof SECURITY_NOTICES)[number] | (typeof OPERATIONS_NOTICES)[number];

/** Notification.params: the message template's values (decision 019). */
export const noticeParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));
export type NoticeParams = z.infer<typeof noticeParamsSchema>;

/**
 * Parameters ending in "Key" hold an i18n key (a status, say); the message gets the
 * translated text under the name without the suffix, in the reader's language.
 */
export function localiseParams(
  t: (key: string) => string,
  params: NoticeParams,
): Record<string, string | number> {
  const result: Record<string, string | number> = { ...params };
  for (const [name, value] of Object.entries(params)) {
    if (name.endsWith("Key") && typeof value === "string") result[name.slice(0, -3)] = t(value);
  }
  return result;
}

/** The e-mail preferences form: one checkbox per event type, checked = send e-mail. */
export const emailPreferencesSchema = z.object(
  Object.fromEntries(NOTIFICATION_EVENTS.map((event) => [event, z.boolean()])) as Record<
    PreferenceEvent,
    z.ZodBoolean
  >,
);
export type EmailPreferencesInput = z.infer<typeof emailPreferencesSchema>;

export const notificationActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: z.string().min(1).max(40) }),
  z.object({ intent: z.literal("read-all") }),
]);

export const notificationListSchema = z.object({ page: pageField });
