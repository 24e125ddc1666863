import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

// A database folder per run (global-setup.ts reads it here, the test workers through `env`).
process.env.UPTAKE_TEST_DB_DIR ??= `test/.db/run-${process.pid}`;

// Tests of SQLite-only code, left out of the PostgreSQL pass: the SQLite history's data
// migration to enums and Json columns (PostgreSQL's history starts after it).
const SQLITE_ONLY = ["test/integration/enums-json-migration.test.ts"];
// Tests of PostgreSQL-only features, left out of the SQLite pass: `?schema=` in backups.
const POSTGRES_ONLY = ["test/integration/backups-postgres-schema.test.ts"];
const onPostgres = Boolean(process.env.UPTAKE_TEST_POSTGRES_URL);

// Unit and integration tests on real databases, a migrated base copied per test file:
// SQLite files, or PostgreSQL with UPTAKE_TEST_POSTGRES_URL (`npm run test:pg`).
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/e2e/**", "node_modules/**", ...(onPostgres ? SQLITE_ONLY : POSTGRES_ONLY)],
    globalSetup: ["test/support/global-setup.ts"],
    setupFiles: ["test/support/setup-db.ts"],
    env: {
      UPTAKE_TEST_DB_DIR: process.env.UPTAKE_TEST_DB_DIR,
      ...(onPostgres ? { UPTAKE_TEST_POSTGRES_URL: process.env.UPTAKE_TEST_POSTGRES_URL } : {}),
    },
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
