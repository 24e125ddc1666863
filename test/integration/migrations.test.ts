import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import {
  POSTGRES_MIGRATIONS,
  POSTGRES_SCHEMA,
  SOURCE_SCHEMA,
  SQLITE_MIGRATIONS,
  postgresSchemaOf,
} from "../../scripts/postgres-schema.mjs";
import { TEST_PROVIDER } from "../support/test-database";

/** Exit code of `migrate diff` from a migrations folder (replayed) to a schema: 0 = equal. */
function diffExitCode(migrations: string, schema: string) {
  const result = spawnSync(
    process.execPath,
    [
      "node_modules/prisma/build/index.js",
      "migrate",
      "diff",
      "--from-migrations",
      migrations,
      "--to-schema-datamodel",
      schema,
      "--exit-code",
    ],
    // The config picks the provider's adapter (the shadow database) from DATABASE_URL.
    { env: { ...process.env }, encoding: "utf8" },
  );
  return { status: result.status, output: result.stdout + result.stderr };
}

describe("one schema, two providers' migrations (decision 021)", () => {
  it("the PostgreSQL schema is the one generated from the source schema", () => {
    const committed = fs.readFileSync(POSTGRES_SCHEMA, "utf8");
    expect(committed).toBe(postgresSchemaOf(fs.readFileSync(SOURCE_SCHEMA, "utf8")));
    expect(committed).toContain('provider = "postgresql"');
  });

  it("replaying this provider's migrations gives exactly its schema", () => {
    const [migrations, schema] =
      TEST_PROVIDER === "postgresql"
        ? [POSTGRES_MIGRATIONS, POSTGRES_SCHEMA]
        : [SQLITE_MIGRATIONS, SOURCE_SCHEMA];
    const { status, output } = diffExitCode(migrations, schema);
    expect(output).not.toContain("Error");
    expect(status).toBe(0);
  }, 60_000);

  it("a schema change without its migration is found", () => {
    const changed = fs
      .readFileSync(TEST_PROVIDER === "postgresql" ? POSTGRES_SCHEMA : SOURCE_SCHEMA, "utf8")
      .replace(/(model User \{\n)/, "$1  notMigrated Int @default(0)\n");
    const file = `${process.env.UPTAKE_TEST_DB_DIR}/changed-${process.pid}.prisma`;
    fs.writeFileSync(file, changed);
    const migrations = TEST_PROVIDER === "postgresql" ? POSTGRES_MIGRATIONS : SQLITE_MIGRATIONS;
    expect(diffExitCode(migrations, file).status).toBe(2);
  }, 60_000);
});
