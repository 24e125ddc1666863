// The server: security headers, static assets (Vite's dev server under `npm run dev`), the
// same-origin check and body limits for writes, then Remix (scripts/app.mjs). Every log line
// is JSON (scripts/logger.mjs).
import http from "node:http";
import path from "node:path";
import { root } from "./lib.mjs"; // also loads .env
import { createApp, loadContextOf } from "./app.mjs";
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

const server = http.createServer();
const dev = development ? await createDevApp({ httpServer: server }) : undefined;
server.on("request", dev?.app ?? (await productionApp()));
server.listen(port, host, () =>
  logger.info(
    { port, host, mode: process.env.NODE_ENV },
    `Uptake listening on http://localhost:${port}`,
  ),
);
for (const signal of ["SIGINT", "SIGTERM"]) {
  // Vite first: its hot-reload sockets would keep the server open.
  process.on(signal, async () => {
    await dev?.vite.close();
    server.close(() => process.exit(0));
  });
}
