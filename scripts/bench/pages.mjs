// Every main page against the sign-in page, side by side (npm run bench:pages; issue 13).
//
//   npm run bench:pages -- [--org] [--pages /learn,/reports] [--seconds 5] [--connections 10]
//        [--rounds 3]
//
// Builds if stale, starts the built server (one process, jobs off) on a fresh demo database
// in a temporary folder — or, with --org, on a copy of bench:reports' organisation (150
// departments, 20,000 staff, 300,000 enrolments; pages-org.ts) — and signs in through the
// login form as a learner, HR and an administrator. Each page is loaded as the role that sees
// the most of it, over --connections keep-alive connections for --seconds, by a separate
// process (pages-load.mjs). A round measures the floor (/login, signed out) before and after
// every page (for half as long); a page's ratio is its requests per second over the mean of
// the two floor figures either side of it, so that both saw the same load on the machine. The table shows the median of --rounds rounds and the spread
// (min–max) of each ratio, against the targets (≥ 0.5 demo, ≥ 0.35 organisation), the floor's
// server CPU per request, and the bytes of a learner's first load against FIRST_LOAD_BUDGET.
// Every answer that is not 200 (a redirect to /login, an error) is counted and listed at the
// end, and the run then exits 1.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { root } from "../lib.mjs";
import {
  benchDir,
  ensureBuild,
  median,
  migrateAndSeed,
  request,
  runTsxForJson,
  serverEnv,
  signIn,
  startServer,
} from "./bench-server.mjs";
import { FIRST_LOAD_BUDGET, firstLoadBytes } from "./pages-bytes.mjs";

const { values } = parseArgs({
  options: {
    org: { type: "boolean", default: false },
    pages: { type: "string" },
    seconds: { type: "string", default: "5" },
    connections: { type: "string", default: "10" },
    rounds: { type: "string", default: "3" },
  },
});
const SECONDS = Number(values.seconds);
// The floor runs between pages take half as long: /login answers in a few ms.
const FLOOR_SECONDS = Math.max(2, SECONDS / 2);
const CONNECTIONS = Number(values.connections);
const ROUNDS = Number(values.rounds);
const WARMUP_SECONDS = 1;
const TARGET_RATIO = values.org ? 0.35 : 0.5;
const FLOOR = "/login";
for (const [name, value] of Object.entries({ SECONDS, CONNECTIONS, ROUNDS })) {
  if (!(value > 0)) throw new Error(`--${name.toLowerCase()} must be a positive number`);
}

const INITIATIVE = /\/initiatives\/c[a-z0-9]{20,}/;

// Each main page and who opens it: the role that sees the most of it. `:id` pages take the
// first link of that kind on the page named by `from`.
const PAGES = [
  { path: "/", role: "hr" },
  { path: "/learn", role: "learner" },
  { path: "/learn/:course", role: "learner", from: "/learn", link: /\/learn\/(?!catalogue)c\w+/ },
  { path: "/certificates", role: "learner" },
  { path: "/courses", role: "hr" },
  { path: "/assignments", role: "hr" },
  { path: "/reports", role: "hr" },
  {
    path: "/reports/departments/:id",
    role: "hr",
    from: "/reports",
    link: /\/reports\/departments\/\w+/,
  },
  { path: "/reports/overdue", role: "hr" },
  { path: "/ideas", role: "hr" },
  { path: "/ideas/:id", role: "hr", from: "/ideas", link: /\/ideas\/c[a-z0-9]{20,}/ },
  { path: "/notifications", role: "hr" },
  // The incentive board (issue 14).
  { path: "/rewards", role: "learner" },
  { path: "/rewards/points", role: "learner" },
  { path: "/rewards/kudos", role: "learner" },
  { path: "/rewards/catalogue", role: "learner" },
  { path: "/rewards/ledger", role: "hr" },
  { path: "/admin/users", role: "admin" },
  { path: "/admin/audit", role: "admin" },
  // Change initiatives, readiness, KPIs, process maps and risks (issues 15–17). A `from` that
  // names an earlier page's path opens that page's resolved address.
  { path: "/initiatives", role: "hr" },
  { path: "/initiatives/:id", role: "hr", from: "/initiatives", link: INITIATIVE },
  {
    path: "/initiatives/:id/readiness",
    role: "hr",
    from: "/initiatives/:id",
    link: new RegExp(`${INITIATIVE.source}/readiness(?=")`),
  },
  { path: "/initiatives/kpis", role: "hr" },
  {
    path: "/initiatives/kpis/:id",
    role: "hr",
    from: "/initiatives/kpis",
    link: /\/initiatives\/kpis\/c[a-z0-9]{20,}/,
  },
  {
    path: "/initiatives/:id/processes",
    role: "hr",
    from: "/initiatives/:id",
    link: new RegExp(`${INITIATIVE.source}/processes(?=")`),
  },
  {
    path: "/initiatives/:id/processes/:process",
    role: "hr",
    from: "/initiatives/:id/processes",
    link: new RegExp(`${INITIATIVE.source}/processes/c[a-z0-9]{20,}(?=")`),
  },
  {
    path: "/initiatives/:id/risks",
    role: "hr",
    from: "/initiatives/:id",
    link: new RegExp(`${INITIATIVE.source}/risks(?=")`),
  },
  {
    path: "/initiatives/:id/risks/:risk",
    role: "hr",
    from: "/initiatives/:id/risks",
    link: new RegExp(`${INITIATIVE.source}/risks/c[a-z0-9]{20,}(?=")`),
  },
];

function chosenPages() {
  if (!values.pages) return PAGES;
  const wanted = values.pages.split(",").map((p) => p.trim());
  const unknown = wanted.filter((p) => !PAGES.some((page) => page.path === p));
  if (unknown.length > 0) {
    throw new Error(`--pages: unknown ${unknown.join(", ")}; known: ${PAGES.map((p) => p.path)}`);
  }
  return PAGES.filter((page) => wanted.includes(page.path));
}

/** The database and the accounts to sign in with: the demo's, or the organisation's copy. */
function prepareDatabase(dir) {
  const file = path.join(dir, "bench.db");
  if (!values.org) {
    const env = serverEnv(`file:${file}`);
    migrateAndSeed(env);
    const password = "uptake-demo";
    return {
      env,
      accounts: {
        learner: { email: "employee@uptake.test", password },
        hr: { email: "hr@uptake.test", password },
        admin: { email: "admin@uptake.test", password },
      },
    };
  }
  const env = serverEnv(`file:${file}`, { UPTAKE_DEMO: "off" });
  return { env, accounts: runTsxForJson("scripts/bench/pages-org.ts", [file], env) };
}

/** A real path for each page: `:id` pages get the first matching link of their `from` page. */
async function resolvePaths(origin, pages, cookies) {
  const resolved = [];
  for (const page of pages) {
    if (!page.from) {
      resolved.push({ ...page, url: page.path });
      continue;
    }
    const from = resolved.find((earlier) => earlier.path === page.from)?.url ?? page.from;
    const source = await request(origin, from, { cookie: cookies[page.role] });
    const href = source.body.match(page.link)?.[0];
    // The organisation of --org has no ideas, for one: a page with nothing to open is left out.
    if (!href) console.log(`Note: ${page.path} left out: ${page.from} links to no such page.`);
    else resolved.push({ ...page, url: href });
  }
  return resolved;
}

/** Load from a separate process (pages-load.mjs); its JSON result. */
function load(url, seconds, cookie) {
  const script = path.join(root, "scripts/bench/pages-load.mjs");
  const output = execFileSync(process.execPath, [script, url, String(seconds), `${CONNECTIONS}`], {
    env: { ...process.env, BENCH_COOKIE: cookie ?? "" },
  });
  return JSON.parse(output.toString());
}

/** Answers that were not the page (a redirect to /login, an error), as "3 × 500, 1 failed". */
function notThePage(result) {
  const detail = Object.entries(result.notOk).map(([status, count]) => `${count} × ${status}`);
  if (result.failed) detail.push(`${result.failed} failed`);
  return detail.join(", ");
}

const fmt = (n, width = 8, digits = 0) => n.toFixed(digits).padStart(width);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

async function measureRound(server, pages, cookies) {
  const floorRun = () => {
    const cpuBefore = server.cpuSeconds();
    const result = load(`${server.origin}${FLOOR}`, FLOOR_SECONDS);
    return { ...result, cpuMs: ((server.cpuSeconds() - cpuBefore) * 1000) / result.requests };
  };
  // The floor is measured before and after every page, so that each page is compared with
  // the floor of the same minute: on a shared machine the load moves within a round.
  const floors = [floorRun()];
  const results = {};
  for (const page of pages) {
    results[page.path] = load(`${server.origin}${page.url}`, SECONDS, cookies[page.role]);
    floors.push(floorRun());
  }
  pages.forEach((page, i) => {
    const adjacent = (floors[i].perSecond + floors[i + 1].perSecond) / 2;
    results[page.path].ratio = results[page.path].perSecond / adjacent;
  });
  const mean = (key) => floors.reduce((sum, run) => sum + run[key], 0) / floors.length;
  const floor = {
    perSecond: mean("perSecond"),
    p50: mean("p50"),
    p99: mean("p99"),
    cpuMs: mean("cpuMs"),
  };
  const refused = floors.map((result) => [FLOOR, notThePage(result)]);
  refused.push(...pages.map((page) => [page.path, notThePage(results[page.path])]));
  return { floor, results, refused: refused.filter(([, detail]) => detail) };
}

function printTable(pages, rounds) {
  const pick = (path, key) => rounds.map((r) => (path === FLOOR ? r.floor : r.results[path])[key]);
  console.log(
    `\nMedian of ${rounds.length} rounds (ratio: req/s over the floor's in the same round; target ≥ ${TARGET_RATIO})`,
  );
  console.log(`  ${"page".padEnd(28)}   req/s   p50 ms   p99 ms   ratio   spread        target`);
  const floorCpu = median(pick(FLOOR, "cpuMs"));
  console.log(
    `  ${FLOOR.padEnd(28)}${fmt(median(pick(FLOOR, "perSecond")))}${fmt(median(pick(FLOOR, "p50")), 9, 1)}` +
      `${fmt(median(pick(FLOOR, "p99")), 9, 1)}    1.00   (floor; server CPU ${floorCpu.toFixed(1)} ms/request)`,
  );
  let met = 0;
  for (const page of pages) {
    const ratios = pick(page.path, "ratio");
    const ratio = median(ratios);
    if (ratio >= TARGET_RATIO) met++;
    console.log(
      `  ${page.path.padEnd(28)}${fmt(median(pick(page.path, "perSecond")))}` +
        `${fmt(median(pick(page.path, "p50")), 9, 1)}${fmt(median(pick(page.path, "p99")), 9, 1)}` +
        `${fmt(ratio, 8, 2)}   ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}` +
        `     ${ratio >= TARGET_RATIO ? "met" : "NOT MET"}`,
    );
  }
  console.log(`  ${met} of ${pages.length} pages meet the target.`);
}

async function printFirstLoad(origin, cookies) {
  console.log("\nFirst load (HTML, then every script, stylesheet and preload it references):");
  for (const [pathname, cookie, who] of [
    ["/learn", cookies.learner, "learner"],
    [FLOOR, undefined, "signed out"],
  ]) {
    const bytes = await firstLoadBytes(origin, pathname, cookie);
    console.log(`  ${pathname} (${who}):`);
    for (const kind of ["html", "js", "css", "other"].filter((k) => bytes[k])) {
      const { files, raw, wire } = bytes[kind];
      const budget = FIRST_LOAD_BUDGET[kind];
      const verdict = budget
        ? `  budget ${kb(budget)}: ${wire <= budget ? "under" : `OVER by ${kb(wire - budget)}`}`
        : "";
      console.log(
        `    ${kind.padEnd(5)} ${String(files).padStart(3)} files  ${kb(raw).padStart(10)} raw` +
          `  ${kb(wire).padStart(10)} on the wire${verdict}`,
      );
    }
  }
}

ensureBuild();
const dir = benchDir("pages");
try {
  const pages = chosenPages();
  const { env, accounts } = prepareDatabase(dir);
  const server = await startServer({ env, processes: 1, logFile: path.join(dir, "server.log") });
  try {
    const cookies = {};
    for (const [role, { email, password }] of Object.entries(accounts)) {
      cookies[role] = await signIn(server.origin, email, password);
    }
    const resolved = await resolvePaths(server.origin, pages, cookies);
    console.log(
      `${values.org ? "Benchmark organisation (20,000 staff)" : "Demo data"}: ${resolved.length} pages and ${FLOOR}, ` +
        `${CONNECTIONS} connections, ${SECONDS} s each, ${ROUNDS} rounds; ` +
        `${os.availableParallelism()} cores, load average ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(" ")}`,
    );
    for (const page of resolved)
      load(`${server.origin}${page.url}`, WARMUP_SECONDS, cookies[page.role]);
    const rounds = [];
    for (let round = 1; round <= ROUNDS; round++) {
      rounds.push(await measureRound(server, resolved, cookies));
      const { floor, results } = rounds.at(-1);
      console.log(
        `  round ${round}: floor ${floor.perSecond.toFixed(0)} req/s; ` +
          resolved.map((p) => `${p.path} ${results[p.path].ratio.toFixed(2)}`).join(", "),
      );
    }
    printTable(resolved, rounds);
    await printFirstLoad(server.origin, cookies);
    const refused = rounds.flatMap((round, i) => round.refused.map((r) => [i + 1, ...r]));
    if (refused.length > 0) {
      console.log("\nFAILED: answers that were not the page (the figures above count them):");
      for (const [round, page, detail] of refused)
        console.log(`  round ${round}, ${page}: ${detail}`);
      process.exitCode = 1;
    }
  } finally {
    await server.stop();
  }
  console.log(
    `\nload average now ${os.loadavg()[0].toFixed(1)} (other work on the machine counts)`,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
