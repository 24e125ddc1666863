// The clients of `npm run bench:load` (load.mjs), in a process of their own:
//
//   node scripts/bench/load-clients.mjs INPUT.json RESULT.json
//
// INPUT: { origin, seconds, thinkMs, probeEveryMs, password, accounts: [{ email, hr }] }.
// Each account signs in through the login form (four at a time: in-flight attempts count as
// failures of the address), then acts like staff until the clock runs out: employees open My
// learning and courses, complete lessons, start and submit quiz attempts, read ideas, vote,
// comment and submit ideas; HR reads the reports. Every form comes from the page it is on, as
// in a browser, and a redirect is followed. Between actions a client waits a random 0–2 ×
// thinkMs. Meanwhile a fresh connection asks for /login every probeEveryMs (its time to first
// byte). RESULT gets the figures and every acknowledged write.
import fs from "node:fs";
import http from "node:http";
import { percentile, request, signIn, sleep } from "./bench-server.mjs";

const [inputFile, resultFile] = process.argv.slice(2);
const input = JSON.parse(fs.readFileSync(inputFile, "utf8"));
const { origin } = input;
if (!["127.0.0.1", "localhost"].includes(new URL(origin).hostname)) {
  throw new Error("only a server on this machine is a target");
}

const latencies = [];
const byAction = {};
const errors = {};
const errorSamples = [];
const acknowledged = [];
const firstByte = { latencies: [], errors: 0 };

function recordError(key, detail) {
  errors[key] = (errors[key] ?? 0) + 1;
  if (errorSamples.length < 20) errorSamples.push(`${key}: ${detail}`);
}

const pick = (items) => items[Math.floor(Math.random() * items.length)];
const field = (html, name) => html.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1];
const links = (html, pattern) => [...new Set(html.match(pattern) ?? [])];

class Client {
  constructor(account, cookie) {
    this.account = account;
    this.cookie = cookie;
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    this.courses = [];
    this.ideas = [];
    this.departments = [];
    this.writes = 0;
  }

  /** One request; undefined (and an error counted) unless its status is `expected`. */
  async send(action, pathname, { expected = 200, ...options } = {}) {
    const started = performance.now();
    let res;
    try {
      res = await request(origin, pathname, { ...options, agent: this.agent, cookie: this.cookie });
    } catch (error) {
      recordError(`${action}: network error`, `${pathname} ${error.code ?? error.message}`);
      return undefined;
    }
    const ms = performance.now() - started;
    latencies.push(ms);
    (byAction[action] ??= []).push(ms);
    if (res.status === expected) return res;
    const kind = res.status >= 500 ? "5xx" : `unexpected ${res.status}`;
    recordError(`${action}: ${kind}`, `${options.method ?? "GET"} ${pathname} → ${res.status}`);
    return undefined;
  }

  /** A write answered with a redirect: the browser then opens where it points. */
  async post(action, pathname, body) {
    const res = await this.send(action, pathname, { method: "POST", expected: 302, ...body });
    if (res) await this.send(`${action} (redirect)`, res.headers.location);
    return res?.headers.location;
  }

  marker() {
    return `${this.account.email.split("@")[0]}-${++this.writes}-${Date.now()}`;
  }

  async myLearning() {
    const res = await this.send("my learning", "/learn");
    if (res) this.courses = links(res.body, /\/learn\/(?!catalogue)c\w+/g);
  }

  /** Opens one of the pages `list` names (read from the `refresh` page when still empty). */
  async openOneOf(list, refresh, action) {
    if (this[list].length === 0) await this[refresh]();
    if (this[list].length === 0) return undefined;
    const target = pick(this[list]);
    const res = await this.send(action, target);
    return res && { target, html: res.body };
  }

  openCourse() {
    return this.openOneOf("courses", "myLearning", "open course");
  }

  async completeLesson() {
    const page = await this.openCourse();
    const lessonId = page && field(page.html, "lessonId");
    if (!lessonId) return;
    const form = { intent: "done", lessonId, next: field(page.html, "next") ?? "0" };
    if (await this.post("complete lesson", page.target, { form })) {
      acknowledged.push({
        kind: "lesson",
        email: this.account.email,
        course: page.target,
        lessonId,
      });
    }
  }

  async quizAttempt() {
    const page = await this.openCourse();
    if (!page?.html.includes('name="intent" value="quiz"')) return;
    const attempt = await this.post("start quiz", page.target, { form: { intent: "quiz" } });
    if (!attempt) return;
    // Submitted unanswered: the attempt is scored and stored all the same.
    if (await this.post("submit quiz", attempt.split("?")[0], { json: { answers: {} } })) {
      acknowledged.push({ kind: "attempt", attemptId: attempt.split("/").at(-1).split("?")[0] });
    }
  }

  async browseIdeas() {
    const res = await this.send("ideas", "/ideas");
    if (res) this.ideas = links(res.body, /\/ideas\/(?!new|export)c\w+/g);
  }

  openIdea() {
    return this.openOneOf("ideas", "browseIdeas", "open idea");
  }

  async voteOnIdea() {
    const page = await this.openIdea();
    if (!page?.html.includes('name="intent" value="vote"')) return;
    if (await this.send("vote", page.target, { method: "POST", form: { intent: "vote" } })) {
      acknowledged.push({ kind: "vote", email: this.account.email, ideaId: idFrom(page.target) });
    }
  }

  async comment() {
    const page = await this.openIdea();
    if (!page?.html.includes('name="intent" value="comment"')) return;
    const body = `Load comment ${this.marker()}`;
    if (
      await this.send("comment", page.target, { method: "POST", form: { intent: "comment", body } })
    ) {
      acknowledged.push({ kind: "comment", ideaId: idFrom(page.target), body });
    }
  }

  async submitIdea() {
    if (!(await this.send("new idea form", "/ideas/new"))) return;
    const title = `Load idea ${this.marker()}`;
    const form = {
      title,
      problem: "The queue at the service desk grows at lunchtime.",
      proposal: "Stagger the breaks of the desk team by fifteen minutes.",
      category: "PROCESS_STEP",
    };
    const location = await this.post("submit idea", "/ideas/new", { form });
    if (location) acknowledged.push({ kind: "idea", ideaId: idFrom(location), title });
  }

  async readReports() {
    const res = await this.send("reports", "/reports");
    if (res) this.departments = links(res.body, /\/reports\/departments\/\w+/g);
    await this.send("overdue report", "/reports/overdue");
    if (this.departments.length > 0) await this.send("department report", pick(this.departments));
  }
}

const idFrom = (pathname) => pathname.split("?")[0].split("/").at(-1);

// How often each employee action comes up (relative weights).
const EMPLOYEE_MIX = [
  ["myLearning", 25],
  ["completeLesson", 25],
  ["quizAttempt", 8],
  ["browseIdeas", 12],
  ["openIdea", 12],
  ["voteOnIdea", 8],
  ["comment", 6],
  ["submitIdea", 4],
];
const MIX_TOTAL = EMPLOYEE_MIX.reduce((sum, [, weight]) => sum + weight, 0);

function nextAction(client) {
  if (client.account.hr) return "readReports";
  let x = Math.random() * MIX_TOTAL;
  for (const [action, weight] of EMPLOYEE_MIX) if ((x -= weight) < 0) return action;
  return EMPLOYEE_MIX[0][0];
}

async function runClient(client, until) {
  while (Date.now() < until) {
    await client[nextAction(client)]();
    await sleep(Math.random() * 2 * input.thinkMs);
  }
  client.agent.destroy();
}

/** A new connection's time to the first byte of /login's answer. */
function probeFirstByte() {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.get(new URL("/login", origin), { agent: false }, (res) => {
      firstByte.latencies.push(performance.now() - started);
      if (res.statusCode >= 500) firstByte.errors++;
      res.resume();
      res.on("end", resolve);
    });
    req.on("error", () => (firstByte.errors++, resolve()));
  });
}

async function probeUntil(until) {
  const probes = [];
  while (Date.now() < until) {
    probes.push(probeFirstByte());
    await sleep(input.probeEveryMs);
  }
  await Promise.all(probes);
}

async function signInAll() {
  const clients = [];
  const queue = [...input.accounts];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let account; (account = queue.shift());) {
        clients.push(new Client(account, await signIn(origin, account.email, input.password)));
      }
    }),
  );
  return clients;
}

const clients = await signInAll();
const started = Date.now();
const until = started + input.seconds * 1000;
await Promise.all([...clients.map((client) => runClient(client, until)), probeUntil(until)]);
const elapsed = (Date.now() - started) / 1000;

const summary = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
};
fs.writeFileSync(
  resultFile,
  JSON.stringify({
    elapsed,
    requests: latencies.length,
    latency: summary(latencies),
    byAction: Object.fromEntries(Object.entries(byAction).map(([k, v]) => [k, summary(v)])),
    errors,
    errorSamples,
    firstByte: { ...summary(firstByte.latencies), errors: firstByte.errors },
    acknowledged,
  }),
);
