import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
} from "node:worker_threads";

// Markdown is parsed (marked) and sanitised (sanitize-html) in a worker thread, and the
// request waits for it at most a time budget. Some inputs of a few hundred bytes make
// marked's regular expressions backtrack for minutes; in the request's own thread that
// would stall every request of the process. A render over budget ends the worker (a new one
// starts for the next render) and the caller shows the text as plain text (decision 011).
//
// The call stays synchronous (Atomics.wait on a shared flag), so every caller can keep
// rendering inline. The worker's code is a string, so it runs the same from the sources
// (tests) and from the server build.

const WORKER_SOURCE = String.raw`
const { workerData } = require("node:worker_threads");
const { port, shared, markedUrl, sanitizeUrl } = workerData;
const flags = new Int32Array(shared);
Promise.all([import(markedUrl), import(sanitizeUrl)]).then(([markedModule, sanitizeModule]) => {
  const marked = new markedModule.Marked({ gfm: true, breaks: false, async: false });
  const sanitizeHtml = sanitizeModule.default || sanitizeModule;
  // No scripts, no event handlers, no javascript:/data: links, no inline styles, no iframes.
  const options = {
    allowedTags: [
      "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code",
      "ul", "ol", "li", "strong", "em", "del", "a", "img", "table", "thead", "tbody", "tr",
      "th", "td", "input",
    ],
    allowedAttributes: {
      a: ["href", "title", "rel", "target"],
      img: ["src", "alt", "title"],
      code: ["class"],
      th: ["align"],
      td: ["align"],
      input: ["type", "checked", "disabled"],
    },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: ["https"] },
    allowProtocolRelative: false,
    disallowedTagsMode: "discard",
    transformTags: {
      // Links open safely in a new tab.
      a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow", target: "_blank" }),
      // User content sits below the page's own h1 (lesson, idea title): its headings, from
      // Markdown or raw HTML, move one level down, h6 staying h6.
      h1: "h2", h2: "h3", h3: "h4", h4: "h5", h5: "h6",
    },
    // Only absolute https images (a relative src would make the reader's browser call our
    // own URLs), and only task-list checkboxes.
    exclusiveFilter: (frame) =>
      (frame.tag === "input" && frame.attribs.type !== "checkbox") ||
      (frame.tag === "img" && !/^https:\/\//i.test(frame.attribs.src || "")),
  };
  port.on("message", ({ id, markdown }) => {
    let reply;
    try {
      reply = { id, html: sanitizeHtml(marked.parse(markdown), options) };
    } catch (error) {
      reply = { id, error: String((error && error.message) || error) };
    }
    port.postMessage(reply);
    Atomics.store(flags, 0, id);
    Atomics.notify(flags, 0);
  });
  Atomics.store(flags, 1, 1);
  Atomics.notify(flags, 1);
}, () => {
  Atomics.store(flags, 1, 2);
  Atomics.notify(flags, 1);
});
`;

/** How long one render may take before it counts as failed. */
export const RENDER_BUDGET_MS = 1500;
const START_BUDGET_MS = 10_000;

interface Renderer {
  worker: Worker;
  port: MessagePort;
  /** [0]: id of the last finished render; [1]: 0 starting, 1 ready, 2 failed to start. */
  flags: Int32Array;
}

let renderer: Renderer | null = null;
let nextId = 1;
/** When a worker last failed to start: no new try for a minute (each try waits). */
let startFailedAt = 0;

function start(): Renderer | null {
  const require = createRequire(import.meta.url);
  const shared = new SharedArrayBuffer(8);
  const flags = new Int32Array(shared);
  const channel = new MessageChannel();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      port: channel.port2,
      shared,
      markedUrl: pathToFileURL(require.resolve("marked")).href,
      sanitizeUrl: pathToFileURL(require.resolve("sanitize-html")).href,
    },
    transferList: [channel.port2],
  });
  // Never keeps a script or a test run alive on its own.
  worker.unref();
  channel.port1.unref();
  Atomics.wait(flags, 1, 0, START_BUDGET_MS);
  if (Atomics.load(flags, 1) !== 1) {
    void worker.terminate();
    return null;
  }
  return { worker, port: channel.port1, flags };
}

/** `transient`: the text itself may be fine (no worker); worth trying again later. */
export type WorkerRender = { html: string } | { error: string; transient?: boolean };

/**
 * Parses and sanitises `markdown` in the worker, waiting at most `budgetMs`. An error, an
 * overrun (the worker is ended) or a worker that cannot start is reported as an error.
 */
export function renderInWorker(markdown: string, budgetMs = RENDER_BUDGET_MS): WorkerRender {
  if (!renderer && Date.now() - startFailedAt > 60_000) {
    renderer = start();
    if (!renderer) startFailedAt = Date.now();
  }
  const current = renderer;
  if (!current) return { error: "the Markdown worker did not start", transient: true };
  const id = nextId;
  nextId = (nextId % 2_000_000_000) + 1;
  current.port.postMessage({ id, markdown });
  const deadline = Date.now() + budgetMs;
  for (;;) {
    const finished = Atomics.load(current.flags, 0);
    if (finished === id) break;
    const left = deadline - Date.now();
    if (left <= 0) {
      // Over budget: this worker may be stuck for minutes; the next render gets a new one.
      renderer = null;
      void current.worker.terminate();
      return { error: `rendering took longer than ${budgetMs} ms` };
    }
    Atomics.wait(current.flags, 0, finished, left);
  }
  for (;;) {
    const received = receiveMessageOnPort(current.port);
    if (!received) return { error: "the Markdown worker sent no answer" };
    const reply = received.message as { id: number } & WorkerRender;
    if (reply.id === id) return "html" in reply ? { html: reply.html } : { error: reply.error };
  }
}
