// Small helpers shared by the project scripts (plain Node, no build step).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// Settings from .env (see .env.example); variables already set in the environment win.
if (fs.existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));

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

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** True when there is no production build, or app/ or package.json changed after it. */
export function buildIsStale() {
  const builtServer = path.join(root, "build", "server", "index.js");
  if (!fs.existsSync(builtServer)) return true;
  const sources = Math.max(
    newestMtime(path.join(root, "app")),
    fs.statSync(path.join(root, "package.json")).mtimeMs,
  );
  return sources > fs.statSync(builtServer).mtimeMs;
}

/** A TCP port on 127.0.0.1 that nothing listens on now (for servers that scripts start). */
export function freePort() {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}
