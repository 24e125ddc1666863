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
});
