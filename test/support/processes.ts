import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";

// Other app processes on this test file's database (test/support/second-process.ts), for
// tests of what several servers do at once: each is a real Node process with its own client.

const root = path.resolve(__dirname, "../..");

export interface SecondProcess {
  child: ChildProcess;
  /** Resolves once the child has connected and waits for go(). */
  ready: Promise<void>;
  go: () => void;
  /** The task's result, parsed from the child's "result <json>" line. */
  result: Promise<unknown>;
}

export function startProcess(task: string, arg: string, env: Record<string, string> = {}) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "test/support/second-process.ts", task, arg],
    {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const lines = readline.createInterface({ input: child.stdout! });
  let markReady: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const result = new Promise<unknown>((resolve, reject) => {
    lines.on("line", (line) => {
      if (line === "ready") markReady();
      if (line.startsWith("result ")) resolve(JSON.parse(line.slice("result ".length)));
    });
    child.on("exit", (code) => reject(new Error(`${task} process exited (${code})`)));
  });
  const exited = new Promise((_, reject) =>
    child.on("exit", (code) => reject(new Error(`${task} exited before ready (${code})`))),
  );
  return {
    child,
    ready: Promise.race([ready, exited]) as Promise<void>,
    go: () => child.stdin!.write("go\n"),
    result,
  } satisfies SecondProcess;
}

/** Starts the processes, lets them all begin at once, and returns their results in order. */
export async function runAtOnce(processes: SecondProcess[]): Promise<unknown[]> {
  await Promise.all(processes.map((p) => p.ready));
  for (const p of processes) p.go();
  return Promise.all(processes.map((p) => p.result));
}
