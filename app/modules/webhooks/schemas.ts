// The webhooks pages' forms (browser-safe): one zod schema each, checked by useSchemaForm in
// the browser and parsed by the action on the server.
import { z } from "zod";
import { withIntent } from "~/lib/actions";
import { optionalText, pageField } from "~/lib/fields";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "./events";

export const WEBHOOK_URL_MAX = 2000;
export const WEBHOOK_DESCRIPTION_MAX = 200;

const id = z.string().trim().min(1, "validation.required").max(40);

/** An absolute http(s) URL (whether its host is allowed is the server's check at save). */
export const webhookUrlField = z
  .string()
  .trim()
  .min(1, "validation.required")
  .max(WEBHOOK_URL_MAX, "validation.tooLong")
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:";
    } catch {
      return false;
    }
  }, "webhooks.errors.url");

export const webhookFormSchema = z.object({
  url: webhookUrlField,
  description: optionalText(WEBHOOK_DESCRIPTION_MAX),
  eventTypes: z
    .array(z.enum(WEBHOOK_EVENT_TYPES as [WebhookEventType]))
    .min(1, "webhooks.errors.noEvents")
    .max(WEBHOOK_EVENT_TYPES.length)
    .transform((types) => [...new Set(types)].sort()),
});
export type WebhookFormInput = z.output<typeof webhookFormSchema>;

/** The list page: create a subscription (a key against double submits). */
export const webhookCreateSchema = webhookFormSchema.extend({
  createKey: z.string().trim().min(8).max(64),
});

/** The subscription page's forms. */
export const webhookPageSchema = z.discriminatedUnion("intent", [
  withIntent("update", webhookFormSchema),
  z.object({ intent: z.literal("enable") }),
  z.object({ intent: z.literal("disable") }),
  z.object({ intent: z.literal("delete") }),
  z.object({ intent: z.literal("rotate-secret") }),
  z.object({ intent: z.literal("send-test") }),
  z.object({ intent: z.literal("redeliver"), deliveryId: id }),
]);

export const deliveryLogQuerySchema = z.object({ page: pageField });
