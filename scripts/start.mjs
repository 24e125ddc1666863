// `npm start`: build when the sources changed, apply migrations, seed the demo on an empty
// database, then serve the production build on http://localhost:3000.
import fs from "node:fs";
import path from "node:path";
import { prisma, root, run } from "./lib.mjs";

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const builtServer = path.join(root, "build", "server", "index.js");
const sourcesChanged =
  !fs.existsSync(builtServer) ||
  Math.max(newestMtime(path.join(root, "app")), fs.statSync(path.join(root, "package.json")).mtimeMs) >
    fs.statSync(builtServer).mtimeMs;
if (sourcesChanged) run("npm", ["run", "build"]);

prisma(["migrate", "deploy"]);
run(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/seed.ts"]);

process.env.NODE_ENV ??= "production";
await import(path.join(root, "scripts", "server.mjs"));
