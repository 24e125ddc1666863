// `npm run validate`: the checks a change must pass before it is pushed, in order, stopping at
// the first that fails. Each step is an npm script, so what runs here is what runs alone.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { root } from "./lib.mjs";

const STEPS = ["typecheck", "lint", "format:check", "test"];
const { scripts } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

const started = Date.now();
for (const [index, step] of STEPS.entries()) {
  console.log(`\n▶ validate ${index + 1}/${STEPS.length}: npm run ${step} (${scripts[step]})`);
  const stepStarted = Date.now();
  const result = spawnSync("npm", ["run", "--silent", step], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    const skipped = STEPS.slice(index + 1);
    console.error(
      `\n✗ validate: ${step} failed (exit ${result.status ?? result.signal}) after ${seconds(stepStarted)}` +
        (skipped.length > 0 ? `; not run: ${skipped.join(", ")}` : ""),
    );
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${step} (${seconds(stepStarted)})`);
}
console.log(`\n✓ validate: ${STEPS.join(", ")} passed in ${seconds(started)}`);
