// The bytes of a first page load (issue 13, item 7), for `npm run bench:pages`: the page's
// HTML, then every script, stylesheet and preloaded asset it references, and the modules
// those scripts import statically (what the browser fetches before the page is interactive;
// lazy `import()`s inside the bundles are left out). Each file is fetched twice: as sent to a
// browser that accepts compression (the bytes on the wire) and uncompressed (raw).
import http from "node:http";
import { freshConnections } from "./bench-server.mjs";

/** Budgets for a learner's first load of /learn, compressed bytes on the wire. */
export const FIRST_LOAD_BUDGET = { js: 200 * 1024, css: 40 * 1024 };

const ATTRIBUTE_URL = /<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"[^>]*>/g;
const INLINE_IMPORT = /\bimport\s*(?:\(\s*|[^"'()]*?\bfrom\s*)"([^"]+\.js)"/g;
// Minified modules: `import"./a.js"`, `from"./b.js"` (static imports only).
const MODULE_IMPORT = /(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g;
const ASSET = /\.(js|css|woff2?|svg|png)$/;

function fetchBytes(url, { cookie, compressed }) {
  const headers = { "Accept-Encoding": compressed ? "br, gzip" : "identity" };
  if (cookie) headers.Cookie = cookie;
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers, agent: freshConnections }, (res) => {
        const chunks = [];
        res.on("data", (chunk) => chunks.push(chunk));
        res.on("end", () => {
          if (res.statusCode !== 200) reject(new Error(`${url} answered ${res.statusCode}`));
          else resolve({ body: Buffer.concat(chunks), encoding: res.headers["content-encoding"] });
        });
      })
      .on("error", reject);
  });
}

/** What the HTML references: tags' src/href of assets, and the inline entry's imports. */
function referencedUrls(html, pageUrl) {
  const found = new Set();
  for (const [tag, href] of html.matchAll(ATTRIBUTE_URL)) {
    if (/rel="(?:icon|canonical|alternate)"/.test(tag)) continue;
    if (ASSET.test(new URL(href, pageUrl).pathname)) found.add(new URL(href, pageUrl).href);
  }
  for (const script of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    for (const [, spec] of script[1].matchAll(INLINE_IMPORT))
      found.add(new URL(spec, pageUrl).href);
  }
  return found;
}

/**
 * The first load of `pathname` (with `cookie`, when given): bytes by kind (html, js, css,
 * other), each `{ files, raw, wire }`.
 */
export async function firstLoadBytes(origin, pathname, cookie) {
  const pageUrl = new URL(pathname, origin).href;
  const totals = {};
  const add = (kind, raw, wire) => {
    totals[kind] ??= { files: 0, raw: 0, wire: 0 };
    totals[kind].files++;
    totals[kind].raw += raw;
    totals[kind].wire += wire;
  };
  const html = await fetchBytes(pageUrl, { cookie, compressed: false });
  const htmlWire = await fetchBytes(pageUrl, { cookie, compressed: true });
  add("html", html.body.length, htmlWire.body.length);
  const queue = [...referencedUrls(html.body.toString("utf8"), pageUrl)];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const url = queue.shift();
    const [raw, wire] = await Promise.all([
      fetchBytes(url, { compressed: false }),
      fetchBytes(url, { compressed: true }),
    ]);
    const extension = new URL(url).pathname.match(ASSET)?.[1];
    add(
      extension === "js" || extension === "css" ? extension : "other",
      raw.body.length,
      wire.body.length,
    );
    if (extension !== "js") continue;
    for (const [, spec] of raw.body.toString("utf8").matchAll(MODULE_IMPORT)) {
      const next = new URL(spec, url).href;
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return totals;
}
