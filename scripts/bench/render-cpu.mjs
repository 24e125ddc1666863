// Server CPU per page request of one or more production builds, side by side in one process
// (decision 030). Each build's Remix handler is called directly (no HTTP, no compression), so
// the figure is the server's own work for the page: loaders, queries and the render.
//
//   node scripts/bench/render-cpu.mjs --db file:/tmp/demo.db --build /tmp/before --build .
//        [--requests 20] [--rounds 3] [--pages /reports,/ideas] [--profile dir]
//        [--hr hr@bench.test --admin … --employee … --trainer …] [--password uptake-demo]
//
// A --build is a folder holding build/server/index.js (copy `build/` aside before a change to
// compare). The database is a migrated, seeded one (scripts/seed.ts, or the benchmark
// organisation of bench:reports with a known password). Per round, page and build it warms
// up once, then times --requests sequential GETs with process.cpuUsage(), alternating builds
// so other load on the machine hits both alike; it prints the median (min–max) CPU ms per
// request and the HTML size. --profile writes a .cpuprofile per page and build (first round);
// scripts/bench/render-profile-groups.mjs summarises them.
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { Session } from "node:inspector/promises";
import { parseArgs } from "node:util";
import { PEER_ADDRESS_HEADER, REQUEST_ID_HEADER } from "../peer-address.mjs";

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    build: { type: "string", multiple: true },
    requests: { type: "string", default: "40" },
    rounds: { type: "string", default: "3" },
    pages: { type: "string" },
    profile: { type: "string" },
    password: { type: "string", default: "uptake-demo" },
    hr: { type: "string", default: "hr@uptake.test" },
    admin: { type: "string", default: "admin@uptake.test" },
    employee: { type: "string", default: "employee@uptake.test" },
    trainer: { type: "string", default: "trainer@uptake.test" },
  },
});
const buildDirs = values.build.map((dir) => path.resolve(dir));
process.env.DATABASE_URL = values.db;
process.env.NODE_ENV = "production";
process.env.UPTAKE_JOBS = "off";
process.env.LOG_LEVEL ??= "warn";
const require = createRequire(path.join(buildDirs[0], "package.json"));
const Database = require("better-sqlite3");
const sqlite = new Database(values.db.replace(/^file:/, ""), { readonly: true });
const one = (sql, ...args) => Object.values(sqlite.prepare(sql).get(...args) ?? {})[0];
const userId = (email) => one('SELECT "id" FROM "User" WHERE "email" = ?', email);
const employeeCourse = one(
  'SELECT "courseId" FROM "Enrolment" WHERE "userId" = ? ORDER BY "id" LIMIT 1',
  userId(values.employee),
);
const department = one(
  'SELECT "departmentId" FROM "User" WHERE "departmentId" IS NOT NULL GROUP BY "departmentId" ORDER BY COUNT(*) DESC LIMIT 1',
);
const idea = one('SELECT "id" FROM "Idea" ORDER BY "createdAt" DESC, "id" LIMIT 1');
// The change-management pages open the initiative that has processes and risks (the demo's).
const initiative = one(
  'SELECT "initiativeId" FROM "Process" GROUP BY "initiativeId" ORDER BY COUNT(*) DESC LIMIT 1',
);
const processId = one(
  'SELECT "processId" FROM "ProcessStep" WHERE "processId" IN (SELECT "id" FROM "Process" WHERE "initiativeId" = ?) GROUP BY "processId" ORDER BY COUNT(*) DESC LIMIT 1',
  initiative,
);
const risk = one(
  'SELECT "id" FROM "Risk" WHERE "initiativeId" = ? ORDER BY "id" LIMIT 1',
  initiative,
);
const kpi = one('SELECT "id" FROM "KpiDefinition" ORDER BY "id" LIMIT 1');
const initiativePages = initiative
  ? [
      ["/initiatives", "hr"],
      [`/initiatives/${initiative}`, "hr"],
      [`/initiatives/${initiative}/readiness`, "hr"],
      [`/initiatives/${initiative}/processes`, "hr"],
      ...(processId ? [[`/initiatives/${initiative}/processes/${processId}`, "hr"]] : []),
      [`/initiatives/${initiative}/risks`, "hr"],
      ...(risk ? [[`/initiatives/${initiative}/risks/${risk}`, "hr"]] : []),
    ]
  : [];
const kpiPages = kpi
  ? [
      ["/initiatives/kpis", "hr"],
      [`/initiatives/kpis/${kpi}`, "hr"],
    ]
  : [];

const PAGES = [
  ["/login", null],
  ["/", "employee"],
  ["/learn", "employee"],
  [`/learn/${employeeCourse}`, "employee"],
  ["/certificates", "employee"],
  ["/courses", "trainer"],
  ["/assignments", "hr"],
  ["/reports", "hr"],
  [`/reports/departments/${department}`, "hr"],
  ["/reports/overdue", "hr"],
  ["/ideas", "employee"],
  [`/ideas/${idea}`, "employee"],
  ["/notifications", "employee"],
  ["/admin/users", "admin"],
  ["/admin/audit", "admin"],
  ["/rewards", "employee"],
  ["/rewards/points", "employee"],
  ["/rewards/kudos", "employee"],
  ["/rewards/catalogue", "employee"],
  ["/rewards/ledger", "hr"],
  ...initiativePages,
  ...kpiPages,
].filter(
  ([p]) =>
    !values.pages ||
    values.pages.split(",").some((x) => p.startsWith(x) && (x !== "/" || p === "/")),
);

const builds = [];
let requestNumber = 0;
for (const dir of buildDirs) {
  const remix = createRequire(path.join(dir, "package.json"))("@remix-run/node");
  const build = await import(path.join(dir, "build/server/index.js") + `?${builds.length}`);
  const handle = remix.createRequestHandler(build, "production");
  const context = { clientAddress: "127.0.0.1", cspNonce: "n", dataRequest: false };
  const fetchPage = async (url, init = {}) => {
    const request = new Request(`http://localhost${url}`, {
      ...init,
      // What the production handler (scripts/remix-handler.mjs) stamps on every request.
      headers: {
        host: "localhost",
        [PEER_ADDRESS_HEADER]: "127.0.0.1",
        [REQUEST_ID_HEADER]: String(++requestNumber),
        ...init.headers,
      },
    });
    const response = await handle(request, context);
    const body = await response.text();
    return { status: response.status, body, headers: response.headers };
  };
  const cookies = {};
  for (const role of ["employee", "trainer", "hr", "admin"]) {
    const form = new URLSearchParams({
      email: values[role],
      password: values.password,
      redirectTo: "/",
    });
    const response = await fetchPage("/login", {
      method: "POST",
      body: form,
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost" },
    });
    const cookie = response.headers.get("set-cookie");
    if (!cookie) throw new Error(`sign-in failed for ${role} (${response.status})`);
    cookies[role] = cookie.split(";")[0];
  }
  builds.push({ dir, fetchPage, cookies });
}

const N = Number(values.requests);
const results = new Map();
const session = new Session();
session.connect();
if (values.profile) {
  fs.mkdirSync(values.profile, { recursive: true });
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
}
for (let round = 0; round < Number(values.rounds); round++) {
  for (const [url, role] of PAGES) {
    for (const [index, b] of builds.entries()) {
      const get = () => b.fetchPage(url, { headers: role ? { cookie: b.cookies[role] } : {} });
      const warm = await get();
      if (warm.status !== 200) throw new Error(`${url} → ${warm.status} on ${b.dir}`);
      if (values.profile && round === 0) await session.post("Profiler.start");
      const start = process.cpuUsage();
      for (let i = 0; i < N; i++) await get();
      const cpu = process.cpuUsage(start);
      if (values.profile && round === 0) {
        const { profile } = await session.post("Profiler.stop");
        const name = `${index}-${url.replace(/[^a-z0-9]+/gi, "_")}.cpuprofile`;
        fs.writeFileSync(path.join(values.profile, name), JSON.stringify(profile));
      }
      const key = `${url}|${index}`;
      const entry = results.get(key) ?? { ms: [], bytes: warm.body.length };
      entry.ms.push((cpu.user + cpu.system) / 1000 / N);
      results.set(key, entry);
    }
  }
}
const pad = (s, n) => String(s).padEnd(n);
console.log(
  pad("page", 42) + builds.map((_, i) => pad(`build${i} ms (min–max)`, 24) + pad("KB", 8)).join(""),
);
for (const [url] of PAGES) {
  let line = pad(url.length > 40 ? url.slice(0, 40) : url, 42);
  for (const index of builds.keys()) {
    const { ms, bytes } = results.get(`${url}|${index}`);
    const sorted = [...ms].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    line +=
      pad(`${median.toFixed(1)} (${sorted[0].toFixed(1)}–${sorted.at(-1).toFixed(1)})`, 24) +
      pad((bytes / 1024).toFixed(0), 8);
  }
  console.log(line);
}
process.exit(0);
