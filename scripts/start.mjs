// `npm start`: build when the sources changed, apply migrations, seed the demo on an empty
// database, then serve the production build on http://localhost:3000.
import path from "node:path";
import { buildIsStale, prisma, root, run } from "./lib.mjs";

if (buildIsStale()) run("npm", ["run", "build"]);

prisma(["migrate", "deploy"]);
run(process.execPath, [
  path.join(root, "node_modules", "tsx", "dist", "cli.mjs"),
  "scripts/seed.ts",
]);

process.env.NODE_ENV ??= "production";
await import(path.join(root, "scripts", "server.mjs"));
