// `npm run dev`: apply migrations, then the same server as production in development mode:
// Vite inside it, sources rendered as they change, hot reload in the browser.
import path from "node:path";
import { prisma, root } from "./lib.mjs";

prisma(["migrate", "deploy"]);
process.env.NODE_ENV = "development";
await import(path.join(root, "scripts", "server.mjs"));
