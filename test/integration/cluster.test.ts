import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import http from "node:http";
import readline from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { buildIsStale, freePort } from "../../scripts/lib.mjs";
import { makeUser, sessionCookie } from "../support/factories";

// The production server as `npm start` runs it (scripts/server.mjs on the built app), on this
// file's SQLite database: one worker per WEB_CONCURRENCY, each its own process with its own
// connections, so only SQLite's file lock orders their writers (decision 022).

type LogEntry = Record<string, unknown> & { msg?: string; pid?: number };

interface ServerProcess {
  child: ChildProcess;
  base: string;
  logs: LogEntry[];
  /** stdout lines that were not one JSON object. */
  garbage: string[];
  exitCode: Promise<number | null>;
}

const running: ServerProcess[] = [];

/** Resolves once `check` holds, polling; fails after `timeoutMs`. */
async function waitFor(what: string, check: () => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const listening = (logs: LogEntry[]) =>
  logs.filter((entry) => entry.msg?.startsWith("Uptake listening"));

async function startServer(webConcurrency: number): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["scripts/server.mjs"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      WEB_CONCURRENCY: String(webConcurrency),
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      UPTAKE_JOBS: "on",
      // Plain HTTP: the session cookie keeps the name the test's sessions were made with.
      COOKIE_SECURE: "off",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const server: ServerProcess = {
    child,
    base: `http://127.0.0.1:${port}`,
    logs: [],
    garbage: [],
    exitCode: new Promise((resolve) => child.once("exit", (code) => resolve(code))),
  };
  readline.createInterface({ input: child.stdout! }).on("line", (line) => {
    try {
      server.logs.push(JSON.parse(line) as LogEntry);
    } catch {
      server.garbage.push(line);
    }
  });
  running.push(server);
  await waitFor("the server to listen", () => listening(server.logs).length === webConcurrency);
  return server;
}

/** A request on a connection of its own, so the primary hands each to the next worker. */
function send(
  url: string,
  { method = "GET", body, cookie }: { method?: string; body?: string; cookie?: string } = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
    if (body !== undefined) headers["Content-Type"] = "application/x-www-form-urlencoded";
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * A sign-in whose body arrives over 3 s (generous, for a loaded machine), with SIGTERM sent to
 * the server after 1 s: the request must be answered and the server must then exit 0.
 */
async function slowRequestAcrossSigterm(server: ServerProcess) {
  const answered = new Promise<number>((resolve, reject) => {
    const req = http.request(`${server.base}/login`, {
      method: "POST",
      agent: false,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.write("email=nobody%40example.test");
    setTimeout(() => server.child.kill("SIGTERM"), 1000);
    setTimeout(() => req.end("&password=not-the-password"), 3000);
  });
  // Stopped accepting: a new connection is refused while the slow request is still running.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  await expect(send(`${server.base}/healthz`)).rejects.toThrow(/ECONNREFUSED/);
  const status = await answered;
  expect(status).toBeGreaterThanOrEqual(200);
  expect(status).toBeLessThan(500);
  expect(await server.exitCode).toBe(0);
  expect(server.garbage).toEqual([]);
}

beforeAll(() => {
  if (buildIsStale()) execFileSync("npm", ["run", "build"], { stdio: "pipe" });
}, 180_000);

afterAll(() => {
  for (const server of running) if (server.child.exitCode === null) server.child.kill("SIGKILL");
});

describe("two workers (WEB_CONCURRENCY=2)", () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServer(2);
  }, 60_000);

  it("runs two worker processes under a primary, only one of them with the jobs", () => {
    const workers = listening(server.logs);
    expect(new Set(workers.map((entry) => entry.pid)).size).toBe(2);
    expect(workers.every((entry) => entry.pid !== server.child.pid)).toBe(true);
    expect(workers.map((entry) => entry.jobs).sort()).toEqual(["off", "on"]);
  });

  it("spreads concurrent writes over both workers and loses or duplicates none", async () => {
    const author = await makeUser();
    const ideas = await Promise.all(
      ["A", "B", "C"].map((letter) =>
        getDb().idea.create({
          data: {
            title: `Cluster idea ${letter}`,
            problem: "Two processes write to one file.",
            proposal: "Let SQLite order them.",
            category: "TOOL",
            authorId: author.id,
          },
        }),
      ),
    );
    const voters = await Promise.all(
      Array.from({ length: 20 }, async () => (await sessionCookie((await makeUser()).id)).cookie),
    );
    // Every voter votes for every idea twice (a double submit): 120 read-then-write
    // transactions, sent over ten connections at a time (single-fetch action requests, which
    // answer with data, not a rendered page). With a deferred BEGIN a third of them failed
    // with SQLITE_BUSY: a transaction that read before another process committed cannot write.
    const votes = voters.flatMap((cookie) =>
      ideas.flatMap((idea) =>
        [1, 2].map(() => ({ cookie, url: `${server.base}/ideas/${idea.id}.data` })),
      ),
    );
    const statuses: number[] = [];
    const sender = async () => {
      for (let next = votes.shift(); next; next = votes.shift()) {
        statuses.push(
          await send(next.url, { method: "POST", body: "intent=vote", cookie: next.cookie }),
        );
      }
    };
    await Promise.all(Array.from({ length: 10 }, sender));
    expect(statuses.filter((status) => status !== 200)).toEqual([]);

    for (const idea of ideas) {
      const stored = await getDb().idea.findUniqueOrThrow({
        where: { id: idea.id },
        select: { voteCount: true, _count: { select: { votes: true } } },
      });
      expect(stored).toEqual({ voteCount: voters.length, _count: { votes: voters.length } });
    }
    const servedBy = new Set(
      server.logs
        .filter((entry) => entry.msg === "request" && entry.method === "POST")
        .map((entry) => entry.pid),
    );
    expect(servedBy.size).toBe(2);
    expect(server.logs.filter((entry) => entry.level === "error")).toEqual([]);
  }, 60_000);

  it("replaces a worker that dies, jobs included, and the replacement serves", async () => {
    const jobsWorker = listening(server.logs).find((entry) => entry.jobs === "on")!;
    process.kill(jobsWorker.pid!, "SIGKILL");
    await waitFor("a replacement worker", () => listening(server.logs).length === 3);
    const replacement = listening(server.logs)[2]!;
    expect(replacement).toMatchObject({ jobs: "on" });
    expect(server.logs).toContainEqual(
      expect.objectContaining({
        msg: "worker exited; starting a replacement",
        workerPid: jobsWorker.pid,
        signal: "SIGKILL",
        restartInMs: expect.any(Number),
      }),
    );
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push(await send(`${server.base}/login`));
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    const served = server.logs.filter(
      (entry) => entry.msg === "request" && entry.path === "/login",
    );
    expect(served.map((entry) => entry.pid)).toContain(replacement.pid);
  }, 60_000);

  it("on SIGTERM stops accepting, finishes the in-flight request and exits 0", async () => {
    await slowRequestAcrossSigterm(server);
    expect(server.logs.map((entry) => entry.msg)).toContain("every worker stopped");
  }, 30_000);
});

describe("one process (WEB_CONCURRENCY=1)", () => {
  it("serves from the started process itself, without a primary, and stops gracefully", async () => {
    const server = await startServer(1);
    const [only] = listening(server.logs);
    expect(only).toMatchObject({ pid: server.child.pid, jobs: "on" });
    expect(only).not.toHaveProperty("worker");
    expect(server.logs.map((entry) => entry.msg)).not.toContain("cluster primary started");
    expect(await send(`${server.base}/login`)).toBe(200);
    await slowRequestAcrossSigterm(server);
  }, 60_000);
});
