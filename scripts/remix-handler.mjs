// The Remix request handler for Express, reading the body that body-limit.mjs already checked.
import remixNode from "@remix-run/node";
import { PEER_ADDRESS_HEADER, REQUEST_ID_HEADER } from "./peer-address.mjs";

// A CommonJS package: Node's ESM loader cannot see these names as named exports.
const { createReadableStreamFromReadable, createRequestHandler, writeReadableStreamToWritable } =
  remixNode;

function createRemixHeaders(requestHeaders) {
  const headers = new Headers();
  for (const [key, values] of Object.entries(requestHeaders)) {
    if (values === undefined) continue;
    for (const value of Array.isArray(values) ? values : [values]) headers.append(key, value);
  }
  return headers;
}

async function sendRemixResponse(res, response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/**
 * Like @remix-run/express's handler (whose helpers are not exported), with two differences: the body is the Buffer that
 * bodyLimit() read within its limit (so Remix never streams an unbounded upload), and a
 * response that does not set Cache-Control gets `no-store` (pages, data and exports are
 * personal; static files are served before this with their own caching). `build` is the
 * server build, or a function that loads it per request (Vite's, in development).
 */
export function remixHandler({ build, mode = process.env.NODE_ENV, getLoadContext }) {
  const handle = createRequestHandler(build, mode);
  let requests = 0;
  return async (req, res, next) => {
    try {
      const controller = new AbortController();
      res.on("close", () => {
        if (!res.writableFinished) controller.abort();
      });
      const headers = createRemixHeaders(req.headers);
      // The socket peer, for code that has the request but not the load context
      // (app/lib/request.server.ts); whatever a client sent under this name is replaced.
      headers.set(PEER_ADDRESS_HEADER, req.socket.remoteAddress ?? "unknown");
      headers.set(REQUEST_ID_HEADER, String(++requests));
      const init = { method: req.method, headers, signal: controller.signal };
      if (req.method !== "GET" && req.method !== "HEAD") {
        if (Buffer.isBuffer(req.body)) init.body = req.body;
        else {
          init.body = createReadableStreamFromReadable(req);
          init.duplex = "half";
        }
      }
      const url = new URL(`${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`);
      const request = new Request(url.href, init);
      const response = await handle(request, await getLoadContext?.(req, res));
      if (!response.headers.has("Cache-Control")) res.setHeader("Cache-Control", "no-store");
      await sendRemixResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}
