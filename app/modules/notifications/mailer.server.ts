import nodemailer, { type Transporter } from "nodemailer";
import { getDb } from "~/lib/db.server";
import { paginate } from "~/lib/pagination.server";
import { getEnv } from "~/lib/env.server";
import { logger } from "~/lib/logger.server";
import { MINUTE_MS } from "~/lib/dates";

/** A message is given up (FAILED) after this many unsuccessful sends. */
export const MAX_ATTEMPTS = 5;
/** A SENDING row claimed longer ago than this belongs to a sender that crashed. */
const STALE_SENDING_MS = 10 * MINUTE_MS;
const ERROR_LENGTH = 500;

export interface DeliverOptions {
  /** Defaults to SMTP_URL; without one nothing is sent. */
  smtpUrl?: string;
  /** Defaults to SMTP_FROM. */
  from?: string;
  /** Messages taken per run, oldest first. */
  limit?: number;
  /** The clock, for tests; defaults to the time of each step. */
  now?: Date;
}

export interface DeliveryResult {
  sent: number;
  failed: number;
  skipped: boolean;
}

/**
 * Sends PENDING outbox messages over SMTP. Safe to run from two servers at once: each
 * message is claimed (PENDING -> SENDING) before it is sent and a lost claim is skipped.
 *
 * While a row is SENDING its sentAt holds the claim time (the schema has no other column
 * for it), so a row left SENDING by a crashed sender can be told apart from one being sent
 * right now; sentAt is cleared again when the message goes back to PENDING.
 */
export async function deliverOutbox(options: DeliverOptions = {}): Promise<DeliveryResult> {
  const smtpUrl = options.smtpUrl ?? getEnv().SMTP_URL;
  if (!smtpUrl) return { sent: 0, failed: 0, skipped: true };
  const from = options.from ?? getEnv().SMTP_FROM;
  const limit = options.limit ?? 200;
  const clock = () => options.now ?? new Date();
  const db = getDb();

  await reclaimStale(new Date(clock().getTime() - STALE_SENDING_MS));

  const pending = await db.outboxEmail.findMany({
    where: { status: "PENDING" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true },
  });
  const result: DeliveryResult = { sent: 0, failed: 0, skipped: false };
  if (pending.length === 0) return result;

  const transport = nodemailer.createTransport(smtpUrl);
  try {
    for (const { id } of pending) {
      const outcome = await deliverOne(transport, id, from, clock);
      if (outcome === "sent") result.sent += 1;
      if (outcome === "failed") result.failed += 1;
    }
  } finally {
    transport.close();
  }
  return result;
}

/**
 * Claims one message and sends it: "claimedElsewhere" when another sender took it first,
 * "failed" when the send threw (back to PENDING, or FAILED after MAX_ATTEMPTS).
 */
async function deliverOne(
  transport: Transporter,
  id: string,
  from: string,
  clock: () => Date,
): Promise<"sent" | "failed" | "claimedElsewhere"> {
  const db = getDb();
  const claim = await db.outboxEmail.updateMany({
    where: { id, status: "PENDING" },
    data: { status: "SENDING", attempts: { increment: 1 }, sentAt: clock() },
  });
  if (claim.count === 0) return "claimedElsewhere";
  // Read after the claim: attempts may have moved since the list was taken.
  const message = await db.outboxEmail.findUniqueOrThrow({ where: { id } });
  try {
    await transport.sendMail({
      from,
      to: message.toAddress,
      subject: message.subject,
      text: message.body,
      headers: {
        "X-Uptake-Event": message.eventType,
        "Content-Language": message.language,
      },
    });
  } catch (error) {
    await db.outboxEmail.update({
      where: { id },
      data: {
        status: message.attempts < MAX_ATTEMPTS ? "PENDING" : "FAILED",
        lastError: errorText(error),
        sentAt: null,
      },
    });
    return "failed";
  }
  // Outside the try: a database error here is not a failed send (the mail went out).
  await db.outboxEmail.update({ where: { id }, data: { status: "SENT", sentAt: clock() } });
  return "sent";
}

/** SENDING rows claimed before `cutoff`: their sender died; retry them (or give up). */
async function reclaimStale(cutoff: Date): Promise<void> {
  const db = getDb();
  const stale = {
    status: "SENDING" as const,
    OR: [{ sentAt: { lt: cutoff } }, { sentAt: null }],
  };
  const lastError = "delivery interrupted (sender stopped while sending)";
  await db.outboxEmail.updateMany({
    where: { ...stale, attempts: { gte: MAX_ATTEMPTS } },
    data: { status: "FAILED", lastError, sentAt: null },
  });
  await db.outboxEmail.updateMany({
    where: stale,
    data: { status: "PENDING", lastError, sentAt: null },
  });
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text || "unknown error").slice(0, ERROR_LENGTH);
}

let running: Promise<void> | undefined;
let runAgain = false;

/**
 * Starts delivery in the background when SMTP is configured; routes call it after an
 * action that queued e-mail. Calls during a run are folded into one more run after it.
 */
export function deliverOutboxSoon(): void {
  if (!getEnv().SMTP_URL) return;
  if (running) {
    runAgain = true;
    return;
  }
  running = (async () => {
    do {
      runAgain = false;
      try {
        await deliverOutbox();
      } catch (error) {
        logger.warn({ err: error }, "e-mail delivery failed");
      }
    } while (runAgain);
  })().finally(() => {
    running = undefined;
  });
}

export const OUTBOX_PAGE_SIZE = 25;

export interface OutboxQuery {
  page: number;
  status?: "PENDING" | "SENT" | "FAILED";
}

export async function listOutbox(query: OutboxQuery) {
  const db = getDb();
  const page = paginate(query.page, OUTBOX_PAGE_SIZE);
  const where = query.status ? { status: query.status } : {};
  const [total, rows] = await Promise.all([
    db.outboxEmail.count({ where }),
    db.outboxEmail.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: page.skip,
      take: page.take,
    }),
  ]);
  return {
    ...page.summary(total),
    messages: rows.map((row) => ({
      id: row.id,
      toAddress: row.toAddress,
      subject: row.subject,
      body: row.body,
      eventType: row.eventType,
      language: row.language,
      status: row.status,
      attempts: row.attempts,
      lastError: row.lastError,
      createdAt: row.createdAt.toISOString(),
      // While SENDING, sentAt holds the claim time: not a delivery.
      sentAt: row.status === "SENT" && row.sentAt ? row.sentAt.toISOString() : null,
    })),
  };
}
