// Prisma CLI configuration. Only the WebAssembly (JS) schema engine works offline, so the
// CLI talks to SQLite through the same driver adapter the app uses (docs/decisions/002-database-and-migrations.md).
import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { createSqliteAdapter } from "./app/lib/sqlite-adapter.server";

// Prisma skips .env when a config file exists; load it ourselves.
if (fs.existsSync(".env")) process.loadEnvFile(".env");
process.env.DATABASE_URL ??= "file:./data/uptake.db";
const databaseUrl = process.env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => createSqliteAdapter(databaseUrl),
});
