import nodemailer, { type SendMailOptions, type Transporter } from "nodemailer";
import { getDb } from "~/lib/db.server";
import { paginate } from "~/lib/pagination.server";
import { getEnv } from "~/lib/env.server";
import { logger } from "~/lib/logger.server";
import { MINUTE_MS } from "~/lib/dates";

/** A message is given up (FAILED) after this many unsuccessful sends. */
export const MAX_ATTEMPTS = 5;
/**
 * A send that has not finished this long after its claim is cut off (its connection closed),
 * so no send is still in progress when its claim goes stale (below).
 */
const SEND_BUDGET_MS = 2 * MINUTE_MS;
/** A SENDING row claimed longer ago than this belongs to a sender that crashed. */
const STALE_SENDING_MS = 10 * MINUTE_MS;
/** SMTP waits: connecting, the greeting, and silence on the socket. */
const SMTP_TIMEOUTS = {
  connectionTimeout: 30_000,
  greetingTimeout: 30_000,
  socketTimeout: 60_000,
};
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
  /** For tests: a shorter SEND_BUDGET_MS. */
  sendBudgetMs?: number;
}

export interface DeliveryResult {
  sent: number;
  failed: number;
  skipped: boolean;
}

/**
 * Sends PENDING outbox messages over SMTP. Safe to run from any number of processes at once
 * (decision 023): each message is claimed (PENDING -> SENDING) by one conditional UPDATE
 * before it is sent, and a lost claim is skipped.
 *
 * While a row is SENDING its sentAt holds the claim time (the schema has no other column
 * for it), so a row left SENDING by a crashed sender can be told apart from one being sent
 * right now; sentAt is cleared again when the message goes back to PENDING. A sender that
 * dies after the SMTP server took the message but before SENT is written leaves it SENDING,
 * and it is sent again once stale: at worst one duplicate per crash, never a loss.
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

  // A pool of one connection: reused for the batch, and closable mid-send (sendWithin).
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 1,
    ...SMTP_TIMEOUTS,
  });
  const budgetMs = options.sendBudgetMs ?? SEND_BUDGET_MS;
  try {
    for (const { id } of pending) {
      const outcome = await deliverOne({ transport, id, from, clock, budgetMs });
      if (outcome === "sent") result.sent += 1;
      if (outcome === "failed" || outcome === "cutOff") result.failed += 1;
      // The pool is closed: the rest wait for the next run.
      if (outcome === "cutOff") break;
    }
  } finally {
    transport.close();
  }
  return result;
}

class SendCutOff extends Error {}

/** Sends, or closes the pool's connections once `budgetMs` has passed and throws SendCutOff. */
async function sendWithin(transport: Transporter, mail: SendMailOptions, budgetMs: number) {
  let timer: NodeJS.Timeout | undefined;
  const cutOff = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // nodemailer's pool takes { force } (its typings lag): busy connections close too.
      (transport.close as (options: { force: boolean }) => void)({ force: true });
      reject(new SendCutOff(`SMTP send cut off after ${budgetMs} ms`));
    }, budgetMs);
  });
  try {
    await Promise.race([transport.sendMail(mail), cutOff]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Claims one message and sends it: "claimedElsewhere" when another sender took it first,
 * "failed" when the send threw (back to PENDING, or FAILED after MAX_ATTEMPTS).
 */
async function deliverOne({
  transport,
  id,
  from,
  clock,
  budgetMs,
}: {
  transport: Transporter;
  id: string;
  from: string;
  clock: () => Date;
  budgetMs: number;
}): Promise<"sent" | "failed" | "cutOff" | "claimedElsewhere"> {
  const db = getDb();
  const claimedAt = clock();
  const claim = await db.outboxEmail.updateMany({
    where: { id, status: "PENDING" },
    data: { status: "SENDING", attempts: { increment: 1 }, sentAt: claimedAt },
  });
  if (claim.count === 0) return "claimedElsewhere";
  // Read after the claim: attempts may have moved since the list was taken.
  const message = await db.outboxEmail.findUniqueOrThrow({ where: { id } });
  try {
    await sendWithin(transport, mailOf(message, from), budgetMs);
  } catch (error) {
    // Only while the claim is still ours: had it gone stale and been taken over, putting the
    // row back to PENDING could start a third send, or undo another sender's SENT.
    await db.outboxEmail.updateMany({
      where: { id, status: "SENDING", sentAt: claimedAt },
      data: {
        status: message.attempts < MAX_ATTEMPTS ? "PENDING" : "FAILED",
        lastError: errorText(error),
        sentAt: null,
      },
    });
    return error instanceof SendCutOff ? "cutOff" : "failed";
  }
  // Outside the try: a database error here is not a failed send (the mail went out). Not
  // conditional on the claim: the message did go out, whoever holds the row now.
  await db.outboxEmail.update({ where: { id }, data: { status: "SENT", sentAt: clock() } });
  return "sent";
}

function mailOf(
  message: {
    toAddress: string;
    subject: string;
    body: string;
    eventType: string;
    language: string;
  },
  from: string,
): SendMailOptions {
  return {
    from,
    to: message.toAddress,
    subject: message.subject,
    text: message.body,
    headers: { "X-Uptake-Event": message.eventType, "Content-Language": message.language },
  };
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
