// The writes a person makes to their own user row (password, profile, language). org owns
// the User table (decision 017); the account module decides when they happen and audits them.
import type { DbTx } from "~/lib/db.server";
import { getDb } from "~/lib/db.server";
import { raisePersonEvents } from "./person-events.server";

/**
 * Compare-and-swap on the password hash that was checked: of parallel changes made with the
 * same current password only the first applies. False when the hash had already changed.
 */
export async function replacePasswordHash(
  tx: DbTx,
  userId: string,
  hashes: { checked: string | null; next: string },
): Promise<boolean> {
  const { count } = await tx.user.updateMany({
    where: { id: userId, passwordHash: hashes.checked },
    data: { passwordHash: hashes.next, mustChangePassword: false },
  });
  return count > 0;
}

export async function writeOwnProfile(
  tx: DbTx,
  userId: string,
  profile: { name: string; preferredLanguage: string | null },
): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: profile });
  await raisePersonEvents(tx, "person.updated", [userId]);
}

export async function writePreferredLanguage(userId: string, language: string): Promise<void> {
  await getDb().user.update({ where: { id: userId }, data: { preferredLanguage: language } });
}
