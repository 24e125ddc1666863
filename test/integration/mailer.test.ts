import crypto from "node:crypto";
import net, { type AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb, type OutboxStatus } from "~/lib/db.server";
import { getEnv } from "~/lib/env.server";
import {
  MAX_ATTEMPTS,
  OUTBOX_PAGE_SIZE,
  deliverOutbox,
  deliverOutboxSoon,
  listOutbox,
} from "~/modules/notifications/index.server";
import {
  decodeBody,
  decodeHeader,
  parse,
  startSmtpServer,
  type Received,
  type SmtpCapture,
} from "../support/smtp";

let smtp: SmtpCapture;
let smtpUrl: string;
let received: Received[] = [];
const UNREACHABLE = "smtp://127.0.0.1:1";
const FROM = "Uptake Test <no-reply@uptake.test>";

beforeAll(async () => {
  smtp = await startSmtpServer();
  smtpUrl = smtp.url;
});

afterAll(async () => {
  await smtp.close();
});

beforeEach(async () => {
  smtp.received.length = 0;
  received = smtp.received;
  await getDb().outboxEmail.deleteMany();
});

async function queue(
  data: Partial<{
    toAddress: string;
    language: string;
    eventType: string;
    subject: string;
    body: string;
    status: OutboxStatus;
    attempts: number;
    createdAt: Date;
    sentAt: Date | null;
  }> = {},
) {
  return getDb().outboxEmail.create({
    data: {
      toAddress: data.toAddress ?? `person-${crypto.randomUUID().slice(0, 8)}@example.test`,
      language: data.language ?? "en",
      eventType: data.eventType ?? "ENROLMENT_CREATED",
      subject: data.subject ?? "You have a new course",
      body: data.body ?? "Open Uptake to start it.",
      ...(data.status ? { status: data.status } : {}),
      ...(data.attempts !== undefined ? { attempts: data.attempts } : {}),
      ...(data.createdAt ? { createdAt: data.createdAt } : {}),
      ...(data.sentAt !== undefined ? { sentAt: data.sentAt } : {}),
    },
  });
}

const row = (id: string) => getDb().outboxEmail.findUniqueOrThrow({ where: { id } });

describe("e-mail delivery", () => {
  it("sends PENDING messages once, English and Chinese, and marks them SENT", async () => {
    const english = await queue({
      toAddress: "ada@example.test",
      subject: "Course reminder",
      body: "Please finish Fire safety.",
      eventType: "REMINDER",
    });
    const chinese = await queue({
      toAddress: "li@example.test",
      language: "zh",
      subject: "培训提醒：消防安全",
      body: "请在本周内完成“消防安全”课程。",
      eventType: "REMINDER",
    });

    const result = await deliverOutbox({ smtpUrl, from: FROM });
    expect(result).toEqual({ sent: 2, failed: 0, skipped: false });
    expect(received.flatMap((m) => m.recipients).sort()).toEqual([
      "ada@example.test",
      "li@example.test",
    ]);

    const zh = received.find((m) => m.recipients.includes("li@example.test"))!;
    const { headers } = parse(zh.raw);
    expect(headers.get("subject")).toMatch(/^=\?UTF-8\?[BQ]\?[\x20-\x7e]+$/i); // an encoded-word
    expect(decodeHeader(headers.get("subject")!)).toBe("培训提醒：消防安全");
    expect(headers.get("content-language")).toBe("zh");
    expect(headers.get("x-uptake-event")).toBe("REMINDER");
    expect(headers.get("from")).toBe(FROM);
    expect(headers.get("to")).toBe("li@example.test");
    expect(decodeBody(zh.raw).trim()).toBe("请在本周内完成“消防安全”课程。");

    const en = parse(received.find((m) => m.recipients.includes("ada@example.test"))!.raw);
    expect(en.headers.get("subject")).toBe("Course reminder");
    expect(en.headers.get("content-language")).toBe("en");

    for (const id of [english.id, chinese.id]) {
      const sent = await row(id);
      expect(sent.status).toBe("SENT");
      expect(sent.attempts).toBe(1);
      expect(sent.sentAt).toBeInstanceOf(Date);
    }

    // A second run finds nothing to send.
    expect(await deliverOutbox({ smtpUrl, from: FROM })).toEqual({
      sent: 0,
      failed: 0,
      skipped: false,
    });
    expect(received).toHaveLength(2);
  });

  it("takes the oldest first, up to the limit", async () => {
    const now = Date.now();
    const newest = await queue({ createdAt: new Date(now - 1_000) });
    const oldest = await queue({ createdAt: new Date(now - 3_000) });
    const middle = await queue({ createdAt: new Date(now - 2_000) });
    expect(await deliverOutbox({ smtpUrl, from: FROM, limit: 2 })).toMatchObject({ sent: 2 });
    expect(received.flatMap((m) => m.recipients)).toEqual([oldest.toAddress, middle.toAddress]);
    expect((await row(newest.id)).status).toBe("PENDING");
  });

  it("never sends a message twice when four deliveries run at once", async () => {
    // On PostgreSQL the four claim on separate pooled connections, really at the same time.
    const messages = await Promise.all(Array.from({ length: 12 }, () => queue()));
    const results = await Promise.all(
      Array.from({ length: 4 }, () => deliverOutbox({ smtpUrl, from: FROM })),
    );
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(12);
    expect(received.flatMap((m) => m.recipients).sort()).toEqual(
      messages.map((m) => m.toAddress).sort(),
    );
    expect(await getDb().outboxEmail.count({ where: { status: "SENT", attempts: 1 } })).toBe(12);
  });

  it("without SMTP it skips and leaves the outbox alone", async () => {
    expect(getEnv().SMTP_URL).toBeUndefined();
    const message = await queue();
    expect(await deliverOutbox({ smtpUrl: undefined })).toEqual({
      sent: 0,
      failed: 0,
      skipped: true,
    });
    deliverOutboxSoon(); // a no-op without SMTP_URL
    const after = await row(message.id);
    expect(after.status).toBe("PENDING");
    expect(after.attempts).toBe(0);
    expect(received).toHaveLength(0);
  });

  it("retries an unreachable server and gives up after five attempts", async () => {
    const message = await queue();
    expect(await deliverOutbox({ smtpUrl: UNREACHABLE, from: FROM })).toEqual({
      sent: 0,
      failed: 1,
      skipped: false,
    });
    const first = await row(message.id);
    expect(first.status).toBe("PENDING");
    expect(first.attempts).toBe(1);
    expect(first.lastError).not.toBe("");
    expect(first.lastError.length).toBeLessThanOrEqual(500);
    expect(first.sentAt).toBeNull();

    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      await deliverOutbox({ smtpUrl: UNREACHABLE, from: FROM });
      expect((await row(message.id)).status).toBe(attempt < MAX_ATTEMPTS ? "PENDING" : "FAILED");
    }
    const last = await row(message.id);
    expect(last.attempts).toBe(MAX_ATTEMPTS);

    // FAILED is final: a working server later does not pick it up.
    expect(await deliverOutbox({ smtpUrl, from: FROM })).toMatchObject({ sent: 0, failed: 0 });
    expect(received).toHaveLength(0);
  });

  it("cuts off a send that overruns its budget, so none is in flight when its claim goes stale", async () => {
    // A server that greets and then never answers: no socket timeout would end this soon.
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
    const stalling = net.createServer((socket) => {
      socket.write("220 stalling ESMTP\r\n");
      socket.on("error", () => {});
      socket.resume(); // read what arrives, so the client's close is seen
      socket.on("close", closed);
    });
    await new Promise<void>((resolve) => stalling.listen(0, "127.0.0.1", resolve));
    const url = `smtp://127.0.0.1:${(stalling.address() as AddressInfo).port}`;
    try {
      const first = await queue({ createdAt: new Date(Date.now() - 1000) });
      const second = await queue();
      const result = await deliverOutbox({ smtpUrl: url, from: FROM, sendBudgetMs: 300 });
      expect(result).toEqual({ sent: 0, failed: 1, skipped: false });
      await connectionClosed; // the connection is gone: nothing can still go out
      expect(await row(first.id)).toMatchObject({ status: "PENDING", attempts: 1, sentAt: null });
      expect((await row(first.id)).lastError).toMatch(/cut off/);
      // The round stopped there: the next message waits for the next run, unclaimed.
      expect(await row(second.id)).toMatchObject({ status: "PENDING", attempts: 0 });
    } finally {
      await new Promise((resolve) => stalling.close(resolve));
    }
  });

  it("takes back messages a crashed sender left SENDING, but not fresh claims", async () => {
    const now = Date.now();
    const stale = await queue({
      status: "SENDING",
      attempts: 1,
      sentAt: new Date(now - 11 * 60 * 1000),
    });
    const fresh = await queue({ status: "SENDING", attempts: 1, sentAt: new Date(now - 60_000) });
    const exhausted = await queue({
      status: "SENDING",
      attempts: MAX_ATTEMPTS,
      sentAt: new Date(now - 11 * 60 * 1000),
    });
    expect(await deliverOutbox({ smtpUrl, from: FROM })).toMatchObject({ sent: 1 });
    expect(received.flatMap((m) => m.recipients)).toEqual([stale.toAddress]);
    expect(await row(stale.id)).toMatchObject({ status: "SENT", attempts: 2 });
    expect((await row(fresh.id)).status).toBe("SENDING");
    expect((await row(exhausted.id)).status).toBe("FAILED");
  });
});

describe("outbox list", () => {
  it("lists newest first, a page at a time, filtered by status", async () => {
    const start = Date.now() - 3600 * 1000;
    const created = [];
    for (let i = 0; i < OUTBOX_PAGE_SIZE + 5; i++) {
      created.push(
        await queue({
          subject: `Message ${i}`,
          createdAt: new Date(start + i * 1000),
          ...(i % 10 === 0 ? { status: "FAILED", attempts: 5 } : {}),
          ...(i === 1 ? { status: "SENT", attempts: 1, sentAt: new Date(start + 5_000) } : {}),
        }),
      );
    }

    const first = await listOutbox({ page: 1 });
    expect(first).toMatchObject({ total: OUTBOX_PAGE_SIZE + 5, page: 1, pageCount: 2 });
    expect(first.messages).toHaveLength(OUTBOX_PAGE_SIZE);
    expect(first.messages[0]!.subject).toBe(`Message ${OUTBOX_PAGE_SIZE + 4}`);
    const second = await listOutbox({ page: 2 });
    expect(second.messages.map((m) => m.subject)).toEqual(
      [4, 3, 2, 1, 0].map((i) => `Message ${i}`),
    );

    const sent = second.messages.find((m) => m.subject === "Message 1")!;
    expect(sent).toMatchObject({
      id: created[1]!.id,
      status: "SENT",
      sentAt: new Date(start + 5_000).toISOString(),
      createdAt: new Date(start + 1_000).toISOString(),
      toAddress: created[1]!.toAddress,
      body: created[1]!.body,
      eventType: "ENROLMENT_CREATED",
      language: "en",
      attempts: 1,
      lastError: "",
    });

    const failed = await listOutbox({ page: 1, status: "FAILED" });
    expect(failed).toMatchObject({ total: 3, pageCount: 1 });
    expect(failed.messages.map((m) => m.subject)).toEqual([
      "Message 20",
      "Message 10",
      "Message 0",
    ]);
    expect((await listOutbox({ page: 1, status: "SENT" })).total).toBe(1);
    expect((await listOutbox({ page: 1, status: "PENDING" })).total).toBe(OUTBOX_PAGE_SIZE + 1);
  });
});
