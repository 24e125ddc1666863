import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

// A real SMTP server on a free local port that keeps what it receives, for e-mail tests.

export interface Received {
  recipients: string[];
  raw: string;
}

export interface SmtpCapture {
  url: string;
  received: Received[];
  close: () => Promise<void>;
}

/** `delayMs`: each message is acknowledged that long after it arrived (a slow server). */
export async function startSmtpServer({ delayMs = 0 } = {}): Promise<SmtpCapture> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          recipients: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString("latin1"),
        });
        setTimeout(callback, delayMs);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(resolve)),
  };
}

/** Splits a raw message into unfolded headers (lower-case names) and its body. */
export function parse(raw: string) {
  const split = raw.indexOf("\r\n\r\n");
  const headers = new Map<string, string>();
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, " ")
    .split("\r\n")) {
    const colon = line.indexOf(":");
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(split + 4) };
}

/** Decodes RFC 2047 encoded-words (B and Q); adjacent words are joined before decoding. */
export function decodeHeader(value: string): string {
  return value.replace(/(?:=\?[^?]+\?[BbQq]\?[^?]*\?=\s*)+/g, (run) => {
    const bytes = [...run.matchAll(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g)].map(([, , enc, text]) =>
      enc!.toUpperCase() === "B"
        ? Buffer.from(text!, "base64")
        : decodeQuotedPrintable(text!.replace(/_/g, " ")),
    );
    return Buffer.concat(bytes).toString("utf8");
  });
}

function decodeQuotedPrintable(text: string): Buffer {
  const bytes: number[] = [];
  const input = text.replace(/=\r?\n/g, "");
  for (let i = 0; i < input.length; i++) {
    if (input[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(input.slice(i + 1, i + 3))) {
      bytes.push(parseInt(input.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(input.charCodeAt(i));
    }
  }
  return Buffer.from(bytes);
}

export function decodeBody(raw: string): string {
  const { headers, body } = parse(raw);
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString();
  if (encoding === "quoted-printable") return decodeQuotedPrintable(body).toString("utf8");
  return Buffer.from(body, "latin1").toString("utf8");
}
