import { getDb } from "~/lib/db.server";
import { hasSecretKey, seal } from "~/lib/secret-box.server";
import { newSigningSecret } from "./subscriptions.server";

/**
 * One example subscription, disabled, so the webhooks page shows what a subscription looks
 * like: the demo never sends to the internet. Only when there is none yet.
 */
export async function seedWebhooksDemo(adminId: string | null): Promise<boolean> {
  const db = getDb();
  // Production without UPTAKE_SECRET_KEY cannot seal a secret: no example then.
  if (!hasSecretKey() || (await db.webhookSubscription.count()) > 0) return false;
  await db.webhookSubscription.create({
    data: {
      url: "https://hr-system.example.com/hooks/uptake",
      description: "Example: the HR system hears of new people and certificates (disabled)",
      eventTypes: ["certificate.issued", "person.created", "person.deactivated"],
      secretSealed: seal(newSigningSecret()),
      enabled: false,
      disabledReason: "manual",
      disabledAt: new Date(),
      createdById: adminId,
    },
  });
  return true;
}
