// Benchmark parts that run in a process of their own: the app reads DATABASE_URL once per
// process (getEnv, getDb), and a peak RSS is only a process's own. A child prints progress
// as it likes and its figures as one `BENCH_RESULT {json}` line on stdout.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const RESULT_MARKER = "BENCH_RESULT ";

/** Prints a child's figures for runBenchChild. */
export function reportResult(result: unknown) {
  console.log(RESULT_MARKER + JSON.stringify(result));
}

/**
 * Runs `script` (under scripts/bench) with tsx against `databaseUrl`; its other stdout lines
 * are echoed with `prefix`. Resolves with its figures, rejects when it fails or sends none.
 */
export function runBenchChild<T>(
  script: string,
  { databaseUrl, args = [], env = {}, prefix = "" }: BenchChildOptions,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
        path.join(ROOT, "scripts/bench", script),
        ...args,
      ],
      {
        cwd: ROOT,
        env: {
          // Slow statements are what is measured here; logging each would drown the figures.
          SLOW_QUERY_MS: "60000",
          ...process.env,
          ...env,
          DATABASE_URL: databaseUrl,
          NODE_ENV: "production",
        },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let pending = "";
    let result: T | undefined;
    const onLine = (line: string) => {
      if (line.startsWith(RESULT_MARKER)) result = JSON.parse(line.slice(RESULT_MARKER.length));
      else console.log(prefix + line);
    };
    child.stdout.on("data", (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split("\n");
      pending = lines.pop()!;
      lines.forEach(onLine);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (pending) onLine(pending);
      if (code === 0 && result !== undefined) resolve(result);
      else reject(new Error(`${script} exited with ${code} and ${result ? "" : "no "}figures`));
    });
  });
}

interface BenchChildOptions {
  databaseUrl: string;
  args?: string[];
  env?: Record<string, string>;
  prefix?: string;
}
