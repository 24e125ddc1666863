import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAIR_FREE_FAILURES } from "~/modules/account/index.server";
import { BASE_URL } from "./browser";

// Issue 12, item 4: a second production server on the e2e database (the one test/e2e/run.mjs
// started is the first). Sign-in guesses spread over both are throttled as one, because the
// attempts live in the database, not in either process.

let second: ChildProcess;
let secondUrl: string;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  const port = await freePort();
  secondUrl = `http://127.0.0.1:${port}`;
  second = spawn(process.execPath, ["scripts/server.mjs"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", WEB_CONCURRENCY: "1" },
    stdio: "ignore",
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const up = await fetch(`${secondUrl}/healthz`).then(
      (res) => res.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline || second.exitCode !== null) throw new Error("no second server");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
});

afterAll(() => {
  second?.kill("SIGTERM");
});

/** One wrong password for `email`, posted to the sign-in form of the server at `base`. */
async function guess(base: string, email: string): Promise<number> {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: new URL(base).origin },
    body: new URLSearchParams({ email, password: "wrong-guess-123", redirectTo: "/" }),
    redirect: "manual",
  });
  await res.arrayBuffer();
  return res.status;
}

describe("two servers on one database", () => {
  it("throttle sign-in guesses spread over both as one", async () => {
    const email = `nobody-${crypto.randomUUID().slice(0, 8)}@example.test`;
    const servers = [BASE_URL, secondUrl];
    const statuses: number[] = [];
    // Alternating: neither server alone sees more than half of the guesses.
    for (let i = 0; i < PAIR_FREE_FAILURES + 2; i++) {
      statuses.push(await guess(servers[i % 2]!, email));
    }
    expect(statuses).toEqual([...Array<number>(PAIR_FREE_FAILURES).fill(400), 429, 429]);
  });
});
