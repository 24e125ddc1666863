// The import boundaries of app/ (decision 017): routes → module surfaces → lib.
//  - lib never imports a module or a route (by `~/` or by relative path);
//  - a route or another module imports a module only through its public surface,
//    `~/modules/<name>` (browser-safe) or `~/modules/<name>/index.server`;
//  - nothing imports a route;
//  - browser code (any file of lib or a module that is not `*.server`) never imports `*.server`;
//  - a route never imports the database client: data goes through a module.
import path from "node:path";

const APP = "app";

/** Where a file of app/ sits: its layer, its module and whether it runs in the browser. */
function place(file) {
  const parts = file.split("/");
  if (parts[0] !== APP) return { layer: "outside" };
  const base = parts[parts.length - 1];
  const server = /\.server\.[cm]?[jt]sx?$/.test(base) || /^entry\.server\./.test(base);
  if (parts[1] === "modules" && parts.length > 2) {
    return { layer: "module", module: parts[2], rest: parts.slice(3).join("/"), server };
  }
  if (parts[1] === "lib") return { layer: "lib", server };
  return { layer: "route", server: true };
}

function stripExtension(file) {
  return file.replace(/\.[cm]?[jt]sx?$/, "").replace(/\/index$/, "");
}

/** The app-relative target of an import, or null for packages and files outside app/. */
function resolveTarget(source, importer, cwd) {
  let absolute;
  if (source.startsWith("~/")) absolute = path.join(cwd, APP, source.slice(2));
  else if (source.startsWith(".")) absolute = path.resolve(path.dirname(importer), source);
  else return null;
  const relative = path.relative(cwd, absolute).split(path.sep).join("/");
  return relative.startsWith(`${APP}/`) ? relative : null;
}

const messages = {
  libImportsModule: "app/lib must not import a module ({{target}}): lib sits below modules.",
  importsRoute: "Nothing imports a route file ({{target}}).",
  notSurface:
    "Import the {{module}} module through its public surface (~/modules/{{module}} or ~/modules/{{module}}/index.server), not {{target}}.",
  browserImportsServer: "Browser code must not import server code ({{target}}).",
  routeImportsDatabase:
    "A route never uses the database client: call a module's server API instead.",
};

export const boundaries = {
  meta: {
    type: "problem",
    docs: { description: "Import boundaries between routes, modules and lib" },
    schema: [],
    messages,
  },
  create(context) {
    const cwd = context.cwd;
    const importer = context.filename;
    const from = place(path.relative(cwd, importer).split(path.sep).join("/"));
    if (from.layer === "outside") return {};

    function check(node, source) {
      if (typeof source !== "string") return;
      const target = resolveTarget(source, importer, cwd);
      if (!target) return;
      const to = place(target);
      const report = (messageId, data = {}) =>
        context.report({ node, messageId, data: { target: source, ...data } });
      const targetPath = stripExtension(target);
      if (to.layer === "route" && !/^app\/(root|routes\.ts)/.test(target)) {
        if (targetPath.startsWith("app/routes/")) return report("importsRoute");
      }
      if (to.layer === "module") {
        if (from.layer === "lib") return report("libImportsModule");
        const surface = `app/modules/${to.module}`;
        const isSurface = targetPath === surface || targetPath === `${surface}/index.server`;
        if (from.module !== to.module && !isSurface) {
          return report("notSurface", { module: to.module });
        }
      }
      const targetIsServer = /\.server$/.test(targetPath);
      if (!from.server && targetIsServer) return report("browserImportsServer");
      if (from.layer === "route" && targetPath === "app/lib/db.server") {
        return report("routeImportsDatabase");
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === "Literal" && check(node, node.source.value),
    };
  },
};

export default { rules: { boundaries } };
