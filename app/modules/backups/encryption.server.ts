import crypto from "node:crypto";
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import { BackupError } from "./errors.server";

// Encrypted backup files (decision 024), streamed so that a large database is never held in
// memory. Layout: a 54-byte header, the AES-256-GCM ciphertext, the 16-byte auth tag last (a
// stream knows the tag only at its end). The header is the cipher's additional data, so a
// changed header fails authentication like a changed byte of ciphertext.
//
//   "UPTAKEBK" | version 1 | kdf 1 (scrypt N=2^15 r=8 p=1) | salt 16 | iv 12 | key check 16
//
// scrypt turns BACKUP_KEY and the file's salt into 64 bytes: the first 32 are the AES key, a
// hash of the other 32 is the key check, which tells a wrong key from a damaged file.

const MAGIC = Buffer.from("UPTAKEBK");
const VERSION = 1;
const KDF_SCRYPT = 1;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const CHECK_BYTES = 16;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 2 + SALT_BYTES + IV_BYTES + CHECK_BYTES;

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  length: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

async function deriveKeys(secret: string, salt: Buffer) {
  const bytes = await scrypt(secret, salt, 64, {
    N: 2 ** 15,
    r: 8,
    p: 1,
    maxmem: 64 * 1024 * 1024,
  });
  const check = crypto.createHash("sha256").update(bytes.subarray(32)).digest();
  return { key: bytes.subarray(0, 32), check: check.subarray(0, CHECK_BYTES) };
}

/** Does the file start like an encrypted backup? */
export async function isEncryptedBackup(file: string): Promise<boolean> {
  const handle = await fs.promises.open(file, "r");
  try {
    const start = Buffer.alloc(MAGIC.length);
    const { bytesRead } = await handle.read(start, 0, MAGIC.length, 0);
    return bytesRead === MAGIC.length && start.equals(MAGIC);
  } finally {
    await handle.close();
  }
}

/** Encrypts `source` into `target` with a key derived from `secret`. */
export async function encryptFile(source: string, target: string, secret: string): Promise<void> {
  const salt = crypto.randomBytes(SALT_BYTES);
  const iv = crypto.randomBytes(IV_BYTES);
  const { key, check } = await deriveKeys(secret, salt);
  const header = Buffer.concat([MAGIC, Buffer.from([VERSION, KDF_SCRYPT]), salt, iv, check]);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(header);
  await pipeline(
    fs.createReadStream(source),
    async function* (chunks: AsyncIterable<Buffer>) {
      yield header;
      for await (const chunk of chunks) yield cipher.update(chunk);
      yield cipher.final();
      yield cipher.getAuthTag();
    },
    fs.createWriteStream(target, { flags: "wx" }),
  );
}

async function readHeaderAndTag(source: string) {
  const handle = await fs.promises.open(source, "r");
  try {
    const { size } = await handle.stat();
    if (size < HEADER_BYTES + TAG_BYTES)
      throw new BackupError("The encrypted backup is truncated.");
    const header = Buffer.alloc(HEADER_BYTES);
    const tag = Buffer.alloc(TAG_BYTES);
    await handle.read(header, 0, HEADER_BYTES, 0);
    await handle.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
    return { header, tag, size };
  } finally {
    await handle.close();
  }
}

function parseHeader(header: Buffer) {
  if (!header.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new BackupError("The file is not an encrypted Uptake backup.");
  }
  const version = header[MAGIC.length];
  const kdf = header[MAGIC.length + 1];
  if (version !== VERSION || kdf !== KDF_SCRYPT) {
    throw new BackupError(`Unknown encrypted backup format (version ${version}, kdf ${kdf}).`);
  }
  let offset = MAGIC.length + 2;
  const take = (length: number) => header.subarray(offset, (offset += length));
  return { salt: take(SALT_BYTES), iv: take(IV_BYTES), check: take(CHECK_BYTES) };
}

/**
 * Decrypts `source` into `target`. A wrong key, or a file changed anywhere (header, data or
 * tag), throws BackupError; `target` is then removed, so unauthenticated bytes are never used.
 */
export async function decryptFile(source: string, target: string, secret: string): Promise<void> {
  const { header, tag, size } = await readHeaderAndTag(source);
  const { salt, iv, check } = parseHeader(header);
  const { key, check: expected } = await deriveKeys(secret, salt);
  if (!crypto.timingSafeEqual(check, expected)) {
    throw new BackupError("BACKUP_KEY is not the key this backup was encrypted with.");
  }
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAAD(header);
  decipher.setAuthTag(tag);
  try {
    await pipeline(
      fs.createReadStream(source, { start: HEADER_BYTES, end: size - TAG_BYTES - 1 }),
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) yield decipher.update(chunk);
        yield decipher.final();
      },
      fs.createWriteStream(target, { flags: "wx" }),
    );
  } catch (error) {
    await fs.promises.rm(target, { force: true });
    if (error instanceof Error && /authenticate/i.test(error.message)) {
      throw new BackupError(
        "The encrypted backup failed authentication: the file was damaged or altered.",
      );
    }
    throw error;
  }
}
