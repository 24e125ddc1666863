import crypto from "node:crypto";
import { getEnv } from "~/lib/env.server";

// The browser never sees the ids questions and options have in the bank: those ("a", "b",
// "o1", cuids) reveal the authoring order that shuffling hides. It sees opaque ids instead,
// which the server maps back when grading (decision 011).

/** A random opaque id, stored with a quiz attempt. */
export function randomKey(): string {
  return crypto.randomBytes(9).toString("base64url");
}

let previewSecret: Buffer | undefined;

// The author preview records nothing, so its ids are derived: an HMAC of a per-load nonce
// and the bank id. Under UPTAKE_SECRET_KEY every server derives the same ids; without it a
// per-process key stands in (a preview graded after a restart asks for a reload).
function secret(): Buffer {
  if (!previewSecret) {
    const material = getEnv().UPTAKE_SECRET_KEY;
    previewSecret = material
      ? Buffer.from(crypto.hkdfSync("sha256", material, "uptake", "preview-answer-ids", 32))
      : crypto.randomBytes(32);
  }
  return previewSecret;
}

/** A fresh nonce for one preview load; it travels with the preview's answers. */
export function newPreviewNonce(): string {
  return crypto.randomBytes(12).toString("base64url");
}

/** The opaque id of a question (no option) or an option in the preview with this nonce. */
export function previewKey(nonce: string, questionId: string, optionId?: string): string {
  return crypto
    .createHmac("sha256", secret())
    .update([nonce, questionId, optionId ?? ""].join("\u0000"))
    .digest("base64url")
    .slice(0, 16);
}
