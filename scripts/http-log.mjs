// Express middleware: one JSON log line per request, malformed paths refused, errors logged.
import { loggablePath } from "./logger.mjs";

/** 5xx are errors; refused or invalid requests (4xx) are warnings; the rest is info. */
export function levelFor(status) {
  return status >= 500 ? "error" : status >= 400 ? "warn" : "info";
}

/** Logs method, path (secrets redacted), status and duration when the response is done. */
export function requestLog(logger) {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      if (req.path.startsWith("/assets/")) return;
      logger[levelFor(res.statusCode)](
        {
          method: req.method,
          path: loggablePath(req.originalUrl),
          status: res.statusCode,
          ms: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
        },
        "request",
      );
    });
    next();
  };
}

/** A path whose %-escapes do not decode (e.g. /%E0%A4%A) is a bad request, not a crash. */
export function rejectMalformedPath(req, res, next) {
  try {
    decodeURIComponent(req.path);
  } catch {
    return sendError(res, 400, "malformed URL");
  }
  next();
}

/** Last middleware: known client errors get their status, anything else is a logged 500. */
export function errorHandler(logger) {
  // Express recognises error handlers by their four parameters.
  return (error, req, res, _next) => {
    const status = clientErrorStatus(error);
    if (status === 500) {
      logger.error(
        { err: error, method: req.method, path: loggablePath(req.originalUrl) },
        "request failed",
      );
    }
    if (res.headersSent) {
      // The answer was already under way (e.g. a download cut short): end it.
      res.end();
      return;
    }
    sendError(res, status, status === 500 ? "internal error" : "bad request");
  };
}

function clientErrorStatus(error) {
  if (error instanceof URIError || error?.code === "ERR_INVALID_URL") return 400;
  const status = error?.status ?? error?.statusCode;
  return Number.isInteger(status) && status >= 400 && status < 500 ? status : 500;
}

function sendError(res, status, message) {
  res
    .status(status)
    .type("application/json")
    .send(JSON.stringify({ error: message }));
}
