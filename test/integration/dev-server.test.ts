import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { createApp } from "../../scripts/app.mjs";
import { createDevApp } from "../../scripts/dev-app.mjs";
import { makeUser, sessionCookie } from "../support/factories";
import { captureLogs } from "../support/logs";

// `npm run dev` as it runs: the production Express app with Vite's dev server inside it
// (scripts/dev-app.mjs), rendering the app from its sources on this file's test database.

const logs = captureLogs();
const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "uptake-dev-test-"));
let server: http.Server;
let vite: ViteDevServer;
let base: string;

/** An HTTP server on a free port; resolves with its base URL. */
async function listen(target: http.Server) {
  target.listen(0, "127.0.0.1");
  await new Promise((resolve) => target.once("listening", resolve));
  return `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  server = http.createServer();
  // No file watching and no browser dependency scan: these requests need neither.
  const dev = await createDevApp({
    httpServer: server,
    viteConfig: {
      cacheDir,
      logLevel: "error",
      server: { watch: null },
      optimizeDeps: { noDiscovery: true, include: [] },
    },
  });
  vite = dev.vite;
  server.on("request", dev.app);
  base = await listen(server);
}, 120_000);

afterAll(async () => {
  await vite?.close();
  await new Promise((resolve) => server?.close(resolve));
  fs.rmSync(cacheDir, { recursive: true, force: true });
});

const crossOriginPost = (url: string) =>
  fetch(url, {
    method: "POST",
    headers: {
      Origin: "https://evil.example",
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: "email=someone%40example.test&password=guess",
    redirect: "manual",
  });

describe("the development server", () => {
  it("renders pages from the sources with the production security headers and request log", async () => {
    const response = await fetch(`${base}/login`);
    expect(response.status).toBe(200);
    const html = await response.text();
    // The hot-reload runtime is on the page: this is rendered from the sources, not build/.
    expect(html).toContain("virtual:remix/inject-hmr-runtime");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(logs.filter((entry) => entry.msg === "request")).toContainEqual(
      expect.objectContaining({ method: "GET", path: "/login", status: 200 }),
    );
  }, 120_000);

  it("refuses a cross-origin POST with the same answer as production", async () => {
    const production = http.createServer(
      createApp({ handler: (_req, res) => void res.status(200).send("reached the app") }),
    );
    const productionBase = await listen(production);
    try {
      const [dev, prod] = await Promise.all([
        crossOriginPost(`${base}/login`),
        crossOriginPost(`${productionBase}/login`),
      ]);
      expect(dev.status).toBe(403);
      expect(dev.status).toBe(prod.status);
      expect(await dev.json()).toEqual(await prod.json());
    } finally {
      await new Promise((resolve) => production.close(resolve));
    }
  });

  it("refuses a body over the limit before the app reads it", async () => {
    const response = await fetch(`${base}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: `email=${"x".repeat(2 * 1024 * 1024)}`,
    });
    expect(response.status).toBe(413);
  });

  it("passes the client address to the app (a refused request is recorded with it)", async () => {
    const employee = await makeUser({ role: "EMPLOYEE" });
    const { cookie } = await sessionCookie(employee.id);
    const response = await fetch(`${base}/admin/audit`, {
      headers: { Cookie: cookie, "X-Uptake-Peer": "203.0.113.66" },
    });
    expect(response.status).toBe(403);
    // The permission guard reads the address from the header the server stamps on every
    // request, replacing what a client sent under that name.
    const refusal = () =>
      getDb().auditEvent.findFirst({
        where: { actorId: employee.id, action: "security.forbidden" },
        select: { ipAddress: true },
      });
    await expect.poll(refusal, { timeout: 10_000 }).toEqual({ ipAddress: "127.0.0.1" });
  }, 60_000);

  it("accepts hot reload's WebSocket on the same server", async () => {
    const url = new URL(`${base}/?token=${vite.config.webSocketToken}`);
    const status = await new Promise<number>((resolve, reject) => {
      const upgrade = http.request(url, {
        headers: {
          Connection: "Upgrade",
          Upgrade: "websocket",
          "Sec-WebSocket-Version": "13",
          "Sec-WebSocket-Key": Buffer.from("uptake-dev-test!").toString("base64"),
          "Sec-WebSocket-Protocol": "vite-hmr",
        },
      });
      upgrade.on("upgrade", (res, socket) => {
        socket.destroy();
        resolve(res.statusCode ?? 0);
      });
      upgrade.on("response", (res) => resolve(res.statusCode ?? 0));
      upgrade.on("error", reject);
      upgrade.end();
    });
    expect(status).toBe(101);
  });
});
