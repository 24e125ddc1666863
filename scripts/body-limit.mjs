// Express middleware: request bodies are refused with 413 before they are buffered past a limit.

const KB = 1024;
const MB = 1024 * KB;

/**
 * Bytes a body may have, by path. The largest form bodies are lesson Markdown (50,000
 * characters, under 0.5 MB even URL-encoded Chinese) and course editor JSON. The staff
 * import takes a CSV file of up to 10 MB (20,000 people is about 2 MB), plus the multipart
 * envelope; the page refuses a larger file itself, next to the field. So does the KPI actuals
 * import (50,000 rows are about 2 MB).
 */
export const BODY_LIMITS = [
  { prefix: "/", bytes: 1 * MB },
  { prefix: "/admin/import", bytes: 10 * MB + 64 * KB },
  { prefix: "/initiatives/kpis/import", bytes: 10 * MB + 64 * KB },
];

/** Form fields a urlencoded or multipart body may hold (the largest real form has ~300). */
export const MAX_FORM_FIELDS = 1000;

export function bodyLimitFor(path, limits = BODY_LIMITS) {
  let best = { prefix: "", bytes: 1 * MB };
  for (const entry of limits) {
    if (path.startsWith(entry.prefix) && entry.prefix.length > best.prefix.length) best = entry;
  }
  return best.bytes;
}

/**
 * Reads the body into `req.body` (a Buffer) when it fits. A declared Content-Length over the
 * limit is refused before a byte is read; a chunked body is counted as it streams and refused
 * the moment it passes the limit (what arrived is dropped, the rest is never kept).
 */
export function bodyLimit({ limits = BODY_LIMITS, maxFields = MAX_FORM_FIELDS } = {}) {
  return (req, res, next) => {
    const declared = req.headers["content-length"];
    if (req.headers["transfer-encoding"] === undefined && (!declared || declared === "0")) {
      return next();
    }
    const limit = bodyLimitFor(req.path, limits);
    if (declared !== undefined && Number(declared) > limit) return tooLarge(req, res, limit);
    const chunks = [];
    let size = 0;
    let settled = false;
    req.on("data", (chunk) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        settled = true;
        chunks.length = 0;
        tooLarge(req, res, limit);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (settled) return;
      settled = true;
      req.body = Buffer.concat(chunks, size);
      if (formFieldCount(req) > maxFields) {
        return refuse(req, res, 413, `at most ${maxFields} form fields`);
      }
      next();
    });
    req.on("error", (error) => {
      if (settled) return;
      settled = true;
      next(error);
    });
  };
}

/** Fields in a urlencoded (`&`-separated) or multipart (boundary-separated) body. */
export function formFieldCount(req) {
  const header = String(req.headers["content-type"] ?? "");
  const type = header.toLowerCase();
  const body = req.body;
  if (!body || body.length === 0) return 0;
  if (type.startsWith("application/x-www-form-urlencoded")) {
    let fields = 1;
    for (let at = body.indexOf(0x26); at !== -1; at = body.indexOf(0x26, at + 1)) fields += 1;
    return fields;
  }
  // The boundary is case-sensitive (browsers send e.g. ----WebKitFormBoundaryAbC…).
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(header);
  if (type.startsWith("multipart/form-data") && boundary) {
    const marker = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
    let fields = -1; // the closing delimiter ends the last part
    for (let at = body.indexOf(marker); at !== -1; at = body.indexOf(marker, at + marker.length))
      fields += 1;
    return Math.max(fields, 0);
  }
  return 0;
}

function tooLarge(req, res, limit) {
  refuse(req, res, 413, `request body larger than ${Math.round(limit / KB)} KB`);
}

/** After a refusal, this much more of the upload is read and dropped before the socket is cut. */
const DRAIN_BYTES = 8 * MB;
const DRAIN_MS = 5000;

/**
 * Answers at once. The rest of the upload is read and dropped (memory stays flat) for a while,
 * so the client gets to read the answer instead of a reset; a longer upload is cut off.
 */
function refuse(req, res, status, message) {
  if (!res.headersSent) {
    res
      .status(status)
      .type("application/json")
      .send(JSON.stringify({ error: message }));
  }
  req.removeAllListeners("data");
  if (req.complete) return;
  const socket = req.socket;
  let drained = 0;
  let closing = false;
  const cut = () => socket.destroy();
  // A client that asked for Connection: close would otherwise be reset as soon as the answer
  // is written, with its upload unread, and lose the answer: half-close and keep draining.
  socket.destroySoon = () => {
    closing = true;
    socket.end();
  };
  req.once("end", () => {
    if (closing) cut();
  });
  const timer = setTimeout(cut, DRAIN_MS);
  timer.unref();
  req.on("data", (chunk) => {
    drained += chunk.length;
    if (drained > DRAIN_BYTES) cut();
  });
  req.once("close", () => clearTimeout(timer));
  req.resume();
}
