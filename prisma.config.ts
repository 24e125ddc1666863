// Prisma CLI configuration. Only the WebAssembly (JS) schema engine works offline, so the
// CLI talks to the database through the same driver adapters the app uses; DATABASE_URL's
// scheme picks the schema, its migrations and the adapter (docs/decisions/002 and 021).
import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { databaseProviderOf } from "./app/lib/database-provider";
import { createPgAdapter } from "./app/lib/pg-adapter.server";
import { createSqliteAdapter } from "./app/lib/sqlite-adapter.server";

// Prisma skips .env when a config file exists; load it ourselves.
if (fs.existsSync(".env")) process.loadEnvFile(".env");
process.env.DATABASE_URL ??= "file:./data/uptake.db";
const databaseUrl = process.env.DATABASE_URL;
const provider = databaseProviderOf(databaseUrl);
if (!provider) throw new Error(`DATABASE_URL must start with file: or postgresql://`);
const folder = provider === "postgresql" ? path.join("prisma", "postgresql") : "prisma";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(folder, "schema.prisma"),
  migrations: { path: path.join(folder, "migrations") },
  adapter: async () =>
    provider === "postgresql"
      ? createPgAdapter(databaseUrl, { forCli: true })
      : createSqliteAdapter(databaseUrl),
});
