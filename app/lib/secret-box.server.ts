import crypto from "node:crypto";
import { getEnv, isProduction } from "./env.server";
import { logger } from "./logger.server";

// Secrets at rest (two-factor seeds, webhook signing secrets) are sealed with AES-256-GCM under a key derived from
// UPTAKE_SECRET_KEY. Outside production a fixed development key stands in, with a warning;
// production without the variable has no key, and features that need one say so.

const DEV_KEY_MATERIAL = "uptake-development-secret-key-not-for-production";
const VERSION = "v1";

export class SecretKeyMissingError extends Error {
  constructor() {
    super("UPTAKE_SECRET_KEY is not set: two-factor sign-in is unavailable in production");
  }
}

let cachedKey: Buffer | undefined;
let warned = false;

/** True when secrets can be sealed and opened (always outside production). */
export function hasSecretKey(): boolean {
  return Boolean(getEnv().UPTAKE_SECRET_KEY) || !isProduction();
}

function key(): Buffer {
  if (cachedKey) return cachedKey;
  let material = getEnv().UPTAKE_SECRET_KEY;
  if (!material) {
    if (isProduction()) throw new SecretKeyMissingError();
    if (!warned && getEnv().NODE_ENV === "development") {
      warned = true;
      logger.warn("UPTAKE_SECRET_KEY is not set: using the development key (never in production)");
    }
    material = DEV_KEY_MATERIAL;
  }
  cachedKey = Buffer.from(
    crypto.hkdfSync("sha256", material, "uptake", "secret-box/aes-256-gcm", 32),
  );
  return cachedKey;
}

export function seal(plaintext: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    VERSION,
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    body.toString("base64url"),
  ].join(".");
}

/** Opens a sealed value; a tampered value or a wrong key throws. */
export function open(sealed: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined)
    throw new Error("not a sealed value");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([
    decipher.update(Buffer.from(body, "base64url")),
    decipher.final(),
  ]).toString("utf8");
}

export function sha256(value: string): string {
  return crypto.createHash("sha256").update(value).digest("hex");
}

let derivingKey: Buffer | undefined;

/**
 * A secret computed from the server's key and `parts`: the same parts give the same secret,
 * so a resent form (a double click) answers with the secret the first post made, though only
 * its hash is stored. Without the server's key nobody can compute it from the parts.
 */
export function deriveSecret(purpose: string, ...parts: string[]): Buffer {
  derivingKey ??= Buffer.from(crypto.hkdfSync("sha256", key(), "uptake", "secret-box/derive", 32));
  return crypto
    .createHmac("sha256", derivingKey)
    .update(JSON.stringify([purpose, ...parts]))
    .digest();
}
