// The Express app, assembled from its middleware: production and development (dev-app.mjs) alike;
// server.mjs listens, tests mount it.
import compression from "compression";
import express from "express";
import { bodyLimit } from "./body-limit.mjs";
import { errorHandler, rejectMalformedPath, requestLog } from "./http-log.mjs";
import { logger as defaultLogger } from "./logger.mjs";
import { sameOriginOnly } from "./same-origin.mjs";
import { securityHeaders } from "./security-headers.mjs";
import { staticFiles } from "./static-files.mjs";

/**
 * @param {{ handler: import("express").RequestHandler, clientDir?: string,
 *   viteDev?: import("express").RequestHandler, logger?: import("pino").Logger,
 *   appOrigin?: string }} options
 * `handler` answers everything that is not a static file (Remix, or a stub in tests);
 * `clientDir` is the built browser folder (build/client), when there is one; `viteDev` is
 * Vite's dev-server middleware, serving the browser code in development instead (dev-app.mjs);
 * `appOrigin` (default APP_ORIGIN) says whether browsers reach us over HTTPS.
 */
export function createApp({ handler, clientDir, viteDev, logger = defaultLogger, appOrigin }) {
  const app = express();
  app.disable("x-powered-by");
  app.use(requestLog(logger));
  app.use(
    securityHeaders({ appOrigin: appOrigin ?? process.env.APP_ORIGIN, viteDev: Boolean(viteDev) }),
  );
  app.use(rejectMalformedPath);
  app.use(compression());
  if (clientDir) app.use(staticFiles(clientDir));
  if (viteDev) app.use(viteDev);
  app.use(noLegacyDataRequests);
  app.use(sameOriginOnly);
  app.use(bodyLimit());
  app.use(handler);
  app.use(errorHandler(logger));
  return app;
}

/**
 * `?_data=` was Remix's data request before single fetch (`.data` URLs now): old clients and
 * crawlers still send it, and Remix answers an empty 200 and logs a warning. A plain 404 here.
 */
function noLegacyDataRequests(req, res, next) {
  if (!Object.hasOwn(req.query, "_data")) return next();
  res.status(404).type("text/plain").send("Not found");
}

/** What Remix loaders and actions get as `context` (see app/lib/request.server.ts). */
export function loadContextOf(req, res) {
  return {
    clientAddress: req.socket.remoteAddress ?? "unknown",
    cspNonce: res.locals.cspNonce,
    dataRequest: req.path.endsWith(".data"),
  };
}
