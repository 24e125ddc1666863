// The server: security headers, static assets (Vite's dev server under `npm run dev`), the
// same-origin check and body limits for writes, then Remix (scripts/app.mjs). In production it
// runs one process per core (WEB_CONCURRENCY; scripts/cluster.mjs, decision 022); this file is
// also what each worker runs. Every log line is JSON (scripts/logger.mjs).
import cluster from "node:cluster";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { root } from "./lib.mjs"; // also loads .env
import { createApp, loadContextOf } from "./app.mjs";
import { drainOnSignal, runPrimary, workerCount } from "./cluster.mjs";
import { createDevApp } from "./dev-app.mjs";
import { logger } from "./logger.mjs";
import { remixHandler } from "./remix-handler.mjs";

process.env.NODE_ENV ??= "production";
const development = process.env.NODE_ENV === "development";
const port = Number(process.env.PORT ?? 3000);
// The dev server answers with source files: only this machine reaches it unless HOST says so.
const host = process.env.HOST ?? (development ? "localhost" : "0.0.0.0");

/** The app on the production build (`npm run build`). */
async function productionApp() {
  let build;
  try {
    build = await import(path.join(root, "build/server/index.js"));
  } catch (error) {
    logger.fatal({ err: error }, "cannot load the server build (run `npm run build`)");
    process.exit(1);
  }
  return createApp({
    clientDir: path.join(root, "build/client"),
    handler: remixHandler({ build, mode: process.env.NODE_ENV, getLoadContext: loadContextOf }),
  });
}

/** One HTTP server in this process, until SIGTERM or SIGINT lets its requests finish. */
async function serve() {
  const server = http.createServer();
  const dev = development ? await createDevApp({ httpServer: server }) : undefined;
  // Vite first: its hot-reload sockets would keep the server open.
  drainOnSignal(server, { beforeClose: () => dev?.vite.close() });
  server.on("request", dev?.app ?? (await productionApp()));
  server.listen(port, host, () =>
    logger.info(
      { port, host, mode: process.env.NODE_ENV, jobs: process.env.UPTAKE_JOBS ?? "on" },
      `Uptake listening on http://localhost:${port}`,
    ),
  );
}

let processes;
try {
  // Development stays one process: Vite's watcher and hot reload are per process.
  processes = development ? 1 : workerCount();
} catch (error) {
  logger.fatal({ err: error }, error.message);
  process.exit(1);
}
if (cluster.isPrimary && processes > 1) {
  runPrimary({ count: processes, exec: fileURLToPath(import.meta.url) });
} else {
  await serve();
}
