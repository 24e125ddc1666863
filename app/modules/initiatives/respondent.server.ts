// Respondent keys (decision 037): a pulse answer is stored under HMAC(pepper, pulse, person),
// never under the person's id, so that one finds one's own answer again (to change it, or to
// skip the reminder) while the rows name nobody.
import crypto from "node:crypto";
import { insertRowsSkippingDuplicates } from "~/lib/bulk-insert.server";
import { getDb } from "~/lib/db.server";
import { getEnv } from "~/lib/env.server";
import { logger } from "~/lib/logger.server";

let cachedPepper: Buffer | undefined;

/**
 * From UPTAKE_SECRET_KEY when set: then the database alone cannot link an answer to anyone.
 * Without it (the demo), a random pepper kept in the database stands in, with a warning:
 * whoever reads the database and knows the scheme could then test who answered.
 */
async function pepper(): Promise<Buffer> {
  if (cachedPepper) return cachedPepper;
  const material = getEnv().UPTAKE_SECRET_KEY;
  if (material) {
    cachedPepper = Buffer.from(
      crypto.hkdfSync("sha256", material, "uptake", "pulse-respondent", 32),
    );
    return cachedPepper;
  }
  const db = getDb();
  // Two servers starting at once: the first insert wins, both read it.
  await insertRowsSkippingDuplicates(
    db,
    "SurveyPepper",
    [{ id: 1, value: crypto.randomBytes(32).toString("base64url") }],
    { id: null },
  );
  const row = await db.surveyPepper.findUniqueOrThrow({ where: { id: 1 } });
  logger.warn(
    "UPTAKE_SECRET_KEY is not set: pulse answers are keyed with a pepper kept in the database",
  );
  cachedPepper = Buffer.from(row.value, "base64url");
  return cachedPepper;
}

/** The key of one person's answer to one pulse. */
export async function respondentKey(pulseId: string, userId: string): Promise<string> {
  return crypto
    .createHmac("sha256", await pepper())
    .update(`${pulseId}\u0000${userId}`)
    .digest("base64url");
}

/** The keys of many people's answers to one pulse (reminders: who has not answered). */
export async function respondentKeys(pulseId: string, userIds: readonly string[]) {
  const key = await pepper();
  return new Map(
    userIds.map((userId) => [
      crypto.createHmac("sha256", key).update(`${pulseId}\u0000${userId}`).digest("base64url"),
      userId,
    ]),
  );
}
