// Small, checked edits to installed dependencies, applied after every install (postinstall).
// Each patch names the exact text it replaces: when an upgrade changes that text, the install
// fails with a clear message instead of silently running unpatched (decision 026).
//
//   node scripts/patch-dependencies.mjs          apply (idempotent)
//   node scripts/patch-dependencies.mjs --check  exit 1 if a patch is not applied
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const MARKER = "/* uptake-patch:";

// React Router 6 (under Remix 2) flattens, ranks and regex-compiles every route on every
// matchRoutes call, and a document request calls it four times: 11 % of the sign-in page's
// server CPU. The server's route arrays are built once per build, so their ranked branches
// and compiled patterns can be kept. Only the CommonJS build is patched: it is the one Node
// loads; the browser bundle (ESM) patches routes at run time and stays untouched.
const routerBranches = {
  file: "node_modules/@remix-run/router/dist/router.cjs.js",
  version: { packageJson: "node_modules/@remix-run/router/package.json", expected: "1.23.3" },
  edits: [
    {
      name: "ranked-branches",
      find: "  let branches = flattenRoutes(routes);\n  rankRouteBranches(branches);\n  let matches = null;\n  let decoded = decodePath(pathname);",
      replace:
        "  let branches = rankedBranchesOf(routes); " +
        MARKER +
        "ranked-branches */\n  let matches = null;\n  let decoded = decodePath(pathname);",
    },
    {
      name: "ranked-branches-cache",
      find: "function matchRoutesImpl(routes, locationArg, basename, allowPartial) {",
      replace: [
        `${MARKER}ranked-branches-cache: route arrays are never mutated on the server */`,
        "const rankedBranchesByRoutes = new WeakMap();",
        "function rankedBranchesOf(routes) {",
        "  let branches = rankedBranchesByRoutes.get(routes);",
        "  if (!branches) {",
        "    branches = flattenRoutes(routes);",
        "    rankRouteBranches(branches);",
        "    rankedBranchesByRoutes.set(routes, branches);",
        "  }",
        "  return branches;",
        "}",
        "function matchRoutesImpl(routes, locationArg, basename, allowPartial) {",
      ].join("\n"),
    },
    {
      name: "compiled-paths",
      find: "function compilePath(path, caseSensitive, end) {\n  if (caseSensitive === void 0) {",
      replace: [
        `${MARKER}compiled-paths: a pattern compiles to the same RegExp every time (no g flag) */`,
        "const compiledPaths = new Map();",
        "function compilePath(path, caseSensitive, end) {",
        '  const key = (caseSensitive ? "c" : "i") + (end === false ? "p" : "e") + path;',
        "  let compiled = compiledPaths.get(key);",
        "  if (!compiled) {",
        "    if (compiledPaths.size >= 1000) compiledPaths.clear();",
        "    compiled = compilePathUncached(path, caseSensitive, end);",
        "    compiledPaths.set(key, compiled);",
        "  }",
        "  return compiled;",
        "}",
        "function compilePathUncached(path, caseSensitive, end) {\n  if (caseSensitive === void 0) {",
      ].join("\n"),
    },
  ],
};

export const PATCHES = [routerBranches];

/** Applies every patch; returns the names of the edits that were not applied yet. */
export function applyPatches({ check = false } = {}) {
  const missing = [];
  for (const patch of PATCHES) {
    const version = JSON.parse(
      fs.readFileSync(path.join(root, patch.version.packageJson), "utf8"),
    ).version;
    if (version !== patch.version.expected) {
      throw new Error(
        `${patch.file}: expected version ${patch.version.expected}, found ${version}; ` +
          "update the patch in scripts/patch-dependencies.mjs (or drop it if upstream fixed it)",
      );
    }
    const file = path.join(root, patch.file);
    let source = fs.readFileSync(file, "utf8");
    for (const edit of patch.edits) {
      if (source.includes(`${MARKER}${edit.name}`)) continue;
      missing.push(edit.name);
      if (check) continue;
      if (!source.includes(edit.find)) {
        throw new Error(`${patch.file}: the text patch "${edit.name}" replaces is not there`);
      }
      source = source.replace(edit.find, edit.replace);
    }
    if (!check) fs.writeFileSync(file, source);
  }
  return missing;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes("--check");
  const missing = applyPatches({ check });
  if (check && missing.length > 0) {
    console.error(`dependency patches not applied: ${missing.join(", ")}`);
    process.exit(1);
  }
}
