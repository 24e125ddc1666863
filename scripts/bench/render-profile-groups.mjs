// The share of self time by package group, one line per .cpuprofile in a folder (decision
// 030): node scripts/bench/render-profile-groups.mjs <dir of render-cpu.mjs --profile>
import fs from "node:fs";
import path from "node:path";
const dir = process.argv[2];
const groupOf = (f) => {
  const url = f.url ?? "";
  if (f.functionName === "(garbage collector)") return "gc";
  if (url.includes("@mantine")) return "mantine";
  if (/node_modules\/(react-dom|react|scheduler)\//.test(url)) return "react";
  if (url.startsWith("wasm://") || url.includes("@prisma") || url.includes("better-sqlite3"))
    return "prisma";
  if (url.includes("i18next")) return "i18n";
  if (url.includes("recharts") || url.includes("d3-") || url.includes("victory")) return "charts";
  if (url.includes("build/server")) return "app";
  if (!url) return "native";
  if (url.startsWith("node:")) return "node";
  return "other";
};
const G = ["mantine", "react", "prisma", "i18n", "app", "native", "node", "gc", "other"];
console.log("profile".padEnd(44) + G.map((g) => g.padStart(8)).join(""));
for (const file of fs.readdirSync(dir).sort()) {
  const p = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const sums = Object.fromEntries(G.map((g) => [g, 0]));
  let total = 0;
  p.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    // The profiler's own stop call (node:inspector post → dispatch) is not the page's.
    if (
      f.functionName === "(idle)" ||
      f.functionName === "(program)" ||
      (f.functionName === "dispatch" && !f.url)
    )
      return;
    const dt = p.timeDeltas[i] ?? 0;
    sums[groupOf(f)] += dt;
    total += dt;
  });
  console.log(
    file.replace(".cpuprofile", "").slice(0, 43).padEnd(44) +
      G.map((g) => `${((100 * sums[g]) / total).toFixed(0)}%`.padStart(8)).join(""),
  );
}
