// postinstall: generate both Prisma clients (engine-free "client" engine, works offline): the
// SQLite one from prisma/schema.prisma and the PostgreSQL one from prisma/postgresql/schema.prisma,
// which only `npm run db:migration` rewrites (it diffs the previous one against the next).
// The config picks the schema by DATABASE_URL's scheme; nothing connects.
import { prisma } from "./lib.mjs";

prisma(["generate"], { env: { ...process.env, DATABASE_URL: "file:./data/uptake.db" } });
prisma(["generate"], {
  env: { ...process.env, DATABASE_URL: "postgresql://generate@localhost/generate" },
});
