import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../scripts/app.mjs";
import { MAX_FORM_FIELDS } from "../../scripts/body-limit.mjs";
import { logger, setLogDestination } from "../../scripts/logger.mjs";

// The production server's middleware (scripts/app.mjs) over real HTTP, with a stub in place of
// Remix that echoes what reached it.

const lines: string[] = [];
let received: { path: string; bytes: number }[] = [];

function stub(req: ExpressRequest, res: ExpressResponse) {
  if (req.path === "/boom") throw new Error("handler exploded");
  if (req.path === "/missing") return res.status(404).type("text/plain").send("nope");
  const body = (req as { body?: Buffer }).body;
  received.push({ path: req.path, bytes: body?.length ?? 0 });
  res.type("text/html").send(`<p>${body?.length ?? 0}</p>`);
}

async function listen(options: { appOrigin?: string } = {}) {
  const server = createApp({ handler: stub, ...options }).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let server: http.Server;
let base: string;
let previousDestination: ReturnType<typeof setLogDestination>;
let previousLevel: string;

beforeAll(async () => {
  ({ server, base } = await listen());
  previousLevel = logger.level;
  logger.level = "info";
  previousDestination = setLogDestination({ write: (line: string) => lines.push(line) });
});

afterAll(async () => {
  setLogDestination(previousDestination);
  logger.level = previousLevel;
  await new Promise((resolve) => server.close(resolve));
});

/** A raw request: a Buffer body is sent with Content-Length, chunks as a chunked stream. */
function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; chunks?: Buffer[] } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, {
      method: options.method ?? "GET",
      headers: options.headers,
      // A connection per request: one that announced a body it never sent is not reused.
      agent: false,
    });
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      // "close" too: after a refusal the server may cut the upload once it has answered.
      const done = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      res.on("end", done);
      res.on("close", done);
    });
    // The server may cut the connection after answering a refused upload.
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (!["EPIPE", "ECONNRESET"].includes(error.code ?? "")) reject(error);
    });
    const chunks = options.chunks ?? [];
    let index = 0;
    const pump = () => {
      if (index >= chunks.length) return req.end();
      if (req.destroyed) return;
      req.write(chunks[index++], () => setImmediate(pump));
    };
    pump();
  });
}

const MB = 1024 * 1024;
const form = { "Content-Type": "application/x-www-form-urlencoded" };

describe("request body limits", () => {
  it("refuses a declared Content-Length over the limit before reading the body", async () => {
    received = [];
    // 200 MB announced, nothing sent: the answer comes at once.
    const res = await send("/ideas/new", {
      method: "POST",
      headers: { ...form, "Content-Length": String(200 * MB) },
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual({ error: expect.stringContaining("larger than") });
    expect(res.body.length).toBeLessThan(200);
    expect(received).toEqual([]);
  });

  it("counts a chunked body as it streams and stops it past the limit", async () => {
    received = [];
    const chunk = Buffer.alloc(256 * 1024, "a");
    // 64 MB offered in chunks; the server answers after ~1 MB and never buffers the rest.
    const res = await send("/courses/new", {
      method: "POST",
      headers: { ...form, "Transfer-Encoding": "chunked" },
      chunks: Array.from({ length: 256 }, () => chunk),
    });
    expect(res.status).toBe(413);
    expect(res.headers["content-type"]).toMatch(/application\/json/);
    expect(received).toEqual([]);
  });

  it("lets the staff import take a file of up to 10 MB, and refuses one past it", async () => {
    received = [];
    const multipart = { "Content-Type": "multipart/form-data; boundary=b" };
    const upload = (bytes: number) =>
      Buffer.concat([
        Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; filename="s.csv"\r\n\r\n'),
        Buffer.alloc(bytes, "a"),
        Buffer.from("\r\n--b--\r\n"),
      ]);
    const post = (path: string, body: Buffer) =>
      send(path, {
        method: "POST",
        headers: { ...multipart, "Content-Length": String(body.length) },
        chunks: [body],
      });
    // A 20,000-person file is about 2 MB; the page itself refuses a file over 10 MB.
    const accepted = await post("/admin/import.data", upload(10 * MB));
    const refused = await post("/admin/import", upload(11 * MB));
    const elsewhere = await post("/ideas/new", upload(2 * MB));
    expect([accepted.status, refused.status, elsewhere.status]).toEqual([200, 413, 413]);
    expect(JSON.parse(refused.body).error).toMatch(/larger than 10304 KB/);
    expect(received.map((r) => r.path)).toEqual(["/admin/import.data"]);
  });

  it("passes bodies within the limit through whole, chunked or not", async () => {
    received = [];
    const body = Buffer.from(`markdown=${"x".repeat(900 * 1024)}`);
    const plain = await send("/courses/markdown-preview", {
      method: "POST",
      headers: { ...form, "Content-Length": String(body.length) },
      chunks: [body],
    });
    const chunked = await send("/courses/markdown-preview", {
      method: "POST",
      headers: { ...form, "Transfer-Encoding": "chunked" },
      chunks: [body.subarray(0, 1000), body.subarray(1000)],
    });
    expect([plain.status, chunked.status]).toEqual([200, 200]);
    expect(received.map((r) => r.bytes)).toEqual([body.length, body.length]);
  });

  it("caps the number of form fields (urlencoded and multipart)", async () => {
    received = [];
    const fields = (n: number) =>
      Buffer.from(Array.from({ length: n }, (_, i) => `f${i}=1`).join("&"));
    const ok = await send("/x", {
      method: "POST",
      headers: form,
      chunks: [fields(MAX_FORM_FIELDS)],
    });
    const tooMany = await send("/x", {
      method: "POST",
      headers: form,
      chunks: [fields(MAX_FORM_FIELDS + 1)],
    });
    expect([ok.status, tooMany.status]).toEqual([200, 413]);
    expect(JSON.parse(tooMany.body).error).toMatch(/form fields/);

    // Mixed case, as browsers send it: the boundary is matched exactly.
    const boundary = "----WebKitFormBoundaryAbC9xYz";
    const parts = (n: number) =>
      Buffer.from(
        Array.from(
          { length: n },
          (_, i) => `--${boundary}\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\n1\r\n`,
        ).join("") + `--${boundary}--\r\n`,
      );
    const multipart = { "Content-Type": `multipart/form-data; boundary=${boundary}` };
    const okParts = await send("/x", {
      method: "POST",
      headers: multipart,
      chunks: [parts(MAX_FORM_FIELDS)],
    });
    const tooManyParts = await send("/x", {
      method: "POST",
      headers: multipart,
      chunks: [parts(MAX_FORM_FIELDS + 1)],
    });
    expect([okParts.status, tooManyParts.status]).toEqual([200, 413]);
  });

  it("keeps the server's memory flat under several 200 MB uploads", async () => {
    const chunk = Buffer.alloc(1 * MB, "b");
    global.gc?.();
    const before = process.memoryUsage().rss;
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        send("/ideas/new", {
          method: "POST",
          headers: { ...form, "Transfer-Encoding": "chunked" },
          chunks: Array.from({ length: 200 }, () => chunk),
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([413, 413, 413, 413]);
    // Client and server share this process: what the server kept would show here.
    // Loose for a busy shared process; keeping the bodies would add some 800 MB.
    expect(process.memoryUsage().rss - before).toBeLessThan(300 * MB);
  });
});

describe("log lines", () => {
  it("writes one JSON object per line, 4xx as warnings, 5xx as errors, no secrets", async () => {
    lines.length = 0;
    await send("/reports?token=s3cret&page=2", {
      headers: { Cookie: "uptake_session=abcdef123456", Authorization: "Bearer zzz" },
    });
    await send("/missing");
    await send("/boom");
    await send("/%E0%A4%A");
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.every((line) => line.endsWith("\n") && !line.slice(0, -1).includes("\n"))).toBe(
      true,
    );
    const requests = entries.filter((e) => e.msg === "request");
    expect(requests.map((e) => [e.status, e.level])).toEqual([
      [200, "info"],
      [404, "warn"],
      [500, "error"],
      [400, "warn"],
    ]);
    expect(requests[0]).toMatchObject({ method: "GET", path: "/reports?token=[redacted]&page=2" });
    const failure = entries.find((e) => e.msg === "request failed");
    expect(failure).toMatchObject({ level: "error", path: "/boom" });
    expect((failure?.err as { message?: string }).message).toBe("handler exploded");
    const all = lines.join("");
    expect(all).not.toContain("abcdef123456");
    expect(all).not.toContain("s3cret");
    expect(all).not.toContain("zzz");
    expect(entries.every((e) => typeof e.time === "string")).toBe(true);
  });

  it("keeps error codes readable and redacts passwords and tokens nested in logged objects", () => {
    lines.length = 0;
    const err = Object.assign(new Error("database busy"), { code: "SQLITE_BUSY" });
    logger.warn(
      { err, form: { password: "hunter2-top" }, deep: { a: { newPassword: "hunter2-deep" } } },
      "check",
    );
    const entry = JSON.parse(lines[0]!) as { err: { code: string } };
    expect(entry.err.code).toBe("SQLITE_BUSY");
    expect(lines[0]).not.toContain("hunter2");
  });

  it("answers a malformed %-path with a short 400 JSON, not a stack trace", async () => {
    for (const path of ["/%E0%A4%A", "/learn/%", "/ideas/%C0%AF", "/assets/%ZZ"]) {
      const res = await send(path);
      expect(res.status, path).toBe(400);
      expect(JSON.parse(res.body)).toEqual({ error: "malformed URL" });
    }
  });
});

describe("legacy data requests", () => {
  it("answers ?_data= (Remix before single fetch) with a 404 that never reaches Remix", async () => {
    received = [];
    for (const path of [
      "/learn?_data=routes%2Flearn%2Findex",
      "/?_data=root",
      "/ideas?x=1&_data=",
    ]) {
      const res = await send(path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).toBe("Not found");
    }
    expect(received).toEqual([]);
    expect((await send("/learn?data=1")).status).toBe(200);
    expect(received.map((r) => r.path)).toEqual(["/learn"]);
  });
});

describe("security headers", () => {
  it("sends a nonce-based CSP and the other headers on every response, errors too", async () => {
    const first = await send("/");
    const second = await send("/missing");
    const failed = await send("/boom");
    const nonceOf = (csp: unknown) => /'nonce-([^']+)'/.exec(String(csp))?.[1];
    for (const res of [first, second, failed]) {
      const csp = String(res.headers["content-security-policy"]);
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("img-src 'self' data: https:");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["referrer-policy"]).toBe("same-origin");
      expect(res.headers["x-frame-options"]).toBe("DENY");
      expect(res.headers["permissions-policy"]).toContain("camera=()");
      // Plain HTTP: no HSTS, no upgrade of every asset.
      expect(res.headers["strict-transport-security"]).toBeUndefined();
      expect(csp).not.toContain("upgrade-insecure-requests");
    }
    expect(nonceOf(first.headers["content-security-policy"])).not.toBe(
      nonceOf(second.headers["content-security-policy"]),
    );
  });

  it("adds HSTS when browsers reach the app over HTTPS (APP_ORIGIN)", async () => {
    const secure = await listen({ appOrigin: "https://uptake.example" });
    try {
      const res = await fetch(`${secure.base}/`);
      expect(res.headers.get("strict-transport-security")).toMatch(/max-age=31536000/);
      expect(res.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    } finally {
      await new Promise((resolve) => secure.server.close(resolve));
    }
  });
});
