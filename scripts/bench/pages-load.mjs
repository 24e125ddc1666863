// The load generator of `npm run bench:pages` (scripts/bench/pages.mjs) and `npm run
// bench:serve` (serve.mjs), in a process of its own so that its work is not counted as the
// server's:
//
//   [BENCH_COOKIE="name=value"] [BENCH_ACCEPT_ENCODING=""] \
//     node scripts/bench/pages-load.mjs URL SECONDS CONNECTIONS
//
// CONNECTIONS keep-alive connections each send GET URL (with the session cookie, when given),
// one request after another, for SECONDS seconds, against this machine only. The body is read
// and dropped; the answer must be 200 (a redirect to /login is not the page). Prints one JSON
// object: requests, the answers that were not 200 by status, failed requests, requests per
// second, p50 and p99 latency in milliseconds.
import http from "node:http";

const [url, seconds, connections] = [
  process.argv[2],
  Number(process.argv[3]),
  Number(process.argv[4]),
];
if (!url || !(seconds > 0) || !(connections > 0)) {
  console.error("usage: node scripts/bench/pages-load.mjs URL SECONDS CONNECTIONS");
  process.exit(2);
}
if (!["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname)) {
  console.error("only a server on this machine is a target");
  process.exit(2);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
// A browser's page request: it takes compression, so the server's compression cost counts.
// bench:serve asks without (BENCH_ACCEPT_ENCODING=""), as its figures always have.
const acceptEncoding = process.env.BENCH_ACCEPT_ENCODING ?? "br, gzip";
const headers = {
  Accept: "text/html",
  ...(acceptEncoding ? { "Accept-Encoding": acceptEncoding } : {}),
};
if (process.env.BENCH_COOKIE) headers.Cookie = process.env.BENCH_COOKIE;
const latencies = [];
const notOk = {};
let failed = 0;

function get() {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const req = http.get(url, { agent, headers }, (res) => {
      res.resume();
      res.on("end", () => {
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        if (res.statusCode !== 200) {
          const key = `${res.statusCode}${res.headers.location ? ` → ${res.headers.location}` : ""}`;
          notOk[key] = (notOk[key] ?? 0) + 1;
        }
        resolve();
      });
    });
    req.on("error", () => {
      failed++;
      resolve();
    });
  });
}

const started = Date.now();
const until = started + seconds * 1000;
await Promise.all(
  Array.from({ length: connections }, async () => {
    while (Date.now() < until) await get();
  }),
);
const elapsed = (Date.now() - started) / 1000;
agent.destroy();

latencies.sort((a, b) => a - b);
const percentile = (p) =>
  latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))];
console.log(
  JSON.stringify({
    requests: latencies.length,
    notOk,
    failed,
    perSecond: latencies.length / elapsed,
    p50: percentile(0.5),
    p99: percentile(0.99),
  }),
);
