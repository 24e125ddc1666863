import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

// A database folder per run (global-setup.ts reads it here, the test workers through `env`).
process.env.UPTAKE_TEST_DB_DIR ??= `test/.db/run-${process.pid}`;

// Unit and integration tests: real SQLite files, a migrated base copied per test file.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/e2e/**", "node_modules/**"],
    globalSetup: ["test/support/global-setup.ts"],
    setupFiles: ["test/support/setup-db.ts"],
    env: { UPTAKE_TEST_DB_DIR: process.env.UPTAKE_TEST_DB_DIR },
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
