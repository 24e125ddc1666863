// `npm run test:pg` / `test:e2e:pg`: runs a test command against PostgreSQL. The tests create
// and drop their own databases through UPTAKE_TEST_POSTGRES_URL, a role allowed to create
// databases; the default is the local role `.ci/run` creates (README, "PostgreSQL").
import { spawnSync } from "node:child_process";
import { root } from "./lib.mjs";

const DEFAULT_URL = "postgresql://uptake:uptake@localhost:5432/uptake";
const [command, ...args] = process.argv.slice(2);
const bin = command === "vitest" ? "node_modules/vitest/vitest.mjs" : undefined;
const result = spawnSync(bin ? process.execPath : command, [...(bin ? [bin] : []), ...args], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    UPTAKE_TEST_POSTGRES_URL: process.env.UPTAKE_TEST_POSTGRES_URL ?? DEFAULT_URL,
  },
});
process.exit(result.status ?? 1);
