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

// The memo above only helps when the same route array comes back. A document request renders
// through routes that Remix and React Router rebuild from the build's manifest each time
// (the route modules' map, the server routes, the static router's data routes), so the
// render's matchRoutes flattened and ranked all routes on every page anyway (0.4 ms of a
// 9 ms sign-in page with 109 routes, plus the rebuilding). The three are pure functions of
// the build, which never changes in a running server: each is kept per build object.
const entryRouteModules = {
  file: "node_modules/@remix-run/server-runtime/dist/entry.js",
  version: {
    packageJson: "node_modules/@remix-run/server-runtime/package.json",
    expected: "2.17.5",
  },
  edits: [
    {
      name: "entry-route-modules",
      find: "function createEntryRouteModules(manifest) {\n  return Object.keys(manifest)",
      replace: [
        `${MARKER}entry-route-modules: one map per build's routes, never mutated */`,
        "const entryRouteModulesByManifest = new WeakMap();",
        "function createEntryRouteModules(manifest) {",
        "  let modules = entryRouteModulesByManifest.get(manifest);",
        "  if (!modules) {",
        "    modules = createEntryRouteModulesUncached(manifest);",
        "    entryRouteModulesByManifest.set(manifest, modules);",
        "  }",
        "  return modules;",
        "}",
        "function createEntryRouteModulesUncached(manifest) {\n  return Object.keys(manifest)",
      ].join("\n"),
    },
  ],
};
const serverRoutes = {
  file: "node_modules/@remix-run/react/dist/routes.js",
  version: { packageJson: "node_modules/@remix-run/react/package.json", expected: "2.17.5" },
  edits: [
    {
      name: "server-routes",
      find: 'function createServerRoutes(manifest, routeModules, future, isSpaMode, parentId = "", ',
      replace: [
        `${MARKER}server-routes: the top-level call, once per manifest, route modules and mode */`,
        "const serverRoutesByManifest = new WeakMap();",
        "function createServerRoutes(manifest, routeModules, future, isSpaMode, ...nested) {",
        "  if (nested.length > 0) return createServerRoutesUncached(manifest, routeModules, future, isSpaMode, ...nested);",
        "  let byModules = serverRoutesByManifest.get(manifest);",
        "  if (!byModules) {",
        "    byModules = new WeakMap();",
        "    serverRoutesByManifest.set(manifest, byModules);",
        "  }",
        "  let cached = byModules.get(routeModules);",
        "  if (!cached || cached.isSpaMode !== isSpaMode || cached.future !== future) {",
        "    cached = { isSpaMode, future, routes: createServerRoutesUncached(manifest, routeModules, future, isSpaMode) };",
        "    byModules.set(routeModules, cached);",
        "  }",
        "  return cached.routes;",
        "}",
        'function createServerRoutesUncached(manifest, routeModules, future, isSpaMode, parentId = "", ',
      ].join("\n"),
    },
    {
      name: "server-routes-recursion",
      find: "    let children = createServerRoutes(manifest, routeModules, future, isSpaMode, route.id, routesByParentId, spaModeLazyPromise);",
      replace:
        "    let children = createServerRoutesUncached(manifest, routeModules, future, isSpaMode, route.id, routesByParentId, spaModeLazyPromise); " +
        MARKER +
        "server-routes-recursion */",
    },
  ],
};
const staticDataRoutes = {
  file: "node_modules/react-router-dom/server.js",
  version: { packageJson: "node_modules/react-router-dom/package.json", expected: "6.30.4" },
  edits: [
    {
      name: "static-data-routes",
      find: "function createStaticRouter(routes, context, opts = {}) {\n  let manifest = {};\n  let dataRoutes = router.UNSAFE_convertRoutesToDataRoutes(routes, reactRouter.UNSAFE_mapRouteProperties, undefined, manifest);",
      replace: [
        `${MARKER}static-data-routes: data routes once per route array (read-only while rendering) */`,
        "const staticDataRoutesByRoutes = new WeakMap();",
        "function createStaticRouter(routes, context, opts = {}) {",
        "  let converted = staticDataRoutesByRoutes.get(routes);",
        "  if (!converted) {",
        "    let manifest = {};",
        "    let dataRoutes = router.UNSAFE_convertRoutesToDataRoutes(routes, reactRouter.UNSAFE_mapRouteProperties, undefined, manifest);",
        "    converted = { manifest, dataRoutes };",
        "    staticDataRoutesByRoutes.set(routes, converted);",
        "  }",
        "  let { manifest, dataRoutes } = converted;",
      ].join("\n"),
    },
  ],
};

export const PATCHES = [routerBranches, entryRouteModules, serverRoutes, staticDataRoutes];

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
