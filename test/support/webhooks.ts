// A real webhook receiver for the tests: a node:http server on 127.0.0.1 that records each
// request and answers with the status the test sets (or a redirect, or nothing for a while).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createSubscription } from "~/modules/webhooks/index.server";
import { webhookFormSchema, type WebhookEventType } from "~/modules/webhooks";
import type { Principal } from "~/lib/permissions";

export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** The status of the next answers (200 unless set). */
  answer: (status: number, extraHeaders?: Record<string, string>) => void;
  /** Delays every answer (a receiver that hangs). */
  delay: (ms: number) => void;
  close: () => Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  let status = 200;
  let headers: Record<string, string> = {};
  let delayMs = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      setTimeout(() => {
        res.writeHead(status, headers);
        res.end("ok");
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    answer: (next, extra = {}) => {
      status = next;
      headers = extra;
    },
    delay: (ms) => {
      delayMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let keys = 0;

/** A subscription made through the module, as the admin page does; its secret returned. */
export async function subscribe(
  admin: Principal,
  url: string,
  eventTypes: WebhookEventType[],
  description = "",
) {
  const input = webhookFormSchema.parse({ url, description, eventTypes });
  const created = await createSubscription(admin, {
    ...input,
    createKey: `test-key-${process.pid}-${++keys}-${Date.now()}`,
  });
  return { id: created.id, secret: created.secret! };
}
