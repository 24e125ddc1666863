import { createHash } from "node:crypto";
import { isUniqueViolation } from "./db.server";

/** A key for content: the same parts give the same key. */
export const keyOf = (...parts: unknown[]) =>
  createHash("sha256").update(JSON.stringify(parts)).digest("base64url");

/**
 * Runs a create guarded by a unique key. When the key is taken already (a double click, a
 * resent form, 50 posts at once) the insert fails, whatever the interleaving, and the row
 * that holds the key is the answer: the same item, not an error and not a second one.
 */
export async function createOnce<T>(
  create: () => Promise<T>,
  holder: () => Promise<T | null>,
): Promise<T> {
  try {
    return await create();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await holder();
    if (existing === null) throw error;
    return existing;
  }
}

/**
 * Inserts a row whose key may exist already (double clicks, races): false, and no error, then.
 * Not inside a transaction: on PostgreSQL the failed insert ends the transaction it is in.
 */
export async function insertIfAbsent(insert: () => Promise<unknown>): Promise<boolean> {
  try {
    await insert();
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
