import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../scripts/app.mjs";
import { compressAssets } from "../../scripts/compress-assets.mjs";

// The built browser files through the production middleware (scripts/app.mjs, static-files.mjs),
// on a small client folder compressed as the build compresses it.

const clientDir = fs.mkdtempSync(path.join(os.tmpdir(), "uptake-static-"));
const script = `export const words = ${JSON.stringify("uptake ".repeat(600))};\n`;
fs.mkdirSync(path.join(clientDir, "assets"));
fs.writeFileSync(path.join(clientDir, "assets", "entry-Ab12Cd.js"), script);
fs.writeFileSync(path.join(clientDir, "favicon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");

let pagesHandled = 0;
function pages(_req: ExpressRequest, res: ExpressResponse) {
  pagesHandled++;
  res.type("text/html").send("<p>page</p>");
}

let server: http.Server;
let base: string;
beforeAll(async () => {
  compressAssets(clientDir);
  server = createApp({ handler: pages, clientDir }).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(clientDir, { recursive: true, force: true });
});

function get(pathname: string, acceptEncoding?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      const headers = acceptEncoding ? { "Accept-Encoding": acceptEncoding } : {};
      http
        .get(`${base}${pathname}`, { headers, agent: false }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
            }),
          );
        })
        .on("error", reject);
    },
  );
}

describe("built browser files", () => {
  it("sends the Brotli copy made at build time to a browser that accepts it, cached for a year", async () => {
    const response = await get("/assets/entry-Ab12Cd.js", "gzip, deflate, br");
    expect(response.status).toBe(200);
    expect(response.headers["content-encoding"]).toBe("br");
    expect(response.headers["content-type"]).toMatch(/javascript/);
    expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(response.headers.vary).toMatch(/Accept-Encoding/);
    // The build's copy, byte for byte: nothing was compressed again for this request.
    expect(response.body).toEqual(
      fs.readFileSync(path.join(clientDir, "assets", "entry-Ab12Cd.js.br")),
    );
    expect(zlib.brotliDecompressSync(response.body).toString()).toBe(script);
  });

  it("sends gzip to a browser without Brotli, and the plain file to one that accepts neither", async () => {
    const gzip = await get("/assets/entry-Ab12Cd.js", "gzip");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(gzip.body).toString()).toBe(script);
    const plain = await get("/assets/entry-Ab12Cd.js", "identity");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it("caches files outside /assets (not content-hashed) for an hour only", async () => {
    const response = await get("/favicon.svg", "br");
    expect(response.status).toBe(200);
    expect(response.headers["cache-control"]).toBe("public, max-age=3600");
    expect(response.headers["content-type"]).toMatch(/svg/);
  });

  it("passes every other path to the app, including the compressed copies' own names", async () => {
    const before = pagesHandled;
    expect((await get("/learn", "br")).body.toString()).toBe("<p>page</p>");
    expect((await get("/assets/entry-Ab12Cd.js.br")).body.toString()).toBe("<p>page</p>");
    expect((await get("/assets/../favicon.svg.gz")).body.toString()).toBe("<p>page</p>");
    expect(pagesHandled).toBe(before + 3);
  });
});
