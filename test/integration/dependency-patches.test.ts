import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { applyPatches } from "../../scripts/patch-dependencies.mjs";

// Node's server build loads the router's CommonJS file, the one the patch edits.
const router = createRequire(import.meta.url)(
  "@remix-run/router",
) as typeof import("@remix-run/router");

describe("the dependency patches (scripts/patch-dependencies.mjs)", () => {
  it("are applied to the installed packages", () => {
    expect(applyPatches({ check: true })).toEqual([]);
  });

  it("keep route matching right when the ranked branches are reused", () => {
    const routes = [
      {
        id: "root",
        path: "/",
        children: [
          { id: "course", path: "learn/:courseId" },
          { id: "catalogue", path: "learn/catalogue" },
          { id: "rest", path: "*" },
        ],
      },
    ];
    const idsFor = (pathname: string) =>
      router.matchRoutes(routes, pathname)?.map((match) => match.route.id);
    for (let i = 0; i < 3; i++) {
      expect(idsFor("/learn/catalogue")).toEqual(["root", "catalogue"]);
      expect(router.matchRoutes(routes, "/learn/c-42")?.[1]?.params).toEqual({ courseId: "c-42" });
      expect(idsFor("/nowhere")).toEqual(["root", "rest"]);
    }
    // Another route array (another build) gets its own branches, not the first one's.
    const other = [{ id: "other", path: "/learn/:courseId" }];
    expect(router.matchRoutes(other, "/learn/catalogue")?.map((m) => m.route.id)).toEqual([
      "other",
    ]);
    expect(
      router.matchPath({ path: "/learn/:courseId", end: false }, "/learn/x/quiz")?.params,
    ).toEqual({
      courseId: "x",
    });
    expect(router.matchPath("/learn/:courseId", "/learn/x/quiz")).toBeNull();
  });

  it("rebuild a document request's routes once per build, and per build", () => {
    const require = createRequire(import.meta.url);
    const { createEntryRouteModules } = require("@remix-run/server-runtime/dist/entry.js") as {
      createEntryRouteModules: (routes: object) => Record<string, unknown>;
    };
    const { createServerRoutes } = require("@remix-run/react/dist/routes.js") as {
      createServerRoutes: (...args: unknown[]) => Array<{ id: string; children?: unknown[] }>;
    };
    const { createStaticRouter } = require("react-router-dom/server") as {
      createStaticRouter: (routes: unknown, context: unknown) => { routes: unknown[] };
    };
    const buildRoutes = (suffix: string) => ({
      root: { id: "root", path: "", module: { default: () => null } },
      [`routes/a${suffix}`]: {
        id: `routes/a${suffix}`,
        parentId: "root",
        path: "a",
        module: { default: () => null },
      },
    });
    const manifestOf = (routes: ReturnType<typeof buildRoutes>) =>
      Object.fromEntries(
        Object.values(routes).map((route) => [
          route.id,
          { ...route, module: `/${route.id}.js`, hasLoader: false },
        ]),
      );
    const first = buildRoutes("");
    const firstManifest = manifestOf(first);
    const modules = createEntryRouteModules(first);
    expect(createEntryRouteModules(first)).toBe(modules);
    const future = {};
    const routes = createServerRoutes(firstManifest, modules, future, false);
    expect(createServerRoutes(firstManifest, modules, future, false)).toBe(routes);
    expect(createServerRoutes(firstManifest, modules, future, true)).not.toBe(routes);
    expect(routes.map((route) => route.id)).toEqual(["root"]);
    expect((routes[0]!.children as Array<{ id: string }>).map((route) => route.id)).toEqual([
      "routes/a",
    ]);
    // Another build (another manifest) gets its own routes, not the first one's.
    const second = buildRoutes("-2");
    const secondRoutes = createServerRoutes(
      manifestOf(second),
      createEntryRouteModules(second),
      future,
      false,
    );
    expect(secondRoutes).not.toBe(routes);
    expect((secondRoutes[0]!.children as Array<{ id: string }>)[0]!.id).toBe("routes/a-2");
    // The static router's data routes are kept per route array; its matches stay per request.
    const context = (id: string) => ({
      matches: [{ route: { id }, params: {}, pathname: "/", pathnameBase: "/" }],
      location: { pathname: "/" },
      loaderData: {},
    });
    const one = createStaticRouter(routes, context("root"));
    const two = createStaticRouter(routes, context("root"));
    expect(two.routes).toBe(one.routes);
    expect(createStaticRouter(secondRoutes, context("root")).routes).not.toBe(one.routes);
  });
});
