// The load generator of `npm run bench:serve` (scripts/bench/serve.mjs), in a process of its
// own so that its work is not counted as the server's:
//
//   node scripts/bench/serve-load.mjs URL SECONDS CONNECTIONS
//
// CONNECTIONS keep-alive connections each send GET URL, one request after another, for SECONDS
// seconds (a bounded loop against this machine only). Prints one JSON object: requests,
// non-200 answers, failed requests, requests per second, p50 and p99 latency in milliseconds.
import http from "node:http";

const [url, seconds, connections] = [
  process.argv[2],
  Number(process.argv[3]),
  Number(process.argv[4]),
];
if (!url || !(seconds > 0) || !(connections > 0)) {
  console.error("usage: node scripts/bench/serve-load.mjs URL SECONDS CONNECTIONS");
  process.exit(2);
}
const { hostname } = new URL(url);
if (!["127.0.0.1", "localhost", "[::1]"].includes(hostname)) {
  console.error("only a server on this machine is a target");
  process.exit(2);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const latencies = [];
let nonOk = 0;
let failed = 0;

function get() {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const req = http.get(url, { agent }, (res) => {
      res.resume();
      res.on("end", () => {
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        if (res.statusCode !== 200) nonOk++;
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
    nonOk,
    failed,
    perSecond: latencies.length / elapsed,
    p50: percentile(0.5),
    p99: percentile(0.99),
  }),
);
