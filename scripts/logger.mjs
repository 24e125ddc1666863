// One structured logger (pino, one JSON object per line) for the server and the app.
import cluster from "node:cluster";
import pino from "pino";

/** Header and field names whose values never reach a log line (cookies, tokens, passwords). */
const REDACT = [
  "headers.cookie",
  "headers.authorization",
  'headers["set-cookie"]',
  "req.headers.cookie",
  "req.headers.authorization",
  // Field names at any of the first three levels (pino's wildcards match one level each).
  // Not "code": error codes (err.code, SQLITE_BUSY) must stay readable.
  ...["password", "currentPassword", "newPassword", "confirmPassword", "token", "secret"].flatMap(
    (name) => [name, `*.${name}`, `*.*.${name}`, `*.*.*.${name}`],
  ),
];

/** Query parameters whose values are secrets or personal data: logged as "[redacted]". */
const SECRET_PARAMS = /^(token|code|password|secret|otp|email|q|user)$/i;

let destination = process.stdout;

/**
 * The process-wide logger. Level from LOG_LEVEL (default info; silent in tests unless set).
 * Writes go through `destination` so tests can capture the lines.
 */
export const logger = pino(
  {
    level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
    // Which process wrote the line: several serve at once (one per core, decision 022).
    base: cluster.isWorker ? { pid: process.pid, worker: cluster.worker.id } : { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACT, censor: "[redacted]" },
  },
  { write: (line) => destination.write(line) },
);

/** Tests: send log lines somewhere else (an object with write(line)); returns the old one. */
export function setLogDestination(next) {
  const previous = destination;
  destination = next;
  return previous;
}

/**
 * A URL as it may be logged: the path (never undecoded garbage), with the values of secret or
 * personal query parameters replaced. Accepts "/path?x=1" or an absolute URL.
 */
export function loggablePath(url) {
  let parsed;
  try {
    parsed = new URL(url, "http://uptake.invalid");
  } catch {
    return "[unparsable]";
  }
  // A certificate code is a bearer secret: whoever has it may see the certificate.
  const pathname = parsed.pathname.replace(/^\/verify\/[^/]+/, "/verify/[redacted]");
  if (parsed.search === "") return pathname;
  const shown = new URLSearchParams();
  for (const [key, value] of parsed.searchParams) {
    shown.append(key, SECRET_PARAMS.test(key) ? "[redacted]" : value.slice(0, 100));
  }
  return `${pathname}?${shown.toString().replaceAll("%5Bredacted%5D", "[redacted]")}`;
}
