import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";

// Other app processes on this test file's database (test/support/second-process.ts), for
// tests of what several servers do at once: each is a real Node process with its own client,
// on SQLite or PostgreSQL alike (the URL setup-db.ts gave this file: a file or a database).
// Loading the app takes seconds on a busy machine, so a test file starts its processes once
// and gives them one task after another.

const root = path.resolve(__dirname, "../..");

export interface SecondProcess {
  child: ChildProcess;
  /** Resolves once the child has connected and waits for tasks. */
  ready: Promise<void>;
  /** Starts a task (second-process.ts) at once; resolves with its parsed result. */
  send: (task: string, arg: string) => Promise<unknown>;
}

export function startProcess(env: Record<string, string> = {}): SecondProcess {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("startProcess runs after setup-db.ts set DATABASE_URL");
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/second-process.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, ...env },
    stdio: ["pipe", "pipe", "inherit"],
  });
  let exitCode: number | null | undefined;
  const waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  let markReady!: () => void;
  let failReady!: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  // Awaited by runAtOnce; a process that dies unawaited must not be an unhandled rejection.
  ready.catch(() => {});
  readline.createInterface({ input: child.stdout! }).on("line", (line) => {
    if (line === "ready") markReady();
    // Answers come in the order the tasks were sent: one task at a time per process.
    if (line.startsWith("result ") || line.startsWith("error ")) waiting.shift()?.resolve(line);
  });
  child.on("exit", (code) => {
    exitCode = code;
    const error = new Error(`second process exited (${code})`);
    failReady(error);
    for (const task of waiting.splice(0)) task.reject(error);
  });
  const send = async (task: string, arg: string) => {
    if (exitCode !== undefined) throw new Error(`second process exited (${exitCode})`);
    const answer = new Promise<string>((resolve, reject) => waiting.push({ resolve, reject }));
    child.stdin!.write(`${task} ${arg}\n`);
    const line = await answer;
    if (line.startsWith("error ")) throw new Error(`${task}: ${line.slice("error ".length)}`);
    return JSON.parse(line.slice("result ".length)) as unknown;
  };
  return { child, ready, send };
}

/** Waits until the processes are ready, starts the task in all of them at once: their results. */
export async function runAtOnce(
  processes: SecondProcess[],
  task: string,
  arg: string,
): Promise<unknown[]> {
  await Promise.all(processes.map((p) => p.ready));
  return Promise.all(processes.map((p) => p.send(task, arg)));
}

/** Ends processes this file started: stdin closed, so each disconnects and exits. */
export async function stopProcesses(processes: SecondProcess[]): Promise<void> {
  await Promise.all(
    processes.map(({ child }) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.stdin!.end();
      return exited;
    }),
  );
}
