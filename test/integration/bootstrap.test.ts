import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { freshDatabaseUrl } from "../support/test-database";

// The scripts run as a newcomer would, each on its own copy of the migrated base database.
const freshDatabase = freshDatabaseUrl;

function run(script: string, args: string[], env: Record<string, string>) {
  return execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", script, ...args], {
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
}

describe("first start", () => {
  it("with UPTAKE_DEMO=off starts empty and explains how to create the first admin, which then works", async () => {
    const DATABASE_URL = await freshDatabase();
    const seedOutput = run("scripts/seed.ts", [], { DATABASE_URL, UPTAKE_DEMO: "off" });
    expect(seedOutput).toContain("npm run create-admin");
    const created = run(
      "scripts/create-admin.ts",
      ["--email", "Boss@Example.com", "--name", "Big Boss"],
      {
        DATABASE_URL,
      },
    );
    expect(created).toContain("Administrator boss@example.com created.");
    expect(created).toMatch(/Temporary password: \S{10,}/);
  }, 60_000);

  it("seeds the demo company only into an empty database", async () => {
    const DATABASE_URL = await freshDatabase();
    expect(run("scripts/seed.ts", [], { DATABASE_URL, UPTAKE_DEMO: "on" })).toContain(
      "Demo company created",
    );
    expect(run("scripts/seed.ts", [], { DATABASE_URL, UPTAKE_DEMO: "on" })).not.toContain(
      "Demo company created",
    );
  }, 60_000);
});
