// Small helpers shared by the project scripts (plain Node, no build step).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", cwd: root, ...options });
  if (result.status !== 0) {
    console.error(`\n${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
  return result;
}

export const prismaCli = path.join(root, "node_modules", "prisma", "build", "index.js");

export function prisma(args, options) {
  return run(process.execPath, [prismaCli, ...args], options);
}
