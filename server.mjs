// Production server: static assets, same-origin check for writes, then Remix.
import path from "node:path";
import { fileURLToPath } from "node:url";
import compression from "compression";
import express from "express";
import { createRequestHandler } from "@remix-run/express";

const root = path.dirname(fileURLToPath(import.meta.url));
const build = await import(path.join(root, "build/server/index.js"));
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const log = (level, message, extra = {}) =>
  console.log(JSON.stringify({ level, time: new Date().toISOString(), message, ...extra }));

/**
 * Refuses cross-site writes: a non-GET request must carry an Origin (or, failing that, a
 * Referer) whose host is this server's. Requests with neither come from non-browser clients,
 * which cannot ride on a visitor's cookie, and are let through.
 */
export function sameOriginOnly(req, res, next) {
  if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
  const source = req.get("origin") ?? req.get("referer");
  const expected = process.env.APP_ORIGIN ? new URL(process.env.APP_ORIGIN).host : req.get("host");
  if (!source) {
    if (req.get("sec-fetch-site") === "cross-site") return refuse(res);
    return next();
  }
  let sourceHost;
  try {
    sourceHost = new URL(source).host;
  } catch {
    return refuse(res);
  }
  return sourceHost === expected ? next() : refuse(res);
}

function refuse(res) {
  res.status(403).type("application/json").send(JSON.stringify({ error: "cross-origin request refused" }));
}

const app = express();
app.disable("x-powered-by");
app.use(compression());
app.use("/assets", express.static(path.join(root, "build/client/assets"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(root, "build/client"), { maxAge: "1h" }));
app.use(sameOriginOnly);
app.use((req, res, next) => {
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    if (req.path.startsWith("/assets/")) return;
    log("info", "request", {
      method: req.method,
      path: req.path,
      status: res.statusCode,
      ms: Number(process.hrtime.bigint() - started) / 1e6,
    });
  });
  next();
});
app.all(
  "*",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV ?? "production",
    getLoadContext: (req) => ({ clientAddress: req.socket.remoteAddress ?? "unknown" }),
  }),
);

const server = app.listen(port, host, () => log("info", `Uptake listening on http://localhost:${port}`));
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
