import { afterAll, afterEach, beforeEach, vi } from "vitest";
import { dropDatabase, freshDatabaseUrl } from "./test-database";

// Each test file gets its own copy of the migrated base database (test-database.ts).
const databaseUrl = await freshDatabaseUrl();
process.env.DATABASE_URL = databaseUrl;
process.env.NODE_ENV = "test";

let unexpectedErrors: unknown[][] = [];

beforeEach(() => {
  unexpectedErrors = [];
  // An unexpected console.error fails the test that caused it.
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    unexpectedErrors.push(args);
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  if (unexpectedErrors.length > 0) {
    throw new Error(`console.error was called: ${JSON.stringify(unexpectedErrors.map(String))}`);
  }
});

afterAll(async () => {
  const { disconnectDb } = await import("~/lib/db.server");
  await disconnectDb();
  await dropDatabase(databaseUrl);
});
