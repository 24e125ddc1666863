// Production server: security headers, static assets, same-origin check and body limits for
// writes, then Remix (scripts/app.mjs). Every log line is JSON (scripts/logger.mjs).
import path from "node:path";
import { fileURLToPath } from "node:url";
import "./lib.mjs"; // loads .env
import { createApp, loadContextOf } from "./app.mjs";
import { logger } from "./logger.mjs";
import { remixHandler } from "./remix-handler.mjs";

process.env.NODE_ENV ??= "production";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
let build;
try {
  build = await import(path.join(root, "build/server/index.js"));
} catch (error) {
  logger.fatal({ err: error }, "cannot load the server build (run `npm run build`)");
  process.exit(1);
}
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";

const app = createApp({
  clientDir: path.join(root, "build/client"),
  handler: remixHandler({
    build,
    mode: process.env.NODE_ENV,
    getLoadContext: loadContextOf,
  }),
});

const server = app.listen(port, host, () =>
  logger.info({ port, host }, `Uptake listening on http://localhost:${port}`),
);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
